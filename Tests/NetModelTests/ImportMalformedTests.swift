import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import NetInterchange
@testable import Plumbing

/// Bad input gives an error naming the file, line and problem, and leaves the data file untouched —
/// tested through `Importer.run`, the whole `nettui import` path (lock, load, parse, merge, save).
final class ImportMalformedTests: XCTestCase {
    let now = Timestamp(iso: "2025-03-14T12:00:00Z")!

    func newID() -> () -> String {
        var n = 0
        return {
            n += 1
            return "id-\(n)"
        }
    }

    /// A data file holding the demo network, and its bytes.
    func dataFile() throws -> (path: String, bytes: [UInt8]) {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        try Store.save(Demo.network(today: testToday), to: path)
        return (path, try XCTUnwrap(Store.readBytes(path)))
    }

    func assertRefused(_ source: String, _ format: ImportFormat = .vcard, line: Int?, containing words: [String],
                       file: StaticString = #filePath, fileLine: UInt = #line) throws {
        let (path, before) = try dataFile()
        XCTAssertThrowsError(try Importer.run(source: source, format: format, dataFile: path, now: now, newID: newID()),
                             file: file, line: fileLine) { error in
            guard let e = error as? ImportError else { return XCTFail("\(error)", file: file, line: fileLine) }
            XCTAssertEqual(e.path, source, file: file, line: fileLine)
            XCTAssertEqual(e.line, line, e.description, file: file, line: fileLine)
            for w in words { XCTAssertTrue(e.description.contains(w), "\(e.description) lacks \(w)", file: file, line: fileLine) }
        }
        XCTAssertEqual(try Store.readBytes(path), before, "the data file is untouched", file: file, line: fileLine)
        XCTAssertFalse(fileExists(path + ".bak"), "not even a backup was made", file: file, line: fileLine)
        XCTAssertFalse(fileExists(path + ".lock"), "the lock is released", file: file, line: fileLine)
    }

    func testTruncatedCard() throws {
        try assertRefused(fixturePath("vcard-truncated.vcf"), line: 5, containing: ["no END:VCARD", "vcard-truncated.vcf, line 5"])
    }

    func testNestedBegin() throws {
        try assertRefused(fixturePath("vcard-nested-begin.vcf"), line: 4, containing: ["BEGIN:VCARD inside", "line 1"])
    }

    func testLineWithoutColon() throws {
        try assertRefused(fixturePath("vcard-garbage-line.vcf"), line: 4, containing: ["not a vCard property", "this line has no colon"])
    }

    func testInvalidUTF8() throws {
        try assertRefused(fixturePath("vcard-invalid-utf8.vcf"), line: 7, containing: ["not valid UTF-8", "0xF8"])
        let dir = try makeTempDir(self)
        let csv = dir + "/Connections.csv"
        writeFile(csv, bytes("Notes:\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nS") + [0xF8] + bytes("ren,X,,,,,\n"))
        try assertRefused(csv, .linkedin, line: 4, containing: ["not valid UTF-8"])
    }

    func testUnterminatedQuote() throws {
        try assertRefused(fixturePath("linkedin-unterminated-quote.csv"), .linkedin, line: 5, containing: ["never closed"])
    }

    func testTenMegabyteLine() throws {
        let dir = try makeTempDir(self)
        let vcf = dir + "/huge.vcf"
        writeFile(vcf, bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big\r\nNOTE:") + [UInt8](repeating: 0x61, count: 10 << 20) + bytes("\r\nEND:VCARD\r\n"))
        try assertRefused(vcf, line: 4, containing: ["NOTE value is 10.0 MB", "limit is 1 MB"])
        let csv = dir + "/huge.csv"
        writeFile(csv, bytes("First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,,,\"") + [UInt8](repeating: 0x78, count: 10 << 20) + bytes("\",,\n"))
        try assertRefused(csv, .linkedin, line: 2, containing: ["limit is 1 MB"])
        let garbage = dir + "/garbage.vcf"
        writeFile(garbage, bytes("BEGIN:VCARD\n") + [UInt8](repeating: 0x7A, count: 40 << 20) + bytes("\nEND:VCARD\n"))
        try assertRefused(garbage, line: 2, containing: ["longer than"])
    }

    func testBinaryFiles() throws {
        try assertRefused(fixturePath("image.png"), line: nil, containing: ["PNG image", "not a vCard"])
        try assertRefused(fixturePath("image.png"), .linkedin, line: nil, containing: ["PNG image"])
        let dir = try makeTempDir(self)
        let bin = dir + "/data.bin"
        writeFile(bin, bytes("BEGIN:VCARD\nFN:x\n") + [0, 1, 2, 3])
        try assertRefused(bin, line: 3, containing: ["NUL byte", "binary"])
        let zip = dir + "/Basic_LinkedInDataExport.zip"
        writeFile(zip, [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00])
        try assertRefused(zip, .linkedin, line: nil, containing: ["ZIP archive", "Connections.csv"])
    }

    func testWrongFormat() throws {
        try assertRefused(fixturePath("not-a-vcard.txt"), line: nil, containing: ["no BEGIN:VCARD"])
        try assertRefused(fixturePath("not-a-vcard.txt"), .linkedin, line: nil, containing: ["no LinkedIn header"])
        try assertRefused(fixturePath("vcard30-multiple.vcf"), .google, line: nil, containing: ["not a Google Contacts CSV", "nettui import vcard"])
        let dir = try makeTempDir(self)
        let empty = dir + "/empty.vcf"
        writeFile(empty, [])
        try assertRefused(empty, line: nil, containing: ["empty"])
        try assertRefused(dir + "/missing.vcf", line: nil, containing: ["no such file"])
    }

    func testADataFileWithProblemsIsNotOverwritten() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        writeFile(path, bytes("{\"schemaVersion\": 1, \"contacts\": [{\"id\": 5}]}"))
        XCTAssertThrowsError(try Importer.run(source: fixturePath("vcard30-multiple.vcf"), format: .vcard, dataFile: path, now: now, newID: newID())) { error in
            XCTAssertEqual((error as? ImportError)?.path, path)
        }
        XCTAssertEqual(try Store.readBytes(path), bytes("{\"schemaVersion\": 1, \"contacts\": [{\"id\": 5}]}"))
    }

