import Foundation
import NetModel
import NetStore
@testable import NetTUI
import XCTest

/// Effects run in the driver and come back into the update as inputs (`Input.done`): the update
/// alone turns an outcome into the screen. In the dashboard a save runs on a thread of its own:
/// the screen keeps being drawn, what is typed meanwhile waits for it, and `q` quits only after it.
final class EffectsTests: XCTestCase {
    /// An outcome is an input like a key: the update shows it without the driver doing anything.
    func testAnOutcomeIsAnInputTheUpdateShows() throws {
        var h = Harness(path: "/nowhere/network.json")
        h.press(.char("d"), .char("y"))
        h.send(.done(.saved(path: "/nowhere/network.json", .failure(StoreError("the disk is full")))))
        XCTAssertEqual(h.state.message, StatusMessage(text: "Not saved: the disk is full. Your edits are still here.", isError: true))
        XCTAssertTrue(h.state.isDirty)
        XCTAssertTrue(h.screen.line(23).contains("Not saved: the disk is full"), h.text)

        h.send(.done(.exported(path: "/tmp/x.vcf", contacts: 39, format: .vcard, .success(()))))
        XCTAssertEqual(h.state.message?.text, "Exported 39 contacts to /tmp/x.vcf (vcard)")
    }

    /// `s` then `q` typed at once: the save runs in the background, the screen says so, `q` waits
    /// for the save, and quits once it is done; a second `s` meanwhile waits too.
    func testABackgroundSaveKeepsDrawingAndQuitWaitsForIt() throws {
        let (path, _) = try savedDemoFile()
        let opened = try OpenCommand.open(path, createFolder: false)
        var driver = Driver(state: opened.state, lock: opened.lock, inBackground: true)
        defer { driver.lock?.release() }
        _ = driver.send(.key(.char("d")))
        _ = driver.send(.key(.char("y")))
        let edited = driver.state.network
        XCTAssertNotEqual(try Store.load(path)?.network, edited)

        XCTAssertTrue(driver.send(.key(.char("s"))))
        XCTAssertTrue(driver.isWorking, "the save runs on a thread of its own")
        let screen = Render.frame(driver.state).screen.text
        XCTAssertTrue(screen.contains("Saving network.json…"), screen)
        XCTAssertTrue(driver.send(.key(.char("s"))), "a second save waits for the first")
        XCTAssertTrue(driver.send(.key(.char("q"))), "q waits for the save: the program does not end yet")
        XCTAssertTrue(driver.send(.resize(width: 100, height: 30)))
        XCTAssertEqual(driver.state.width, 100, "a resize is not held up by the save")
        XCTAssertTrue(driver.state.isDirty)

        XCTAssertTrue(driver.finishWork(), "the first save is done; the second starts")
        XCTAssertTrue(driver.isWorking)
        XCTAssertFalse(driver.state.isDirty)
        XCTAssertEqual(try Store.load(path)?.network, edited)
        XCTAssertFalse(driver.finishWork(), "once both are done, the q that waited quits")
        XCTAssertFalse(driver.isWorking)
        XCTAssertEqual(try Store.load(path)?.network, edited)
    }

    /// "Save as" in the background: the open file and its lock change only once the save is done;
    /// onto a file already there, the question comes with the outcome and no lock is kept on it.
    func testABackgroundSaveAsMovesTheLockOnlyOnceItSucceeded() throws {
        let (path, _) = try savedDemoFile()
        let other = Store.directory(of: path) + "/other.json"
        let opened = try OpenCommand.open(path, createFolder: false)
        var driver = Driver(state: opened.state, lock: opened.lock, inBackground: true)
        defer { driver.lock?.release() }
        func saveAs(_ target: String) {
            _ = driver.send(.key(.char("S")))
            _ = driver.send(.key(.ctrl("u")))
            for c in target { _ = driver.send(.key(.char(c))) }
            _ = driver.send(.key(.enter))
        }

        saveAs(other)
        XCTAssertTrue(driver.isWorking)
        XCTAssertEqual(driver.state.path, path, "still the open file while the save runs")
        XCTAssertTrue(driver.finishWork())
        XCTAssertEqual(driver.state.path, other)
        XCTAssertEqual(driver.lock?.covers(other), true, "the lock moved with the file")
        XCTAssertEqual(try Store.load(other)?.network, driver.state.network)
        guard case .acquired(let first) = try FileLock.acquire(for: path) else { return XCTFail("the first file's lock is let go") }
        first.release()

        saveAs(path)
        XCTAssertTrue(driver.isWorking, "what is at the path is found on the save's thread")
        XCTAssertTrue(driver.finishWork())
        guard case .confirmReplace(let asked, _) = driver.state.modal else { return XCTFail("asks before replacing \(path)") }
        XCTAssertEqual(asked, path)
        XCTAssertEqual(driver.state.path, other)
        guard case .acquired(let again) = try FileLock.acquire(for: path) else { return XCTFail("no lock is kept on a file only asked about") }
        again.release()
    }

