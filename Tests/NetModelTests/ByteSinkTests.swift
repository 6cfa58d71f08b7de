import Foundation
import XCTest
@testable import NetModel
@testable import NetStore
@testable import NetInterchange
@testable import Plumbing

/// The store's writing APIs speak Swift: content writes to a `ByteSink` (no file descriptor), a
/// failed write is a thrown `WriteFailure` with the system's reason, and any error the content
/// throws refuses the write with its message, the file left as it was.
final class ByteSinkTests: XCTestCase {
    private struct Stopped: Error, CustomStringConvertible {
        var description: String { "the content gave up half-way" }
    }

    func testAnErrorTheContentThrowsRefusesTheSaveWithItsMessage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-sink-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.csv"
        try Store.write(to: path) { try $0.write(Array("before\n".utf8)) }
        XCTAssertThrowsError(try Store.write(to: path) { sink in
            try sink.write(Array("half".utf8))
            throw Stopped()
        }) { error in
            XCTAssertEqual((error as? StoreError)?.message, "cannot save to \(path): the content gave up half-way; the file on disk is unchanged")
        }
        XCTAssertEqual(try Store.readBytes(path), Array("before\n".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }, [], "no temporary file is left")
    }

    /// An export to a device that refuses the bytes (`/dev/full`) is refused with the system's reason.
    func testAFailedWriteIsThrownWithTheSystemsReason() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { throw XCTSkip("no /dev/full on this system") }
        let contacts = Demo.network(today: Day(year: 2026, month: 11, day: 23)!).contacts
        XCTAssertThrowsError(try Store.writeOutput(to: "/dev/full") { try CSVExport.export(contacts, to: $0) }) { error in
            XCTAssertEqual((error as? StoreError)?.message, "cannot write to /dev/full: No space left on device")
        }
    }
}
