import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

/// What the program writes, it reads: the writer escapes compactly, keeps deep values from growing
/// by their indentation, and refuses (before the old file is replaced) a save the reader would
/// refuse to open — a string longer than `JSONParser.maxStringBytes`, a file larger than
/// `Store.maxFileBytes`.
final class WrittenIsReadTests: XCTestCase {
    func contact(_ name: String, notes: String = "") -> Contact {
        var c = Contact(id: "c-" + name.prefix(4), name: name, created: Timestamp(seconds: 1_700_000_000))
        c.notes = notes
        return c
    }

    func network(_ contacts: [Contact]) -> Network {
        var n = Network()
        n.contacts = contacts
        return n
    }

    /// The temporary files a save leaves in `dir` (none, after a refused save).
    func temporaries(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
    }

    // MARK: - Escapes

    func testControlCharactersWithAShortEscapeAreWrittenWithIt() throws {
        let s = "bs \u{8} ff \u{C} nl \n cr \r tab \t bell \u{7}"
        XCTAssertEqual(text(JSONWriter.write(.string(s))), #""bs \b ff \f nl \n cr \r tab \t bell \u0007""# + "\n")
        XCTAssertEqual(JSONWriter.writtenLength(s), JSONWriter.write(.string(s)).count - 3)
        // Both encoders, byte for byte.
        let n = network([contact("Aino Järvinen", notes: s)])
        XCTAssertEqual(NetworkCodec.encode(n), NetworkCodec.encodeTree(n))
        XCTAssertEqual(NetworkCodec.decode(NetworkCodec.encode(n)).network?.contacts.first?.notes, s)
    }

    /// The issue's case at its real size: 6 MB of `\b` in notes pass `check`; written back as
    /// `\u0008` they made an 36 MB string that the next open refused.
    func testSixMegabytesOfBackspacesAreSavedIntoAFileThatOpens() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/backspaces.json"
        let head = #"{"schemaVersion": 1, "contacts": [{"id": "c1", "name": "Aino Järvinen", "notes": ""#
        var file = Array(head.utf8)
        for _ in 0..<3_000_000 { file += [UInt8(ascii: "\\"), UInt8(ascii: "b")] }
        file += Array(#""}]}"#.utf8)
        writeFile(path, file)
        let loaded = try XCTUnwrap(try Store.load(path))
        XCTAssertEqual(loaded.network.contacts.first?.notes.utf8.count, 3_000_000)
        try Store.save(loaded.network, to: path)
        let again = try XCTUnwrap(try Store.load(path))
        XCTAssertEqual(again.network, loaded.network)
    }

    // MARK: - Deep values

    func testDeepValuesAreWrittenOnOneLineBelowTheDeepestIndentation() throws {
        var deep = JSON.number("0")
        for level in 0..<200 { deep = level % 2 == 0 ? .array([deep, .string("x")]) : .object(["k": deep, "a": .null]) }
        var c = contact("Aino Järvinen")
        c.extra["fromAnotherTool"] = .array(Array(repeating: deep, count: 100))
        let n = network([c])
        let written = NetworkCodec.encode(n)
        XCTAssertEqual(written, NetworkCodec.encodeTree(n), "both encoders")
        XCTAssertEqual(NetworkCodec.decode(written).network, n)
        // One line per value down to the deepest indentation, then the rest of it on that line.
        let lines = text(written).split(separator: "\n")
        XCTAssertEqual(lines.map { $0.prefix { $0 == " " }.count }.max(), 2 * JSONWriter.maxIndent)
        var compact: [UInt8] = []
        JSONWriter.compact(deep, into: &compact)
        XCTAssertLessThan(written.count, 100 * compact.count * 11 / 10, "grows by its indentation: \(written.count) bytes")
        XCTAssert(text(compact).hasPrefix(#"{"a":null,"k":[{"a":null,"k":["#), text(compact).prefix(40).description)
    }

    // MARK: - Strings the reader refuses

    /// A string longer than the reader takes as written (3 MiB of a control character without a
    /// short escape, 18 MiB written) is refused by the save, in words, and the file stays as it was;
    /// also when the contacts are written in blocks on several cores.
    func testASaveWithAStringTheReaderWouldRefuseIsRefusedAndTheFileKept() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        let long = String(repeating: "\u{1}", count: 3 << 20)
        let small = network([contact("Bo"), contact("Aino Järvinen", notes: long)])
        var big = Demo.network(today: testToday, contacts: 4 * FastEncoder.blockItems + 10, networks: 5, interactions: 10, seed: 2)
        big.contacts[3 * FastEncoder.blockItems].name = "Aino Järvinen"
        big.contacts[3 * FastEncoder.blockItems].notes = long
        for n in [small, big] {
            try Store.save(network([contact("Before")]), to: path)
            let before = try XCTUnwrap(Store.readBytes(path))
            XCTAssertThrowsError(try Store.save(n, to: path)) { error in
                XCTAssertEqual((error as? StoreError)?.message,
                               "cannot save \(path): notes of Aino Järvinen would be 18.0 MiB written, over the 16 MiB a text may be; the file on disk is unchanged")
            }
            XCTAssertEqual(try Store.readBytes(path), before)
            XCTAssertEqual(try temporaries(dir), [])
        }
    }

    // MARK: - The file-size limit

    /// Every save stops before the rename when the file would be larger than the limit the reader
    /// has (`Store.maxFileBytes`; here a small one): one list written in one piece, one in blocks.
    func testASaveLargerThanTheLimitIsRefusedBeforeTheOldFileIsReplaced() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        let networks = [Demo.network(today: testToday, contacts: 40, networks: 5, interactions: 50, seed: 1),
                        Demo.network(today: testToday, contacts: 4 * FastEncoder.blockItems + 10, networks: 5, interactions: 10, seed: 2)]
        for n in networks {
            let size = NetworkCodec.encode(n).count
            try Store.save(network([contact("Before")]), to: path)
            let before = try XCTUnwrap(Store.readBytes(path)), backup = try Store.readBytes(path + ".bak")
            for limit in [size - 1, size / 2, 100] {
                XCTAssertThrowsError(try Store.save(n, to: path, maxBytes: limit)) { error in
                    XCTAssertEqual((error as? StoreError)?.message,
                                   "cannot save \(path): it would be larger than \(limit) bytes, the most a data file may be (this program would refuse to open it); the file on disk is unchanged")
                }
                XCTAssertEqual(try Store.readBytes(path), before, "limit \(limit)")
                XCTAssertEqual(try Store.readBytes(path + ".bak"), backup, "the backup is untouched too")
                XCTAssertEqual(try temporaries(dir), [])
            }
            // Exactly at the limit it is written.
            try Store.save(n, to: path, maxBytes: size)
            XCTAssertEqual(try Store.readBytes(path), NetworkCodec.encode(n))
        }
        // Whatever writes the content, the size of the file is checked before it is renamed.
        XCTAssertThrowsError(try Store.write(to: path, maxBytes: 10) { try $0.write(Array("0123456789A".utf8)) })
        XCTAssertEqual(try temporaries(dir), [])
        XCTAssertEqual(Store.byteSize(Store.maxFileBytes), "256 MiB")
    }
}
