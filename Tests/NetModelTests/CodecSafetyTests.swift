import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

/// The fast codec's memory rules, each held by its construction: the decoder's reads stay in its
/// window (the validating parser's too), a file read a window at a time is in memory a
/// `FileWindows` owns (zeros until read), and a chunk's `Pile` moves its items as Swift moves values.
final class CodecSafetyTests: XCTestCase {
    /// The parser the fast decoder hands values to reads only the window it is given: a value that
    /// runs on past the window's end is an error there, never read from the bytes after it.
    func testTheParserStopsAtTheWindowsEnd() throws {
        let bytes = Array(#"{"a": [1, 2, {"b": "text"}], "c": 1}"#.utf8)
        let start = 6  // the `[`
        let close = bytes.firstIndex(of: UInt8(ascii: "]"))!
        try bytes.withUnsafeBufferPointer { all in
            let whole = try JSONParser.parseValue(in: all, at: start, depth: 1)
            XCTAssertEqual(whole.end, close + 1)
            // Every window that ends inside the value: the value is not read.
            for end in (start + 1)...close {
                let window = UnsafeBufferPointer(rebasing: all[..<end])
                XCTAssertThrowsError(try JSONParser.parseValue(in: window, at: start, depth: 1), "window ending at \(end)")
            }
        }
    }

    /// A file read a window at a time, with values the decoder hands to the parser (unknown keys)
    /// lying across the windows' ends at every offset: read as the bytes in memory are, or given
    /// up (a value over half a window), never read otherwise.
    func testValuesAcrossWindowEndsAreReadOrGivenUp() throws {
        var n = Demo.network(today: testToday, contacts: 60, networks: 3, interactions: 40, seed: 7)
        for i in n.contacts.indices {
            // Unknown values of many sizes (some over half of the 4 kB window), so that they end everywhere.
            let items = (0..<(i * 7 % 90)).map { JSON.number(Double($0)) }
            n.contacts[i].extra["zUnknown"] = .array([.object(["k": .array(items)]), .string(String(repeating: "x", count: i * 37))])
        }
        let bytes = NetworkCodec.encode(n)
        let inMemory = try XCTUnwrap(FastDecoder.decode(bytes, chunks: 1))
        XCTAssert(inMemory == NetworkCodec.decodeTree(bytes).network)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-windows-\(UUID().uuidString.prefix(8))").path
        defer { unlink(path) }
        XCTAssert(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var read = 0
        for windowBytes in [4096, 4096 + 1000, 8192, 1 << 16] {
            for chunks in [1, 3] {
                let windowed = FastDecoder.decode(file: fd, size: bytes.count, windowBytes: windowBytes, chunks: chunks, minChunkBytes: 4096)
                if let windowed {
                    read += 1
                    XCTAssert(windowed.network == inMemory, "windows of \(windowBytes), \(chunks) chunks")
                }
            }
        }
        XCTAssertGreaterThan(read, 0, "the larger windows hold every value")
    }

    /// The memory of a file read a window at a time is initialised throughout: zeros where nothing
    /// is read yet, the file's bytes where a window is, and zeros again once pages are handed back.
    func testFileWindowsMemoryIsTheWindowsOwn() throws {
        let size = 3 * 4096 + 123
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 % 251 + 1) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-owned-\(UUID().uuidString.prefix(8))").path
        defer { unlink(path) }
        XCTAssert(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let windows = try XCTUnwrap(FileWindows(fd: fd, size: size, windowBytes: 4096))
        let memory = UnsafeBufferPointer(start: windows.base, count: size)
        XCTAssert(memory.allSatisfy { $0 == 0 }, "nothing read yet")
        XCTAssert(windows.load(100..<5000))
        XCTAssertEqual(Array(memory[100..<5000]), Array(bytes[100..<5000]))
        XCTAssert(memory[..<100].allSatisfy { $0 == 0 } && memory[5000...].allSatisfy { $0 == 0 })
        FastDecoder.releasePages(UnsafeRawPointer(windows.base), UnsafeRawPointer(windows.base + 5000))
        XCTAssert(memory[..<4096].allSatisfy { $0 == 0 }, "handed back")
        XCTAssertEqual(Array(memory[4096..<5000]), Array(bytes[4096..<5000]), "the page not whole yet stays")
        XCTAssertFalse(windows.load(size - 10..<size + 10), "past the end of the file")
        XCTAssertNil(FileWindows(fd: fd, size: 0, windowBytes: 4096))
    }

    /// A chunk's items, grown many times and then joined, are each the same value, once: nothing
    /// retained twice or lost (objects count their own ends).
    func testAPileMovesItsItemsAsValues() {
        final class Counted {
            static let lock = NSLock()
            nonisolated(unsafe) static var alive = 0
            let n: Int
            init(_ n: Int) { self.n = n; Self.lock.withLock { Self.alive += 1 } }
            deinit { Self.lock.withLock { Self.alive -= 1 } }
        }
        do {
            let piles = (0..<3).map { _ in Pile<(Counted, String)>() }
            var expected: [Int] = []
            for (k, pile) in piles.enumerated() {
                for i in 0..<(1000 * (k + 1)) {
                    pile.append((Counted(k * 10_000 + i), "item \(k) \(i) " + String(repeating: "long text ", count: 3)))
                    expected.append(k * 10_000 + i)
                }
            }
            XCTAssertEqual(Counted.alive, expected.count)
            let joined = Pile.joined(piles)
            XCTAssertEqual(joined.map(\.0.n), expected)
            XCTAssert(joined.allSatisfy { $0.1.hasPrefix("item ") && $0.1.hasSuffix("long text ") })
            XCTAssertEqual(piles.map(\.count), [0, 0, 0])
            XCTAssertEqual(Counted.alive, expected.count)
        }
        XCTAssertEqual(Counted.alive, 0, "every item ended once")
    }
}
