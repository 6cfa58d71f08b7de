import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

/// `Store.load` of a large file: the fast decoder reads it a window at a time and hands each
/// window's pages back once read (and keeps one copy of texts the items repeat), and when it gives
/// up part-way the file is read again, whole, for the validating path — so a problem near the end
/// is reported as it is, never as bytes not read or handed back.
final class ReleasingLoadTests: XCTestCase {
    let today = Day(year: 2026, month: 11, day: 23)!

    private func largeFile() throws -> (path: String, network: Network, bytes: [UInt8]) {
        let network = Demo.network(today: today, contacts: 5000, networks: 100, interactions: 15000, seed: 9)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-release-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/network.json"
        try Store.save(network, to: path)
        let bytes = try XCTUnwrap(Store.readBytes(path))
        XCTAssertGreaterThanOrEqual(bytes.count, NetworkCodec.windowedBytes, "large enough to be read a window at a time")
        return (path, network, bytes)
    }

    func testALargeFileLoadsAsItWasSaved() throws {
        let (path, network, bytes) = try largeFile()
        let loaded = try XCTUnwrap(Store.load(path))
        XCTAssert(loaded.network == network)
        XCTAssert(loaded.network == NetworkCodec.decodeTree(bytes).network)
        // Texts repeated across items share one copy, and are equal all the same.
        let notes = loaded.network.interactions.map(\.note).filter { $0.utf8.count > 15 }
        XCTAssertLessThan(Set(notes).count * 10, notes.count, "the demo's notes repeat")
        // Each interaction's contact is that contact's own id, not another copy of it.
        func storage(_ s: String) -> UnsafeRawPointer? {
            s.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress!) }
        }
        let ids = Dictionary(loaded.network.contacts.map { ($0.id, storage($0.id)) }, uniquingKeysWith: { a, _ in a })
        let log = loaded.network.interactions
        XCTAssertFalse(log.isEmpty)
        for i in log { XCTAssertEqual(storage(i.contact), ids[i.contact] ?? nil, "interaction \(i.id)") }
    }

    func testAProblemNearTheEndIsReportedFromTheFileReadAgain() throws {
        let (path, _, bytes) = try largeFile()
        // The last interaction's kind off its list: the fast path gives up there, after handing
        // back the pages of everything before it.
        var text = String(decoding: bytes, as: UTF8.self)
        let log = try XCTUnwrap(text.range(of: "\"interactions\": ["))
        let next = try XCTUnwrap(text.range(of: "\n  ]", range: log.upperBound..<text.endIndex))
        let last = try XCTUnwrap(text.range(of: "\"kind\": \"", options: .backwards, range: log.upperBound..<next.lowerBound))
        let end = try XCTUnwrap(text[last.upperBound...].firstIndex(of: "\""))
        text.replaceSubrange(last.upperBound..<end, with: "dance")
        let broken = Array(text.utf8)
        try Store.write(broken, to: path)
        let expected = NetworkCodec.decodeTree(broken).problems
        XCTAssertEqual(expected.count, 1)
        XCTAssertThrowsError(try Store.load(path)) { error in
            XCTAssertEqual((error as? StoreError)?.problems, expected)
        }
    }

    /// `FastDecoder.decode(file:)` of `bytes` written to a file.
    private func windowed(_ bytes: [UInt8], windowBytes: Int, chunks: Int, minChunkBytes: Int) throws -> Network? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-windows-\(UUID().uuidString.prefix(8))").path
        defer { unlink(path) }
        try Store.write(bytes, to: path)
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        return FastDecoder.decode(file: fd, size: bytes.count, windowBytes: windowBytes, chunks: chunks, minChunkBytes: minChunkBytes)?.network
    }

    func testWindowsOfAnySizeReadWhatTheWholeFileHolds() throws {
        var network = Demo.network(today: today, contacts: 300, networks: 12, interactions: 900, seed: 4)
        // Values the fast decoder hands to the validating path's parser (escaped strings, unknown
        // keys), spread over the file so that windows end inside and around them.
        for i in stride(from: 0, to: network.contacts.count, by: 7) {
            network.contacts[i].notes = "said \"hei\" \\ then\nleft\t\(i)"
            network.contacts[i].extra["x-note"] = .object(["n": .number("\(i)"), "list": .array([.string("ä\"ö"), .null])])
        }
        for i in stride(from: 0, to: network.interactions.count, by: 11) { network.interactions[i].note = "line\nbreak \(i)" }
        let bytes = NetworkCodec.encode(network)
        XCTAssert(NetworkCodec.decodeTree(bytes).network == network)
        // Windows from a few items to the whole file, lists in one piece and in chunks whose
        // windows end where the next chunk starts.
        for (windowBytes, chunks) in [(4096, 1), (4096, 3), (10_000, 2), (65_536, 4), (1 << 20, 2), (bytes.count * 2, 3)] {
            let read = try windowed(bytes, windowBytes: windowBytes, chunks: chunks, minChunkBytes: 2048)
            XCTAssert(read == network, "windows of \(windowBytes) bytes, \(chunks) chunks")
        }
    }

    func testAnItemLargerThanHalfAWindowIsLeftToTheValidatingPath() throws {
        var network = Demo.network(today: today, contacts: 40, networks: 2, interactions: 80, seed: 5)
        network.contacts[20].notes = String(repeating: "a long note ", count: 1000)
        let bytes = NetworkCodec.encode(network)
        XCTAssertNil(try windowed(bytes, windowBytes: 8192, chunks: 2, minChunkBytes: 1024), "12 kB of notes in 4 kB")
        XCTAssert(try windowed(bytes, windowBytes: 65_536, chunks: 2, minChunkBytes: 1024) == network)
    }

    func testALargeFileIsReadWholeInTwoHalves() throws {
        // 16 MB and more is read in two halves at once; every byte must land where it belongs.
        for size in [16 << 20, (16 << 20) + 12_345] {
            var r = SplitMix64(seed: UInt64(size))
            let bytes = (0..<size / 8).flatMap { _ in withUnsafeBytes(of: r.next()) { Array($0) } } + Array(repeating: 7, count: size % 8)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-read-\(UUID().uuidString.prefix(8))").path
            defer { unlink(path) }
            try Store.write(bytes, to: path)
            XCTAssert(try Store.readBytes(path) == bytes, "\(size) bytes")
        }
    }
}
