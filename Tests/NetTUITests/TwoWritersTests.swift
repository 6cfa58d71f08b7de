import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import TestSupport
import XCTest
@testable import NetStore

/// Never two writers (docs/RELIABILITY.md): while another process holds a data file's lock, opening
/// it gives a read-only dashboard naming the holder's pid, whose saves are refused; when the holder
/// is killed, the lock it leaves behind does not block the next open.
final class TwoWritersTests: XCTestCase {
    /// A StressSave process holding the lock of `path`, started and ready.
    func startHolder(_ path: String) throws -> Process {
        let stress = try Programs.requireBuilt("StressSave")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: stress)
        p.arguments = ["hold-lock", path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        addTeardownBlock {
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
        }
        var text = ""
        while !text.hasSuffix("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        XCTAssertEqual(text, "locked \(p.processIdentifier)\n")
        return p
    }

    func tempPath() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/nettui-writers-XXXXXX").utf8CString)
        let dir = String(cString: try XCTUnwrap(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir + "/network.json"
    }

    func testASecondWriterGetsReadOnlyNamingTheHolderAndAStaleLockNeverBlocks() throws {
        let path = try tempPath()
        let network = Demo.network(today: Harness.today)
        try Store.save(network, to: path)
        let saved = try Store.readBytes(path)
        let holder = try startHolder(path)
        let pid = holder.processIdentifier

        let second = try OpenCommand.open(path, createFolder: false)
        XCTAssertNil(second.lock, "the second opener must not hold the lock")
        XCTAssertEqual(second.state.readOnlyReason, "\(path) is open in another nettui (pid \(pid))")
        XCTAssertEqual(second.state.message?.text, "Read-only: \(path) is open in another nettui (pid \(pid))")
        XCTAssertEqual(second.state.network, network, "it still shows the data")
        assertLine(Render.frame(second.state).screen, row: 0, containing: "[read-only]")

        // Its saves are refused, and the file stays as the holder has it.
        var driver = Driver(state: second.state)
        _ = driver.send(.key(.char("s")))
        XCTAssertTrue(driver.state.message?.text.hasPrefix("Not saved: \(path) is open in another nettui (pid \(pid))") == true, driver.state.message?.text ?? "no message")
        XCTAssertEqual(try Store.readBytes(path), saved)

        // Killed, the holder cannot remove its lock file; the kernel drops the lock all the same.
        kill(pid, SIGKILL)
        holder.waitUntilExit()
        XCTAssertEqual(try Store.readBytes(FileLock.lockPath(for: path)), Array("\(pid)\n".utf8), "the stale lock file is still there")
        let start = DispatchTime.now()
        let third = try OpenCommand.open(path, createFolder: false)
        let took = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        print(String(format: "TwoWritersTests: open after the holder (pid %d) was killed took %.3f s", pid, took))
        XCTAssertLessThan(took, 1)
        let lock = try XCTUnwrap(third.lock, "a stale lock blocks the next open")
        defer { lock.release() }
        XCTAssertNil(third.state.readOnlyReason)
        XCTAssertEqual(try Store.readBytes(FileLock.lockPath(for: path)), Array("\(getpid())\n".utf8), "the lock file names the new holder")

        // Now it is this process that holds it: another process is refused, and is told our pid.
        let stress = try Programs.requireBuilt("StressSave")
        let refused = try Programs.run(stress, ["hold-lock", path], mergeOutput: true, timeout: 10)
        XCTAssertEqual(refused.status, 2, refused.output)
        XCTAssertEqual(refused.output, "StressSave: the lock is held by \(getpid())\n")
    }

    func testALockFileWithoutALockDoesNotBlockEvenWhenItNamesALiveProcess() throws {
        let path = try tempPath()
        // A lock file left by a crash (or copied along with the data) names a pid, maybe a running one.
        XCTAssertTrue(FileManager.default.createFile(atPath: FileLock.lockPath(for: path), contents: Data("1\n".utf8)))
        let opened = try OpenCommand.open(path, createFolder: false)
        let lock = try XCTUnwrap(opened.lock)
        defer { lock.release() }
        XCTAssertNil(opened.state.readOnlyReason)
    }

    // MARK: - Save-as onto a locked file, by any name

    /// Presses `S`, replaces the suggested path with `target` (or keeps the suggestion, the open
    /// file's own path, when nil) and Enter.
    func saveAs(_ driver: inout Driver, _ target: String?) {
        _ = driver.send(.key(.char("S")))
        if let target {
            _ = driver.send(.key(.ctrl("u")))
            for c in target { _ = driver.send(.key(.char(c))) }
        }
        _ = driver.send(.key(.enter))
    }

    /// A copy opened read-only because another holds the lock cannot `S` onto the holder's file:
    /// not by the suggested path, nor relative, `./x`, `sub/../x`, a symbolic link or a hard link.
    func testAReadOnlyCopyCannotSaveAsOntoTheHoldersFileByAnyName() throws {
        let path = try tempPath()
        let dir = Store.directory(of: path)
        try Store.save(Demo.network(today: Harness.today), to: path)
        let saved = try Store.readBytes(path)
        XCTAssertEqual(mkdir(dir + "/sub", 0o700), 0)
        XCTAssertEqual(symlink("network.json", dir + "/link.json"), 0)
        XCTAssertEqual(link(path, dir + "/hard.json"), 0)
        let holder = try startHolder(path)
        let pid = holder.processIdentifier

        let second = try OpenCommand.open(path, createFolder: false)
        XCTAssertNil(second.lock)
        var driver = Driver(state: second.state, lock: second.lock)
        let cwd = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(cwd) }
        for target in [nil, "network.json", "./network.json", "sub/../network.json", dir + "/link.json", "hard.json"] {
            saveAs(&driver, target)
            let name = target ?? path
            XCTAssertEqual(driver.state.message?.text.hasPrefix("Not saved: \(name) is open in another nettui"), true,
                           "\(name): \(driver.state.message?.text ?? "no message")")
            XCTAssertEqual(try Store.readBytes(path), saved, "\(name) overwrote the holder's file")
            XCTAssertEqual(driver.state.path, path)
            XCTAssertNil(driver.lock)
        }
        assertContains(driver.state.message?.text ?? "no message", "(pid \(pid))", "a hard link's holder is found by the file, in /proc/locks")

        XCTAssertFalse(fileExists(dir + "/hard.json.lock"))
        // Elsewhere is fine, and the copy then holds that file's lock.
        saveAs(&driver, "copy.json")
        XCTAssertEqual(driver.state.message?.text, "Saved 40 contacts to copy.json")
        XCTAssertNil(driver.state.readOnlyReason)
        XCTAssertNotNil(driver.lock)
        driver.lock?.release()
    }

    func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// The dashboard that holds the file saves it by any of its names (its own lock covers them).
    func testTheHolderSavesAsItsOwnFileByAnotherName() throws {
        let path = try tempPath()
        try Store.save(Demo.network(today: Harness.today), to: path)
        XCTAssertEqual(symlink("network.json", Store.directory(of: path) + "/link.json"), 0)
        let opened = try OpenCommand.open(path, createFolder: false)
        var driver = Driver(state: opened.state, lock: opened.lock)
        defer { driver.lock?.release() }
        _ = driver.send(.key(.char("d")))
        _ = driver.send(.key(.char("y")))
        saveAs(&driver, Store.directory(of: path) + "/link.json")
        XCTAssertEqual(driver.state.message?.text, "Saved 39 contacts to link.json")
        XCTAssertEqual(try Store.load(path)?.network.contacts.count, 39)
        XCTAssertTrue(driver.lock === opened.lock, "the same lock, kept")
        // A hard link is the same file too, but a save's rename would split the two names: refused.
        XCTAssertEqual(link(path, Store.directory(of: path) + "/hard.json"), 0)
        let before = try Store.readBytes(path)
        _ = driver.send(.key(.char("d")))
        _ = driver.send(.key(.char("y")))
        saveAs(&driver, Store.directory(of: path) + "/hard.json")
        XCTAssertEqual(driver.state.message?.text, "Not saved: \(Store.directory(of: path))/hard.json is the open file under another name (a hard link); s saves it. Your edits are still here.")
        XCTAssertEqual(try Store.readBytes(path), before)
        XCTAssertEqual(driver.state.path, Store.directory(of: path) + "/link.json")
    }

    // MARK: - Read-only opens that say why

    /// Mode 0444 is read-only on purpose: the file opens read-only saying so (even as root, who
    /// could write it), `s` is refused, and so is `S` onto it.
    func testAWriteProtectedFileOpensReadOnlySayingWhy() throws {
        let path = try tempPath()
        try Store.save(Demo.network(today: Harness.today), to: path)
        XCTAssertEqual(chmod(path, 0o444), 0)
        let saved = try Store.readBytes(path)
        let opened = try OpenCommand.open(path, createFolder: false)
        XCTAssertNil(opened.lock)
        XCTAssertEqual(opened.state.readOnlyReason, "\(path) is write-protected (mode 0444)")
        XCTAssertEqual(opened.state.message?.text, "Read-only: \(path) is write-protected (mode 0444)")
        var driver = Driver(state: opened.state, lock: opened.lock)
        _ = driver.send(.key(.char("s")))
        XCTAssertEqual(driver.state.message?.text.hasPrefix("Not saved: \(path) is write-protected (mode 0444)"), true, driver.state.message?.text ?? "")
        saveAs(&driver, nil)
        XCTAssertEqual(driver.state.message?.text.hasPrefix("Not saved: cannot save to \(path): \(path) is write-protected"), true, driver.state.message?.text ?? "")
        XCTAssertEqual(try Store.readBytes(path), saved)
        driver.lock?.release()
        // Nor does an import write it.
        let dir = Store.directory(of: path)
        try Data("BEGIN:VCARD\nVERSION:4.0\nFN:Zed\nEND:VCARD\n".utf8).write(to: URL(fileURLWithPath: dir + "/new.vcf"))
        let imported = try Programs.nettui(["import", "vcard", "new.vcf", "--file", "network.json"], in: dir)
        XCTAssertEqual(imported.status, 1, imported.output)
        XCTAssertTrue(imported.stderr.hasPrefix("nettui: network.json: cannot import into it: network.json is write-protected (mode 0444)"), imported.stderr)
        XCTAssertEqual(try Store.readBytes(path), saved)
    }

    /// `ln -s precious.txt F.json.lock`: opening F.json never writes through the link; it opens
    /// read-only and says why.
    func testALockFileThatIsALinkIsNotFollowedAndTheFileOpensReadOnly() throws {
        let path = try tempPath()
        let dir = Store.directory(of: path)
        try Store.save(Demo.network(today: Harness.today), to: path)
        FileManager.default.createFile(atPath: dir + "/precious.txt", contents: Data("precious\n".utf8))
        XCTAssertEqual(symlink("precious.txt", path + ".lock"), 0)
        let opened = try OpenCommand.open(path, createFolder: false)
        XCTAssertNil(opened.lock)
        XCTAssertEqual(opened.state.readOnlyReason?.contains("is a symbolic link, not a regular file; it was not followed"), true,
                       opened.state.readOnlyReason ?? "not read-only")
        XCTAssertEqual(opened.state.network, Demo.network(today: Harness.today))
        XCTAssertEqual(try Store.readBytes(dir + "/precious.txt"), Array("precious\n".utf8))
    }

    /// A readable file in a folder where no lock file can be made (a read-only file system here;
    /// needs root to mount) opens read-only, saying why, instead of not at all.
    func testAFileWhoseLockCannotBeCreatedOpensReadOnly() throws {
        let path = try tempPath()
        let mnt = Store.directory(of: path) + "/ro"
        XCTAssertEqual(mkdir(mnt, 0o700), 0)
        let mount = try Programs.run("mount", ["-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", mnt], mergeOutput: true)
        if mount.status != 0 {
            print("TwoWritersTests: an unwritable folder not made: cannot mount a tmpfs (\(mount.output.trimmingCharacters(in: .whitespacesAndNewlines)))")
            throw XCTSkip("mounting a tmpfs is not permitted here")
        }
        addTeardownBlock { _ = try? Programs.run("umount", ["-l", mnt]) }
        let file = mnt + "/network.json"
        try Store.save(Demo.network(today: Harness.today), to: file)
        XCTAssertEqual(try Programs.run("mount", ["-o", "remount,ro", mnt]).status, 0)
        let opened = try OpenCommand.open(file, createFolder: false)
        XCTAssertNil(opened.lock)
        let lockFile = FileLock.lockPath(for: file)
        XCTAssertEqual(opened.state.readOnlyReason, "cannot create the lock file \(lockFile): Read-only file system")
        XCTAssertEqual(opened.state.message?.text, "Read-only: cannot create the lock file \(lockFile): Read-only file system")
        XCTAssertEqual(opened.state.network, Demo.network(today: Harness.today))
    }

    // MARK: - Side files and backups

    /// `F.bak` a folder: the save is done and the status line says no backup could be kept.
    func testASaveThatCouldKeepNoBackupSaysSo() throws {
        let path = try tempPath()
        try Store.save(Demo.network(today: Harness.today), to: path)
        XCTAssertEqual(mkdir(path + ".bak", 0o700), 0)
        let opened = try OpenCommand.open(path, createFolder: false)
        var driver = Driver(state: opened.state, lock: opened.lock)
        defer { driver.lock?.release() }
        _ = driver.send(.key(.char("d")))
        _ = driver.send(.key(.char("y")))
        _ = driver.send(.key(.char("s")))
        XCTAssertEqual(driver.state.message?.text, "Saved 39 contacts to network.json, but no backup could be kept: \(path).bak is a folder")
        XCTAssertEqual(driver.state.message?.isError, true)
        XCTAssertFalse(driver.state.isDirty)
        XCTAssertEqual(try Store.load(path)?.network.contacts.count, 39)
    }

    /// A link planted at `F.json.unsaved.json` does not get the rescued edits' JSON.
    func testTheRescueIsNeverWrittenThroughALink() throws {
        let path = try tempPath()
        let dir = Store.directory(of: path)
        FileManager.default.createFile(atPath: dir + "/precious.txt", contents: Data("precious\n".utf8))
        XCTAssertEqual(symlink("precious.txt", Store.recoveryPath(for: path)), 0)
        var state = AppState(network: Demo.network(today: Harness.today), path: path)
        var driver = Driver(state: state)
        _ = driver.send(.key(.char("d")))
        _ = driver.send(.key(.char("y")))
        state = driver.state
        XCTAssertTrue(state.isDirty)
        XCTAssertThrowsError(try OpenCommand.rescue(state, signal: SIGTERM))
        XCTAssertEqual(try Store.readBytes(dir + "/precious.txt"), Array("precious\n".utf8))
    }

    // MARK: - Commands against a file another process has open (run as processes)

    /// With the file open, `nettui import … --file` by any other name (a link, `./x`, a hard link)
    /// is refused, and `nettui export -o` never replaces the open data file (nor, without
    /// `--force`, any data file).
    func testCommandsNeverWriteAFileOpenUnderAnotherName() throws {
        let path = try tempPath()
        let dir = Store.directory(of: path)
        try Store.save(Demo.network(today: Harness.today), to: path)
        let saved = try Store.readBytes(path)
        XCTAssertEqual(symlink("network.json", dir + "/link.json"), 0)
        XCTAssertEqual(link(path, dir + "/hard.json"), 0)
        try Data("BEGIN:VCARD\nVERSION:4.0\nFN:Zed Newcomer\nEMAIL:zed@example.com\nEND:VCARD\n".utf8).write(to: URL(fileURLWithPath: dir + "/new.vcf"))
        let holder = try startHolder(path)
        let pid = holder.processIdentifier

        for name in ["link.json", "./network.json", "hard.json"] {
            let r = try Programs.nettui(["import", "vcard", "new.vcf", "--file", name], in: dir)
            XCTAssertEqual(r.status, 1, "\(name): \(r.output)")
            assertContains(r.stderr, "\(name): the data file is open in another nettui (pid \(pid))")
            XCTAssertEqual(try Store.readBytes(path), saved, "\(name): the import wrote the open file")
        }
        for name in ["network.json", "link.json", "hard.json"] {
            let r = try Programs.nettui(["export", "csv", "--file", "network.json", "-o", name, "--force"], in: dir)
            XCTAssertEqual(r.status, 1, "\(name): \(r.output)")
            XCTAssertEqual(r.stderr, "nettui: \(name) is a data file open in nettui (pid \(pid)); an export never replaces it\n")
            XCTAssertEqual(try Store.readBytes(path), saved, "\(name): the export replaced the open file")
        }

        kill(pid, SIGKILL)
        holder.waitUntilExit()
        let refused = try Programs.nettui(["export", "csv", "--file", "network.json", "-o", "network.json"], in: dir)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "nettui: network.json is a NetTUI data file; an export would replace it (add --force to replace it anyway)\n")
        XCTAssertEqual(try Store.readBytes(path), saved)
        let forced = try Programs.nettui(["export", "csv", "--file", "network.json", "-o", "network.json", "--force"], in: dir)
        XCTAssertEqual(forced.status, 0, forced.output)
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("id,name,"), "replaced on purpose")
        XCTAssertEqual(try Store.readBytes(path + ".bak"), saved)
    }

    /// The dashboard's own export (`:export csv FILE`) never replaces the file it has open, by any
    /// name, nor another data file.
    func testTheDashboardsExportNeverReplacesADataFile() throws {
        let path = try tempPath()
        let dir = Store.directory(of: path)
        try Store.save(Demo.network(today: Harness.today), to: path)
        try Store.save(Network(), to: dir + "/other.json")
        XCTAssertEqual(symlink("network.json", dir + "/link.json"), 0)
        let saved = try Store.readBytes(path), other = try Store.readBytes(dir + "/other.json")
        let opened = try OpenCommand.open(path, createFolder: false)
        var driver = Driver(state: opened.state, lock: opened.lock)
        defer { driver.lock?.release() }
        _ = driver.send(.resize(width: 250, height: 30))
        func export(_ target: String) {
            _ = driver.send(.key(.char(":")))
            for c in "export csv \(target)" { _ = driver.send(.key(.char(c))) }
            _ = driver.send(.key(.enter))
        }
        for target in [path, dir + "/link.json"] {
            export(target)
            XCTAssertEqual(driver.state.message?.text, "Not exported: \(target) is a data file open in nettui (pid \(getpid())); an export never replaces it")
        }
        export(dir + "/other.json")
        XCTAssertEqual(driver.state.message?.text, "Not exported: \(dir)/other.json is a NetTUI data file; an export would replace it")
        XCTAssertEqual(try Store.readBytes(path), saved)
        XCTAssertEqual(try Store.readBytes(dir + "/other.json"), other)
        export(dir + "/all.csv")
        XCTAssertEqual(driver.state.message?.text.hasPrefix("Exported 40 contacts"), true)
    }
}
