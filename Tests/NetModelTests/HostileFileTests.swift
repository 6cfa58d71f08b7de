import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import NetInterchange
@testable import Plumbing

/// Hostile files (docs/RELIABILITY.md): each is refused with a clear message (a newer schema opens
/// read-only), quickly and without crashing, and reading it changes nothing on disk.
final class HostileFileTests: XCTestCase {
    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    func testEveryHostileFileIsRefusedClearlyAndLeftUntouched() throws {
        let dir = try makeTempDir(self)
        var timings: [String] = []
        let all = DispatchTime.now()
        for c in HostileCorpus.cases {
            let path = dir + "/" + c.name + ".json"
            try c.make(path)
            let before = HostileCorpus.Snapshot(path)
            let start = DispatchTime.now()
            var outcome: HostileCorpus.Expect?
            do {
                if let loaded = try Store.load(path) {
                    outcome = .readOnly(loaded.readOnlyReason ?? "")
                    if let reason = loaded.readOnlyReason {
                        XCTAssertTrue(reason.contains("read-only"), "\(c.name): \(reason)")
                    } else {
                        XCTFail("\(c.name): opened for writing")
                    }
                } else {
                    XCTFail("\(c.name): reported as missing")
                }
            } catch {
                let text = ([error.message] + error.problems.map(\.description)).joined(separator: "\n")
                outcome = .refused(text)
                XCTAssertTrue(error.message.contains(path), "\(c.name): the message names the file: \(error.message)")
            }
            let took = Self.seconds(since: start)
            timings.append("\(c.name): \(String(format: "%.3f", took)) s")
            switch (c.expect, outcome) {
            case (.refused(let want), .refused(let got)?), (.readOnly(let want), .readOnly(let got)?):
                XCTAssertTrue(got.contains(want), "\(c.name): expected “\(want)” in:\n\(got.prefix(2000))")
            default:
                XCTFail("\(c.name): expected \(c.expect), got \(String(describing: outcome).prefix(2000))")
            }
            XCTAssertLessThan(took, 10, "\(c.name) took too long")
            XCTAssertEqual(HostileCorpus.Snapshot(path), before, "\(c.name): reading changed the file or its folder")
            try? FileManager.default.removeItem(atPath: path)
        }
        print("HostileFileTests: Store.load per file (\(HostileCorpus.cases.count) files, \(String(format: "%.2f", Self.seconds(since: all))) s including making them):\n  "
              + timings.joined(separator: "\n  "))
    }

    /// The limits are far above real files: a string just under the limit still loads.
    /// The importers take the same corpus: each file is refused with an error naming it, or read as
    /// (at most) a few records, and nothing crashes or hangs.
    func testTheImportersSurviveEveryHostileFile() throws {
        let dir = try makeTempDir(self)
        for c in HostileCorpus.cases {
            let path = dir + "/" + c.name + ".json"
            try c.make(path)
            for format in ImportFormat.allCases {
                let started = Date()
                do {
                    let records = try Importer.parse(path: path, format: format)
                    XCTAssertLessThan(records.count, 10, "\(c.name) as \(format.rawValue)")
                } catch {
                    XCTAssertEqual(error.path, path, "\(c.name) as \(format.rawValue): the error names the file")
                    XCTAssertFalse(error.message.isEmpty)
                }
                XCTAssertLessThan(Date().timeIntervalSince(started), 30, "\(c.name) as \(format.rawValue) took too long")
            }
        }
    }

    func testAStringJustUnderTheLimitLoads() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/long-note.json"
        let head = #"{"schemaVersion": 1, "contacts": [{"id": "c1", "name": "Long", "notes": ""#
        try HostileCorpus.writeRepeated(path, head: head, byte: UInt8(ascii: "y"), count: JSONParser.maxStringBytes - 1, tail: #""}]}"#)
        let loaded = try XCTUnwrap(try Store.load(path))
        XCTAssertEqual(loaded.network.contacts.first?.notes.utf8.count, JSONParser.maxStringBytes - 1)
        XCTAssertNil(loaded.readOnlyReason)
    }

    /// A string of exactly the limit is read (it was refused as "longer than 16 MiB"), on the fast
    /// path and the validating one; one byte more is refused.
    func testAStringOfExactlyTheLimitLoadsAndOneByteMoreIsRefused() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/limit-note.json"
        let head = #"{"schemaVersion": 1, "contacts": [{"id": "c1", "name": "Long", "notes": ""#
        try HostileCorpus.writeRepeated(path, head: head, byte: UInt8(ascii: "y"), count: JSONParser.maxStringBytes, tail: #""}]}"#)
        let file = try XCTUnwrap(Store.readBytes(path))
        XCTAssertEqual(FastDecoder.decode(file)?.contacts.first?.notes.utf8.count, JSONParser.maxStringBytes, "the fast path")
        XCTAssertEqual(NetworkCodec.decodeTree(file).network?.contacts.first?.notes.utf8.count, JSONParser.maxStringBytes,
                       "the validating path")
        XCTAssertEqual(try Store.load(path)?.network.contacts.first?.notes.utf8.count, JSONParser.maxStringBytes)
        try HostileCorpus.writeRepeated(path, head: head, byte: UInt8(ascii: "y"), count: JSONParser.maxStringBytes + 1, tail: #""}]}"#)
        XCTAssertThrowsError(try Store.load(path)) { error in
            XCTAssertEqual((error as? StoreError)?.problems.map(\.message), ["a string longer than 16 MiB"])
        }
    }

    func testAFileJustUnderTheSizeLimitIsRead() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/sparse.json"
        XCTAssertEqual(FileManager.default.createFile(atPath: path, contents: nil), true)
        XCTAssertEqual(truncate(path, off_t(Store.maxFileBytes)), 0)
        XCTAssertEqual(try Store.readBytes(path)?.count, Store.maxFileBytes)
        XCTAssertEqual(truncate(path, off_t(Store.maxFileBytes + 1)), 0)
        XCTAssertThrowsError(try Store.readBytes(path)) { error in
            XCTAssertEqual((error as? StoreError)?.message, "\(path) is too large: a data file may be at most 256 MiB")
        }
    }
}
