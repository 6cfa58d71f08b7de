import Foundation
@testable import NetModel
import XCTest
@testable import NetStore
@testable import Plumbing

/// `Store.save(_:base:onDisk:to:)` at the model's depth: a file read a window at a time (no hash of
/// its bytes) is merged like a small one, and a file unchanged since it was stamped is saved as is.
final class MergeOnSaveTests: XCTestCase {
    private func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-mergeonsave-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func testALargeFileReadAWindowAtATimeIsMergedToo() throws {
        let path = try folder() + "/large.json"
        let today = Day(year: 2026, month: 11, day: 23)!
        let network = Demo.network(today: today, contacts: 7000, networks: 20, interactions: 7000, seed: 7)
        try Store.save(network, to: path)
        let loaded = try XCTUnwrap(Store.load(path))
        let stamp = try XCTUnwrap(loaded.stamp)
        XCTAssertGreaterThanOrEqual(stamp.size, Int64(NetworkCodec.windowedBytes), "the file is read a window at a time")
        XCTAssertNil(stamp.hash, "no hash is taken of a file not read whole")
        let base = loaded.network

        // Unchanged: saved as is, no merge.
        var ours = base
        var mine = ours.contacts[10]
        mine.notes = "ours"
        ours.apply([.contact(before: ours.contacts[10], after: mine)])
        let plain = try Store.save(ours, base: base, onDisk: .file(stamp), to: path)
        XCTAssertNil(plain.merge)
        XCTAssertTrue(plain.stamp.sameVersion(as: try XCTUnwrap(FileStamp.of(path))))

        // Another program changes another contact: the next save merges it in.
        var theirs = try XCTUnwrap(Store.load(path)).network
        var their = theirs.contacts[20]
        their.notes = "theirs"
        theirs.apply([.contact(before: theirs.contacts[20], after: their)])
        try Store.save(theirs, to: path)
        var more = ours
        var again = more.contacts[30]
        again.notes = "ours again"
        more.apply([.contact(before: more.contacts[30], after: again)])
        let merged = try Store.save(more, base: ours, onDisk: .file(plain.stamp), to: path)
        XCTAssertEqual(merged.merge?.conflicts, [])
        let file = try XCTUnwrap(Store.load(path)).network
        XCTAssertEqual(file, merged.network)
        XCTAssertEqual(file.contacts[10].notes, "ours")
        XCTAssertEqual(file.contacts[20].notes, "theirs")
        XCTAssertEqual(file.contacts[30].notes, "ours again")
    }

    func testTheHashIsOfTheBytesRead() throws {
        let path = try folder() + "/small.json"
        let network = Demo.network(today: Day(year: 2026, month: 11, day: 23)!)
        try Store.save(network, to: path)
        let stamp = try XCTUnwrap(Store.load(path)?.stamp)
        XCTAssertEqual(stamp.hash, ContentHash.of(try XCTUnwrap(Store.readBytes(path))))
        var bytes = try XCTUnwrap(Store.readBytes(path))
        bytes[bytes.count / 2] ^= 1
        XCTAssertNotEqual(ContentHash.of(bytes), stamp.hash, "one bit changed changes the hash")
    }

    /// A program that writes the file while the save's bytes are being made (here, from inside the
    /// content) is not overwritten: the rename does not happen, the temporary file is gone.
    func testAWriteWhileTheBytesAreMadeStopsTheRename() throws {
        let dir = try folder()
        let path = dir + "/net.json"
        let network = Demo.network(today: Day(year: 2026, month: 11, day: 23)!)
        try Store.save(network, to: path)
        let seen = try XCTUnwrap(FileStamp.of(path))
        var outside = network
        outside.apply(network.changesDeletingContact(network.contacts[0].id, at: Timestamp(seconds: 0)))
        let encode = Store.encoding(network, for: path, maxBytes: Store.maxFileBytes)
        let result = try Store.write(to: path, { sink in
            // Another program, meanwhile: its own file renamed over the data file.
            _ = try? Store.save(outside, to: dir + "/elsewhere.json")
            rename(dir + "/elsewhere.json", path)
            try encode(sink)
        }, if: { FileStamp.of(path)?.sameVersion(as: seen) == true })
        XCTAssertNil(result)
        XCTAssertEqual(try Store.load(path)?.network, outside, "what the other program wrote stays")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".net.json.tmp-") }
        XCTAssertEqual(left, [], "no temporary file is left")
    }
}
