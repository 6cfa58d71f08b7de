import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore

/// Rescued edits never replace what the file gained after they were rescued: the rescue keeps what
/// they were made on (`FILE.unsaved.base.json`), and restoring them into a file changed since merges
/// them three-way, as a save does.
final class StaleRescueTests: XCTestCase {
    /// A file of the demo network opened, one contact deleted, and the edits rescued on SIGTERM.
    private func rescued() throws -> (path: String, saved: Network, deleted: String) {
        let (path, saved) = try savedDemoFile()
        let opened = try OpenCommand.open(path, createFolder: false)
        var state = opened.state
        let deleted = saved.contacts[0].id
        state.commit(saved.changesDeletingContact(deleted, at: Harness.clock.now()))
        XCTAssertThrowsError(try OpenCommand.rescue(state, signal: SIGTERM))
        opened.lock?.release()
        XCTAssertEqual(try Store.load(Store.recoveryBasePath(for: path))?.network, saved, "the rescue keeps what the edits were made on")
        return (path, saved, deleted)
    }

    private func importCards(_ n: Int, into path: String) throws {
        let cards = (1...n).map { "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imported Person \($0)\r\nEMAIL:imported\($0)@example.com\r\nEND:VCARD\r\n" }.joined()
        let vcf = Store.directory(of: path) + "/cards.vcf"
        try cards.write(toFile: vcf, atomically: true, encoding: .utf8)
        let ran = try Programs.nettui(["import", "vcard", vcf, "--file", path])
        XCTAssertEqual(ran.status, 0, ran.output)
    }

    func testEditsRescuedBeforeAnImportAreMergedIntoItNotPutInItsPlace() throws {
        let (path, saved, deleted) = try rescued()
        try importCards(200, into: path)  // a real `nettui import` once the dashboard is gone
        XCTAssertEqual(try Store.load(path)?.network.contacts.count, saved.contacts.count + 200)

        let opened = try OpenCommand.open(path, createFolder: false)
        defer { opened.lock?.release() }
        var driver = Driver(state: opened.state, lock: opened.lock)
        assertScreen(Render.frame(driver.state).screen, rows: 9...14, """
             ● ┌────────────────────────────────────────────────────────────────────────┐
             ★ │ A run stopped by a signal left unsaved edits, and the file has changed │
             ↗ │ since. Merge them into it (239 contacts, 0 conflicts)?                 │
             ● │                                                                        │
             · │ y merge them in · n set them aside · Esc later                         │
             ★ └────────────────────────────────────────────────────────────────────────┘
            """)
        _ = driver.send(.key(.char("y")))
        XCTAssertTrue(driver.state.message?.text.hasPrefix("Restored the unsaved edits, merged into the file as it is now: 0 conflicts") == true,
                      driver.state.message?.text ?? "")
        _ = driver.send(.key(.char("s")))
        let file = try XCTUnwrap(Store.load(path)).network
        XCTAssertEqual(file.contacts.count, saved.contacts.count - 1 + 200, "the import and the rescued deletion are both in the file")
        XCTAssertNil(file.contact(id: deleted))
        XCTAssertEqual(file.contacts.filter { $0.name.hasPrefix("Imported Person") }.count, 200)
        XCTAssertFalse(FileManager.default.fileExists(atPath: Store.recoveryPath(for: path)))
        XCTAssertFalse(FileManager.default.fileExists(atPath: Store.recoveryBasePath(for: path)))
    }

    func testEditsRescuedOnAnUnchangedFileAreRestoredAsBefore() throws {
        let (path, saved, deleted) = try rescued()
        let opened = try OpenCommand.open(path, createFolder: false)
        defer { opened.lock?.release() }
        var driver = Driver(state: opened.state, lock: opened.lock)
        assertLine(Render.frame(driver.state).screen, containing: "(39 contacts). Restore them?")

        _ = driver.send(.key(.char("y")))
        XCTAssertEqual(driver.state.message?.text, "Restored the unsaved edits; s saves them")
        _ = driver.send(.key(.char("s")))
        XCTAssertEqual(try Store.load(path)?.network.contacts.count, saved.contacts.count - 1)
        XCTAssertNil(try Store.load(path)?.network.contact(id: deleted))
    }

    /// A rescue written by a version that kept no base, older than the file: nothing the file has is
    /// dropped (the file counts as all new), and an edit to one field of the file's is a conflict.
    func testARescueWithoutABaseNeverDropsWhatTheFileGained() throws {
        let (path, saved, _) = try rescued()
        unlink(Store.recoveryBasePath(for: path))
        var rescue = try XCTUnwrap(Store.load(Store.recoveryPath(for: path))).network
        var edited = rescue.contacts[2]
        edited.notes = "rescued note"
        rescue.apply([.contact(before: rescue.contacts[2], after: edited)])
        try Store.save(rescue, to: Store.recoveryPath(for: path))
        usleep(20_000)  // the file is written after the rescue
        try importCards(5, into: path)
        let opened = try OpenCommand.open(path, createFolder: false)
        defer { opened.lock?.release() }
        var driver = Driver(state: opened.state, lock: opened.lock)
        _ = driver.send(.key(.char("y")))
        _ = driver.send(.key(.char("s")))
        let file = try XCTUnwrap(Store.load(path)).network
        XCTAssertEqual(file.contacts.count, saved.contacts.count + 5, "nothing the file holds is dropped")
        XCTAssertEqual(file.contact(id: edited.id)?.notes, "rescued note")
        XCTAssertEqual(file.conflicts.map(\.id), [edited.id])
    }
}