    /// "Save and quit" whose save fails keeps the program up, in the background as at once.
    func testAFailedBackgroundSaveDoesNotQuit() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/network.json"
        try Store.save(Demo.network(today: Harness.today), to: path)
        let opened = try OpenCommand.open(path, createFolder: false)
        var driver = Driver(state: opened.state, lock: opened.lock, inBackground: true)
        defer { driver.lock?.release() }
        _ = driver.send(.key(.char("d")))
        _ = driver.send(.key(.char("y")))
        // A folder where the file is: the save cannot rename its new version over it.
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        XCTAssertTrue(driver.send(.key(.char("q"))))
        XCTAssertTrue(driver.send(.key(.char("s"))), "save and quit")
        XCTAssertTrue(driver.isWorking)
        XCTAssertTrue(driver.finishWork(), "a failed save keeps the program up")
        XCTAssertTrue(driver.state.isDirty)
        XCTAssertEqual(driver.state.message?.isError, true)
        XCTAssertTrue(driver.state.message?.text.hasPrefix("Not saved:") == true, driver.state.message?.text ?? "")
    }

    /// Tab in the palette asks the driver to list the folder; the names come back as an input, so
    /// the update completes from them without reading the disk (this folder does not exist).
    func testTabCompletesFromTheFolderTheDriverListed() throws {
        var h = Harness(width: 120, height: 30)
        h.press(.char(":"))
        h.type("save-as /imaginary/al")
        XCTAssertEqual(h.driver.state.handle(.key(.tab)), [.listFolder("/imaginary", start: "al")])
        guard case .palette(let asked) = h.state.modal else { return XCTFail("the palette stays open") }
        XCTAssertEqual(asked.query.text, "save-as /imaginary/al", "nothing is completed before the names come")
        h.send(.done(.folderListed("/imaginary", start: "al", [FolderName(name: "alpha.json", isFolder: false),
                                                              FolderName(name: "alps", isFolder: true)])))
        guard case .palette(let common) = h.state.modal else { return XCTFail("the palette stays open") }
        XCTAssertEqual(common.query.text, "save-as /imaginary/alp")
        h.send(.done(.folderListed("/imaginary", start: "alp", [FolderName(name: "alps", isFolder: true)])))
        guard case .palette(let folder) = h.state.modal else { return XCTFail("the palette stays open") }
        XCTAssertEqual(folder.query.text, "save-as /imaginary/alps/", "a single folder gets its slash")
        // A listing for a path no longer typed changes nothing.
        h.send(.done(.folderListed("/elsewhere", start: "x", [FolderName(name: "xylophone", isFolder: false)])))
        guard case .palette(let same) = h.state.modal else { return XCTFail("the palette stays open") }
        XCTAssertEqual(same.query.text, "save-as /imaginary/alps/")
    }

    /// The update reads no environment: the home folder is part of the state (`~/` in a path
    /// typed, the first name "save as" offers for the demo).
    func testTheHomeFolderIsState() throws {
        var h = Harness()
        h.driver.state.home = "/home/someone-else"
        h.press(.char("S"))
        XCTAssertTrue(h.text.contains("/home/someone-else/network.json"), h.text)
        h.press(.escape, .char(":"))
        h.type("save-as ~/kept.json")
        XCTAssertTrue(h.text.contains("Save as /home/someone-else/kept.json"), h.text)
    }

    /// The settings' `~/` is the home of the environment they are read with, not the process's.
    func testSettingsExpandTheHomeOfTheirEnvironment() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/nettui", withIntermediateDirectories: true)
        try #"{"dataFile": "~/team/network.json"}"#.write(toFile: dir + "/nettui/config.json", atomically: true, encoding: .utf8)
        let (settings, problems) = Settings.load(["XDG_CONFIG_HOME": dir, "HOME": "/home/someone-else"])
        XCTAssertEqual(problems, [])
        XCTAssertEqual(settings.dataFile, "/home/someone-else/team/network.json")
    }
}
