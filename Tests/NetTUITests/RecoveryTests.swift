import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore

/// Unsaved edits at SIGTERM/SIGHUP go to a recovery file next to the data file; the next start offers them back.
final class RecoveryTests: XCTestCase {
    private func setUpFiles() throws -> (path: String, saved: Network, edited: Network) {
        let (path, saved) = try savedDemoFile()
        var edited = saved
        edited.apply(saved.changesDeletingContact(saved.contacts[0].id, at: Harness.clock.now()))
        return (path, saved, edited)
    }

    /// `setUpFiles` with the edits rescued beside the file, which is then opened (the start offers
    /// them); the driver holds the file's lock, released after the test.
    private func openedWithRescue() throws -> (path: String, saved: Network, edited: Network, driver: Driver) {
        let (path, saved, edited) = try setUpFiles()
        try Store.save(edited, to: Store.recoveryPath(for: path))
        let opened = try OpenCommand.open(path, createFolder: false)
        addTeardownBlock { opened.lock?.release() }
        return (path, saved, edited, Driver(state: opened.state, lock: opened.lock))
    }

    func testTheRescueWritesTheEditsNextToTheFileWithMode0600() throws {
        let (path, saved, edited) = try setUpFiles()
        var state = AppState(network: saved, path: path, clock: Harness.clock)
        state.commit(saved.changesDeletingContact(saved.contacts[0].id, at: Harness.clock.now()))
        XCTAssertThrowsError(try OpenCommand.rescue(state, signal: SIGTERM))
        let rescued = try XCTUnwrap(Store.load(Store.recoveryPath(for: path))).network
        XCTAssertEqual(rescued.contacts.map(\.id), edited.contacts.map(\.id))
        let mode = try FileManager.default.attributesOfItem(atPath: Store.recoveryPath(for: path))[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        XCTAssertEqual(try Store.load(path)?.network, saved, "the data file is left as last saved")
    }

    func testTheNextStartOffersTheEditsAndSavingUsesThem() throws {
        var (path, saved, edited, driver) = try openedWithRescue()
        guard case .confirmRestore = driver.state.modal else { return XCTFail("the start offers the rescued edits") }
        assertScreen(Render.frame(driver.state).screen, rows: 10...14, """
             ┌───────────────────────────────────────────────────────────────────────────┐
             │ A run stopped by a signal left unsaved edits (39 contacts). Restore them? │
             │                                                                           │
             │ y restore · n set them aside · Esc later                                  │
             └───────────────────────────────────────────────────────────────────────────┘
            """)
        _ = driver.send(.key(.char("y")))
        XCTAssertEqual(driver.state.network, edited)
        XCTAssertTrue(driver.state.isDirty)
        XCTAssertEqual(try Store.load(path)?.network, saved, "nothing is written before the user saves")
        _ = driver.send(.key(.char("s")))
        XCTAssertEqual(try Store.load(path)?.network, edited)
        XCTAssertFalse(FileManager.default.fileExists(atPath: Store.recoveryPath(for: path)))
    }

    func testDecliningSetsTheEditsAsideWithoutDeletingThem() throws {
        var (path, saved, edited, driver) = try openedWithRescue()
        _ = driver.send(.key(.char("n")))
        XCTAssertEqual(driver.state.network, saved)
        XCTAssertFalse(driver.state.isDirty)
        XCTAssertFalse(FileManager.default.fileExists(atPath: Store.recoveryPath(for: path)))
        XCTAssertEqual(try Store.load(Store.recoveryPath(for: path) + ".discarded")?.network, edited)
    }

    /// The dialog offers "Esc later": Esc closes it, changes nothing, and keeps the rescue file —
    /// a save in this run does not remove it, and the next start offers it again.
    func testEscPutsTheOfferOffAndKeepsTheRescueForTheNextStart() throws {
        var (path, saved, edited, driver) = try openedWithRescue()
        assertLine(Render.frame(driver.state).screen, containing: "Esc later")
        XCTAssertTrue(driver.send(.key(.escape)))
        XCTAssertEqual(driver.state.modal, .none)
        assertLine(Render.frame(driver.state).screen, containing: "Not restored: the rescued edits stay in network.json.unsaved.json")
        XCTAssertEqual(driver.state.network, saved)
        XCTAssertFalse(driver.state.isDirty)
        XCTAssertEqual(try Store.load(Store.recoveryPath(for: path))?.network, edited)
        // Another edit, saved: the rescued edits still wait.
        _ = driver.send(.key(.char("d")))
        _ = driver.send(.key(.char("y")))
        _ = driver.send(.key(.char("s")))
        XCTAssertFalse(driver.state.isDirty)
        XCTAssertEqual(try Store.load(Store.recoveryPath(for: path))?.network, edited)
        XCTAssertFalse(FileManager.default.fileExists(atPath: Store.recoveryPath(for: path) + ".discarded"))
        driver.lock?.release()
        let again = try OpenCommand.open(path, createFolder: false)
        defer { again.lock?.release() }
        guard case .confirmRestore(let offered) = again.state.modal else { return XCTFail("offered again") }
        // The file was saved after the rescue, so the offer merges the edits into it as it is now.
        XCTAssertNotNil(offered.merge, "offered merged into the file saved since")
        XCTAssertEqual(try Store.load(Store.recoveryPath(for: path))?.network, edited)
    }

    /// A signal after the offer was put off keeps both: the earlier rescue is set aside, not overwritten.
    func testARescueAfterEscSetsTheEarlierOneAside() throws {
        var (path, saved, edited, driver) = try openedWithRescue()
        _ = driver.send(.key(.escape))
        driver.state.commit(saved.changesDeletingContact(saved.contacts[1].id, at: Harness.clock.now()))
        XCTAssertThrowsError(try OpenCommand.rescue(driver.state, signal: SIGTERM))
        XCTAssertEqual(try Store.load(Store.recoveryPath(for: path) + ".discarded")?.network, edited)
        XCTAssertEqual(try Store.load(Store.recoveryPath(for: path))?.network, driver.state.network)
    }

    /// With the offer put off, a later rescue sets the earlier edits aside together with their base,
    /// so that the two `.discarded` files still belong together and the new base is the new edits'.
    func testARescueAfterEscSetsTheEarlierBaseAsideWithIt() throws {
        let (path, saved, _) = try setUpFiles()
        var first = AppState(network: saved, path: path, clock: Harness.clock)
        first.commit(saved.changesDeletingContact(saved.contacts[0].id, at: Harness.clock.now()))
        XCTAssertThrowsError(try OpenCommand.rescue(first, signal: SIGTERM))
        XCTAssertEqual(try Store.load(Store.recoveryBasePath(for: path))?.network, saved)
        // The file changes before the next start; the offer (merged into it) is put off.
        var changed = saved
        changed.apply(saved.changesDeletingContact(saved.contacts[2].id, at: Harness.clock.now()))
        try Store.save(changed, to: path)
        let opened = try OpenCommand.open(path, createFolder: false)
        defer { opened.lock?.release() }
        var driver = Driver(state: opened.state)
        _ = driver.send(.key(.escape))
        driver.state.commit(changed.changesDeletingContact(changed.contacts[1].id, at: Harness.clock.now()))
        XCTAssertThrowsError(try OpenCommand.rescue(driver.state, signal: SIGTERM))
        XCTAssertEqual(try Store.load(Store.recoveryPath(for: path) + ".discarded")?.network, first.network)
        XCTAssertEqual(try Store.load(Store.recoveryBasePath(for: path) + ".discarded")?.network, saved,
                       "the earlier edits' base is set aside with them")
        XCTAssertEqual(try Store.load(Store.recoveryPath(for: path))?.network, driver.state.network)
        XCTAssertEqual(try Store.load(Store.recoveryBasePath(for: path))?.network, changed)
    }

    /// A symbolic link planted at the rescue's name (or its base's) is not followed: the file it
    /// points to is never offered as rescued edits, the status line says why, and the link and its
    /// target stay as they are after a save. A FIFO there is refused without waiting on it.
    func testARescueOrBaseThatIsALinkIsNotReadAndNothingIsOffered() throws {
        let (path, saved, edited) = try setUpFiles()
        let dir = Store.directory(of: path)
        // Someone else's data, as a planted rescue would offer it to be saved into this file.
        var other = saved
        other.apply(saved.changesDeletingContact(saved.contacts[3].id, at: Harness.clock.now()))
        try Store.save(other, to: dir + "/elsewhere.json")
        let elsewhere = try Store.readBytes(dir + "/elsewhere.json")

        for planted in [Store.recoveryPath(for: path), Store.recoveryBasePath(for: path)] {
            let name = Store.baseName(of: planted)
            if planted == Store.recoveryBasePath(for: path) { try Store.save(edited, to: Store.recoveryPath(for: path)) }
            XCTAssertEqual(symlink("elsewhere.json", planted), 0)
            let opened = try OpenCommand.open(path, createFolder: false)
            var driver = Driver(state: opened.state)
            XCTAssertEqual(driver.state.modal, .none, "\(name): nothing is offered")
            assertLine(Render.frame(driver.state).screen, containing: "Rescued edits not offered", name)

            XCTAssertEqual(driver.state.message?.text,
                           "Rescued edits not offered: \(planted) is a symbolic link, not a regular file; it was not followed (remove it if you did not put it there)")
            XCTAssertEqual(driver.state.network, saved)
            _ = driver.send(.key(.char("d")))
            _ = driver.send(.key(.char("y")))
            _ = driver.send(.key(.char("s")))
            XCTAssertFalse(driver.state.isDirty)
            opened.lock?.release()
            XCTAssertEqual(try Store.readBytes(dir + "/elsewhere.json"), elsewhere, "\(name): its target is untouched")
            var st = stat()
            XCTAssertEqual(lstat(planted, &st), 0, "\(name): the link stays")
            XCTAssertEqual(st.st_mode & S_IFMT, S_IFLNK)
            unlink(planted)
            unlink(Store.recoveryPath(for: path))
            try Store.save(saved, to: path)
        }

        XCTAssertEqual(mkfifo(Store.recoveryPath(for: path), 0o600), 0)
        let opened = try OpenCommand.open(path, createFolder: false)
        XCTAssertEqual(opened.state.modal, .none)
        XCTAssertEqual(opened.state.message?.text,
                       "Rescued edits not offered: \(Store.recoveryPath(for: path)) is a named pipe (FIFO), not a regular file; it was not read (remove it if you did not put it there)")
        opened.lock?.release()
        // A damaged rescue is not offered either, and says why (it was skipped without a word).
        unlink(Store.recoveryPath(for: path))
        try Data("{\"schemaVersion\": 1, \"contacts\": [".utf8).write(to: URL(fileURLWithPath: Store.recoveryPath(for: path)))
        let damaged = try OpenCommand.open(path, createFolder: false)
        defer { damaged.lock?.release() }
        XCTAssertEqual(damaged.state.modal, .none)
        XCTAssertEqual(damaged.state.message?.text.hasPrefix("Rescued edits not offered: \(Store.recoveryPath(for: path)) cannot be opened: 1 problem"), true,
                       damaged.state.message?.text ?? "")
    }
}

/// When saving fails, the edits stay and the user can save elsewhere; the demo is saved the same way.
final class SaveAsTests: XCTestCase {
    func testAFailedSaveCanBeSavedElsewhere() throws {
        let dir = try temporaryDirectory()
        let blocker = dir + "/not-a-folder"
        FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        var h = Harness(path: blocker + "/network.json")
        h.press(.char("d"), .char("y"), .char("s"))
        assertLine(h, containing: "Not saved")
        h.press(.char("S"))
        assertLine(h, containing: "Save as")
        h.press(.ctrl("u"))
        h.type(dir + "/elsewhere.json")
        h.press(.enter)
        XCTAssertFalse(h.state.isDirty)
        XCTAssertEqual(h.state.path, dir + "/elsewhere.json")
        assertLine(h, row: 0, containing: "elsewhere.json")
        XCTAssertEqual(try Store.load(dir + "/elsewhere.json")?.network.contacts.count, 39)
        XCTAssertNotNil(h.driver.lock, "the new file is locked while open")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/elsewhere.json.lock"))
        h.driver.lock?.release()
    }

    func testTheDemoIsSavedAsAFile() throws {
        let dir = try temporaryDirectory()
        var h = Harness()
        h.press(.char("s"))
        assertLine(h, containing: "S saves it as")
        h.press(.char("S"), .ctrl("u"))
        h.type(dir + "/mine.json")
        h.press(.enter)
        XCTAssertEqual(try Store.load(dir + "/mine.json")?.network, h.state.network)
        h.driver.lock?.release()
    }

    func testSaveAsRefusesAFileAnotherCopyHasOpen() throws {
        let dir = try temporaryDirectory()
        guard case .acquired(let other) = try FileLock.acquire(for: dir + "/taken.json") else { return XCTFail("lock") }
        defer { other.release() }
        var h = Harness(width: 250, height: 24)
        h.press(.char("S"), .ctrl("u"))
        h.type(dir + "/taken.json")
        h.press(.enter)
        assertLine(h, containing: "open in another nettui")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/taken.json"))
        XCTAssertNil(h.state.path)
    }
}
