import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore

/// A save never overwrites what another program wrote to the file since it was read: it notices the
/// change (the file's device and inode, size, times, then its content) and merges it three-way —
/// the file as read is the base, the file now theirs, the edits ours — recording true conflicts as
/// `nettui merge` does. Every outside change here is a real write of the file.
final class OutsideChangeTests: XCTestCase {
    private func opened() throws -> (path: String, saved: Network, driver: Driver) {
        let (path, saved) = try savedDemoFile()
        let opened = try OpenCommand.open(path, createFolder: false)
        let lock = opened.lock
        addTeardownBlock { lock?.release() }
        var state = opened.state
        state.clock = Harness.clock
        return (path, saved, Driver(state: state, lock: opened.lock))
    }

    private func contact(_ name: String, _ id: String) -> Contact {
        var c = Contact(id: id, name: name, created: Harness.clock.now())
        c.updated = Harness.clock.now()
        return c
    }

    func testASaveMergesWhatAnotherProgramWroteInsteadOfOverwritingIt() throws {
        var (path, saved, driver) = try opened()
        // Ours: delete the first contact of the list.
        let deleted = try XCTUnwrap(driver.state.selectedContact)
        _ = driver.send(.key(.char("d")))
        _ = driver.send(.key(.char("y")))
        XCTAssertNil(driver.state.network.contact(id: deleted.id))
        // Theirs, written by another program meanwhile: a new contact and another's notes.
        var theirs = saved
        theirs.apply([.contact(before: nil, after: contact("Outside Person", "ffffffff-0000-4000-8000-000000000001"))])
        let other = try XCTUnwrap(saved.contacts.first { $0.id != deleted.id })
        var notes = other
        notes.notes = "Written by another program"
        theirs.apply([.contact(before: other, after: notes)])
        try Store.save(theirs, to: path)

        _ = driver.send(.key(.char("s")))
        let file = try XCTUnwrap(Store.load(path)).network
        XCTAssertNotNil(file.contact(id: "ffffffff-0000-4000-8000-000000000001"), "the outside contact is kept")
        XCTAssertEqual(file.contact(id: other.id)?.notes, "Written by another program", "the outside edit is kept")
        XCTAssertNil(file.contact(id: deleted.id), "our deletion is saved")
        XCTAssertTrue(file.conflicts.isEmpty)
        XCTAssertEqual(driver.state.network, file, "the dashboard shows what is in the file")
        XCTAssertFalse(driver.state.isDirty)
        XCTAssertTrue(driver.state.message?.text.hasPrefix("Saved, merged with changes made outside") == true, driver.state.message?.text ?? "")

        // The merge is one undoable step after our own: u takes the outside change out of the view.
        _ = driver.send(.key(.char("u")))
        XCTAssertNil(driver.state.network.contact(id: "ffffffff-0000-4000-8000-000000000001"))
        XCTAssertTrue(driver.state.isDirty)
        _ = driver.send(.key(.ctrl("r")))
        XCTAssertEqual(driver.state.network, file)
        XCTAssertFalse(driver.state.isDirty)

        // A second save with no outside change writes what is shown, and says so plainly.
        _ = driver.send(.key(.char("s")))
        XCTAssertEqual(try Store.load(path)?.network, file)
        XCTAssertEqual(driver.state.message?.text, "Saved \(file.contacts.count) contacts to network.json")
    }

    func testATrueConflictIsRecordedInTheFileAndShownByBang() throws {
        var (path, saved, driver) = try opened()
        let c = saved.contacts[3]
        var ours = c
        ours.notes = "Ours: met at the club"
        driver.state.commit([.contact(before: c, after: ours)])
        var theirs = saved, their = c
        their.notes = "Theirs: met at the fair"
        theirs.apply([.contact(before: c, after: their)])
        try Store.save(theirs, to: path)

        _ = driver.send(.key(.char("s")))
        XCTAssertEqual(driver.state.message?.text, "Saved, merged with changes made outside: 1 conflict — ! to see them")
        let file = try XCTUnwrap(Store.load(path)).network
        XCTAssertEqual(file.contact(id: c.id)?.notes, "Ours: met at the club", "ours is kept, as nettui merge does")
        XCTAssertEqual(file.conflicts.count, 1)
        XCTAssertEqual(file.conflicts.first?.theirs, .string("Theirs: met at the fair"))
        XCTAssertEqual(driver.state.network.conflicts, file.conflicts)
        _ = driver.send(.key(.char("!")))
        guard case .conflicts = driver.state.modal else { return XCTFail("! opens the conflicts") }
        assertLine(Render.frame(driver.state).screen, containing: "Theirs: met at the fair")

    }

    func testAWriteInPlaceThatPutsTheOldTimeBackIsNoticed() throws {
        var (path, saved, driver) = try opened()
        let c = saved.contacts[5]
        var ours = saved.contacts[6]
        ours.notes = "ours"
        driver.state.commit([.contact(before: saved.contacts[6], after: ours)])
        // Another program rewrites the same file (same inode), the same number of bytes, and puts
        // the old modification time back (as `cp -p` or `touch -r` would).
        var before = stat()
        XCTAssertEqual(stat(path, &before), 0)
        var bytes = try XCTUnwrap(Store.readBytes(path))
        let name = Array("\"name\": \"\(c.name)\"".utf8)
        let renamed = Array("\"name\": \"\(String(repeating: "Z", count: c.name.utf8.count))\"".utf8)
        let at = try XCTUnwrap(bytes.indices.first { bytes[$0...].starts(with: name) }, "the name as the file writes it")
        bytes.replaceSubrange(at..<at + name.count, with: renamed)
        let fd = open(path, O_WRONLY)
        XCTAssertGreaterThanOrEqual(fd, 0)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        var times = [before.st_atim, before.st_mtim]
        futimens(fd, &times)
        close(fd)
        var after = stat()
        stat(path, &after)
        XCTAssertEqual(after.st_ino, before.st_ino)
        XCTAssertEqual(after.st_size, before.st_size)
        XCTAssertEqual(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec)

        _ = driver.send(.key(.char("s")))
        let file = try XCTUnwrap(Store.load(path)).network
        XCTAssertEqual(file.contact(id: c.id)?.name, String(repeating: "Z", count: c.name.utf8.count), "the outside rename is kept")
        XCTAssertEqual(file.contact(id: ours.id)?.notes, "ours")
    }