    func testAFileAnotherProgramHoldsIsRefused() throws {
        let (path, before) = try dataFile()
        guard case .acquired(let lock) = try FileLock.acquire(for: path) else { return XCTFail("could not lock") }
        defer { lock.release() }
        // flock is per open file, so a second acquire in this process sees the lock as held.
        XCTAssertThrowsError(try Importer.run(source: fixturePath("vcard30-multiple.vcf"), format: .vcard, dataFile: path, now: now, newID: newID())) { error in
            assertContains("\(error)", "open in another nettui")
        }
        XCTAssertEqual(try Store.readBytes(path), before)
    }

    /// The data file is opened once the source reads (or, for a large file, while it is read); a
    /// source with a problem is reported before a data file with one, and a good source's import
    /// then names the data file.
    func testASourceProblemIsReportedBeforeADataFileProblem() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        writeFile(path, Array("{ not json".utf8))
        let broken = dir + "/broken.vcf"
        writeFile(broken, Array("BEGIN:VCARD\r\nFN:A\r\nBEGIN:VCARD\r\nEND:VCARD\r\n".utf8))
        for (source, named) in [(broken, broken), (fixturePath("vcard30-multiple.vcf"), path)] {
            XCTAssertThrowsError(try Importer.run(source: source, format: .vcard, dataFile: path, now: now, newID: newID())) { error in
                XCTAssertEqual((error as? ImportError)?.path, named, "\(error)")
            }
        }
        // Read in pieces, a source whose data file does not open is not merged.
        let cards = VCardExport.export(Demo.network(today: testToday).contacts)
        XCTAssertNil(Importer.mergeInPieces(cards, path: "x.vcf", network: { nil }, now: now, newID: newID(), minimumBytes: 0))
    }

    func testASuccessfulImportSavesWithABackupAndAReimportWritesNothing() throws {
        let (path, before) = try dataFile()
        let first = try Importer.run(source: fixturePath("vcard-mixed-realworld.vcf"), format: .vcard, dataFile: path, now: now, newID: newID())
        XCTAssertTrue(first.saved)
        XCTAssertEqual(first.summary.added, 4)
        XCTAssertEqual(try Store.readBytes(path + ".bak"), before, "the previous version is kept")
        let saved = try XCTUnwrap(Store.load(path)).network
        XCTAssertEqual(saved.contacts.count, Demo.network(today: testToday).contacts.count + 4)
        XCTAssertEqual(saved, first.network)
        let afterFirst = try Store.readBytes(path)
        let second = try Importer.run(source: fixturePath("vcard-mixed-realworld.vcf"), format: .vcard, dataFile: path, now: now, newID: newID())
        XCTAssertFalse(second.saved)
        XCTAssertEqual(second.network, saved)
        XCTAssertEqual(second.summary.unchanged, 4)
        XCTAssertEqual(try Store.readBytes(path), afterFirst)
    }

    func testDryRunWritesNothingAndAMissingDataFileStartsEmpty() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/sub/network.json"
        let dry = try Importer.run(source: fixturePath("linkedin-connections.csv"), format: .linkedin, dataFile: path, dryRun: true,
                                   createFolder: true, now: now, newID: newID())
        XCTAssertEqual(dry.summary.added, 4)
        XCTAssertFalse(dry.saved)
        XCTAssertFalse(fileExists(dir + "/sub"), "a dry run creates nothing")
        let real = try Importer.run(source: fixturePath("linkedin-connections.csv"), format: .linkedin, dataFile: path,
                                    createFolder: true, now: now, newID: newID())
        XCTAssertTrue(real.saved)
        XCTAssertEqual(try XCTUnwrap(Store.load(path)).network.contacts.count, 4)
    }
}