    func testAFileOnlyTouchedOrWrittenBackAlikeIsSavedWithoutAMerge() throws {
        var (path, saved, driver) = try opened()
        var ours = saved.contacts[0]
        ours.notes = "ours"
        driver.state.commit([.contact(before: saved.contacts[0], after: ours)])
        try Store.save(saved, to: path)  // the same network written again: a new inode, the same bytes
        _ = driver.send(.key(.char("s")))
        XCTAssertEqual(driver.state.message?.text, "Saved \(saved.contacts.count) contacts to network.json")
        XCTAssertEqual(try Store.load(path)?.network.contact(id: ours.id)?.notes, "ours")
    }

    func testAFileBrokenOutsideIsLeftAsItIsAndTheEditsStay() throws {
        var (path, saved, driver) = try opened()
        var ours = saved.contacts[0]
        ours.notes = "ours"
        driver.state.commit([.contact(before: saved.contacts[0], after: ours)])
        let broken = Array("<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> theirs\n".utf8)
        try Store.write(broken, to: path)
        _ = driver.send(.key(.char("s")))
        XCTAssertEqual(try Store.readBytes(path), broken, "what the other program wrote is not overwritten")
        let message = driver.state.message?.text ?? ""
        XCTAssertTrue(message.hasPrefix("Not saved: \(path) was changed by another program and cannot be read now"), message)
        XCTAssertTrue(driver.state.isDirty, "the edits stay")
    }

    func testAFileCreatedOutsideAfterANewFileWasOpenedIsMergedIn() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/new.json"
        let opened = try OpenCommand.open(path, createFolder: false)
        defer { opened.lock?.release() }
        var driver = Driver(state: opened.state, lock: opened.lock)
        driver.state.commit([.contact(before: nil, after: contact("Mine", "00000000-0000-4000-8000-00000000aaaa"))])
        var theirs = Network()
        theirs.apply([.contact(before: nil, after: contact("Theirs", "00000000-0000-4000-8000-00000000bbbb"))])
        try Store.save(theirs, to: path)
        _ = driver.send(.key(.char("s")))
        XCTAssertEqual(try Store.load(path)?.network.contacts.map(\.name).sorted(), ["Mine", "Theirs"])
    }

    /// The outside change is a real `nettui import` run as a process while the dashboard has the file
    /// open without its lock (a script that went around it, as after the lock is gone).
    func testAnImportRunAsAProcessMeanwhileIsKept() throws {
        var (path, saved, driver) = try opened()
        driver.lock?.release()
        driver.lock = nil
        let cards = (1...3).map { "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imported Person \($0)\r\nEMAIL:imported\($0)@example.com\r\nEND:VCARD\r\n" }.joined()
        let vcf = Store.directory(of: path) + "/cards.vcf"
        try cards.write(toFile: vcf, atomically: true, encoding: .utf8)
        var ours = saved.contacts[0]
        ours.notes = "ours"
        driver.state.commit([.contact(before: saved.contacts[0], after: ours)])
        let ran = try Programs.nettui(["import", "vcard", vcf, "--file", path])
        XCTAssertEqual(ran.status, 0, ran.output)
        _ = driver.send(.key(.char("s")))
        let file = try XCTUnwrap(Store.load(path)).network
        XCTAssertEqual(file.contacts.count, saved.contacts.count + 3, driver.state.message?.text ?? "")
        XCTAssertEqual(file.contact(id: ours.id)?.notes, "ours")
    }
}

extension OutsideChangeTests {
    /// "Save and quit" that merged an outside change stays, so that the merge is seen.
    func testSaveAndQuitStaysWhenTheSaveMergedAnOutsideChange() throws {
        var (path, saved, driver) = try opened()
        var ours = saved.contacts[0]
        ours.notes = "ours"
        driver.state.commit([.contact(before: saved.contacts[0], after: ours)])
        var theirs = saved, their = saved.contacts[0]
        their.notes = "theirs"
        theirs.apply([.contact(before: saved.contacts[0], after: their)])
        try Store.save(theirs, to: path)
        _ = driver.send(.key(.char("q")))
        XCTAssertTrue(driver.send(.key(.char("s"))), "the program keeps running after a merging save")
        XCTAssertEqual(driver.state.message?.text, "Saved, merged with changes made outside: 1 conflict — ! to see them")
        XCTAssertEqual(try Store.load(path)?.network.conflicts.count, 1)
        // Nothing is left unsaved: q now quits at once.
        XCTAssertFalse(driver.send(.key(.char("q"))))
    }
}

extension OutsideChangeTests {
    func testAFileRemovedOutsideIsWrittenAgainAndTheStatusLineSaysSo() throws {
        var (path, saved, driver) = try opened()
        var ours = saved.contacts[0]
        ours.notes = "ours"
        driver.state.commit([.contact(before: saved.contacts[0], after: ours)])
        XCTAssertEqual(unlink(path), 0)
        _ = driver.send(.key(.char("s")))
        XCTAssertEqual(driver.state.message?.text, "Saved: network.json had been removed or moved by another program, and was written again")
        XCTAssertEqual(try Store.load(path)?.network, driver.state.network)
    }
}
