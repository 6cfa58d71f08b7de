import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

final class StoreTests: XCTestCase {
    func mode(_ path: String) -> mode_t {
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0, path)
        return st.st_mode & 0o777
    }

    func contents(_ path: String) throws -> [UInt8]? { try Store.readBytes(path) }

    func listing(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    }

    func testSaveWritesTheEncodingWithMode0600() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        let demo = Demo.network(today: testToday)
        try Store.save(demo, to: path)
        XCTAssertEqual(try contents(path), NetworkCodec.encode(demo))
        XCTAssertEqual(mode(path), 0o600)
        XCTAssertEqual(try listing(dir), ["network.json"], "no .bak before there was an old version, no temp file")
    }

    func testSavingTwiceKeepsThePreviousVersionAsBak() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        var network = Demo.network(today: testToday)
        try Store.save(network, to: path)
        let first = NetworkCodec.encode(network)
        network.me.pitch = "Second version"
        try Store.save(network, to: path)
        let second = NetworkCodec.encode(network)
        XCTAssertNotEqual(first, second)
        XCTAssertEqual(try contents(path), second)
        XCTAssertEqual(try contents(path + ".bak"), first)
        XCTAssertEqual(mode(path + ".bak"), 0o600)
        network.me.pitch = "Third version"
        try Store.save(network, to: path)
        XCTAssertEqual(try contents(path + ".bak"), second)
        XCTAssertEqual(try contents(path), NetworkCodec.encode(network))
        XCTAssertEqual(try listing(dir), ["network.json", "network.json.bak"], "no temp files left behind")
    }

    func testSaveReplacesAnOlderFileKeepingItsModeAndRelativePathsWork() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        writeFile(path, bytes("old"))
        chmod(path, 0o644)
        try Store.save(Network(), to: path)
        XCTAssertEqual(mode(path), 0o644, "a save keeps the mode the file had")
        XCTAssertEqual(try contents(path + ".bak"), bytes("old"))

        let cwd = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(cwd) }
        try Store.save(Network(), to: "relative.json")
        XCTAssertTrue(fileExists(dir + "/relative.json"))
    }

    func testSavingThroughASymlinkUpdatesTheFileItPointsAt() throws {
        let dir = try makeTempDir(self)
        XCTAssertEqual(mkdir(dir + "/synced", 0o700), 0)
        try Store.save(Network(), to: dir + "/synced/network.json")
        let first = try contents(dir + "/synced/network.json")
        XCTAssertEqual(symlink("synced/network.json", dir + "/link.json"), 0)
        let demo = Demo.network(today: testToday)
        try Store.save(demo, to: dir + "/link.json")
        var st = stat()
        XCTAssertEqual(lstat(dir + "/link.json", &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFLNK, "the link is still a link")
        XCTAssertEqual(try contents(dir + "/synced/network.json"), NetworkCodec.encode(demo))
        XCTAssertEqual(try contents(dir + "/synced/network.json.bak"), first)
        XCTAssertEqual(try Store.load(dir + "/link.json")?.network, demo)
    }

    func assertSaveFails(to path: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            try Store.save(Demo.network(today: testToday), to: path)
            XCTFail("saved to \(path)", file: file, line: line)
        } catch {
            XCTAssertTrue(error.message.hasPrefix("cannot save to \(path)"), error.message, file: file, line: line)
        }
    }

    func testSavingIntoAMissingFolderThrows() throws {
        let dir = try makeTempDir(self)
        assertSaveFails(to: dir + "/no/such/folder/network.json")
        XCTAssertEqual(try listing(dir), [])
    }

    func testSavingWhereTheFolderIsARegularFileThrows() throws {
        let dir = try makeTempDir(self)
        writeFile(dir + "/plain", bytes("I am a file"))
        assertSaveFails(to: dir + "/plain/network.json")
        XCTAssertEqual(try contents(dir + "/plain"), bytes("I am a file"))
        XCTAssertEqual(try listing(dir), ["plain"])
    }

    func testSavingOverAFolderThrowsAndLeavesNoTempFile() throws {
        let dir = try makeTempDir(self)
        XCTAssertEqual(mkdir(dir + "/network.json", 0o700), 0)
        writeFile(dir + "/network.json/inside", bytes("keep"))
        assertSaveFails(to: dir + "/network.json")
        XCTAssertEqual(try contents(dir + "/network.json/inside"), bytes("keep"))
        XCTAssertEqual(try listing(dir).filter { $0.contains("tmp") }, [])
    }

    func testSavingIntoAnUnwritableFolderLeavesTheOldFileUntouched() throws {
        // Root ignores permission bits, so this case can only be shown as an ordinary user.
        try XCTSkipIf(geteuid() == 0, "running as root: a read-only folder is still writable")
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        try Store.save(Network(), to: path)
        let before = try contents(path)
        XCTAssertEqual(chmod(dir, 0o500), 0)
        defer { chmod(dir, 0o700) }
        assertSaveFails(to: path)
        XCTAssertEqual(try contents(path), before)
        XCTAssertFalse(fileExists(path + ".bak"))
        XCTAssertEqual(try listing(dir), ["network.json"])
    }

    func testReadBytesOfAMissingFileIsNilAndOfALargeFileIsComplete() throws {
        let dir = try makeTempDir(self)
        XCTAssertNil(try Store.readBytes(dir + "/missing"))
        let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        writeFile(dir + "/big", big)
        XCTAssertEqual(try Store.readBytes(dir + "/big"), big)
    }

    func testPathHelpers() throws {
        XCTAssertEqual(Store.directory(of: "/a/b/c.json"), "/a/b")
        XCTAssertEqual(Store.directory(of: "/c.json"), "/")
        XCTAssertEqual(Store.directory(of: "c.json"), ".")
        XCTAssertEqual(Store.baseName(of: "/a/b/c.json"), "c.json")
        XCTAssertEqual(Store.baseName(of: "c.json"), "c.json")
        let dir = try makeTempDir(self)
        try Store.makeDirectories(dir + "/x/y/z")
        var st = stat()
        XCTAssertEqual(stat(dir + "/x/y/z", &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o700)
        try Store.makeDirectories(dir + "/x/y/z")  // already there: fine
        writeFile(dir + "/f", [])
        XCTAssertThrowsError(try Store.makeDirectories(dir + "/f/sub"))
    }

    // MARK: - Owner, mode, backups, kinds of file

    func owner(_ path: String) -> (uid_t, gid_t) {
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0, path)
        return (st.st_uid, st.st_gid)
    }

    /// A team's file shared 0640 stays 0640, and its owner and group stay (a save by root no
    /// longer makes a user's file root:root); the .bak keeps them too. A new file is 0600.
    func testASaveKeepsTheFilesOwnerGroupAndMode() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/team.json"
        try Store.save(Network(), to: path)
        XCTAssertEqual(mode(path), 0o600)
        XCTAssertEqual(chmod(path, 0o640), 0)
        let other: (uid_t, gid_t) = geteuid() == 0 ? (65534, 65534) : (geteuid(), getegid())
        if geteuid() == 0 { XCTAssertEqual(chown(path, other.0, other.1), 0) } else { print("StoreTests: not root, so the owner cannot be another user's; checking the mode only") }
        try Store.save(Demo.network(today: testToday), to: path)
        XCTAssertEqual(mode(path), 0o640)
        XCTAssertTrue(owner(path) == other, "owner \(owner(path)), want \(other)")
        XCTAssertEqual(mode(path + ".bak"), 0o640)
        XCTAssertTrue(owner(path + ".bak") == other)
        XCTAssertEqual(try Store.load(path)?.network, Demo.network(today: testToday))
    }

    /// `F.bak` a folder: the save is done, and says that no backup could be kept.
    func testABakThatIsAFolderIsReportedNotSkippedSilently() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        XCTAssertNil(try Store.save(Network(), to: path).warning)
        XCTAssertNil(try Store.save(Network(), to: path).warning)
        XCTAssertEqual(unlink(path + ".bak"), 0)
        XCTAssertEqual(mkdir(path + ".bak", 0o700), 0)
        let saved = try Store.save(Demo.network(today: testToday), to: path)
        XCTAssertEqual(saved.warning, "no backup could be kept: \(path).bak is a folder")
        XCTAssertEqual(try Store.load(path)?.network, Demo.network(today: testToday))
        XCTAssertEqual(try listing(dir), ["network.json", "network.json.bak"], "no temporary file left behind")
    }

    /// Mode 0444 is read-only on purpose: a save refuses it even as root, who could write it.
    func testAWriteProtectedFileIsNotReplaced() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        try Store.save(Network(), to: path)
        let before = try contents(path)
        XCTAssertEqual(chmod(path, 0o444), 0)
        XCTAssertEqual(Store.writeProtection(path), "\(path) is write-protected (mode 0444)")
        XCTAssertThrowsError(try Store.save(Demo.network(today: testToday), to: path)) { error in
            XCTAssertEqual((error as? StoreError)?.message, "cannot save to \(path): \(path) is write-protected (mode 0444); the file on disk is unchanged")
        }
        XCTAssertEqual(try contents(path), before)
        XCTAssertEqual(mode(path), 0o444)
        XCTAssertFalse(fileExists(path + ".bak"))
    }

    /// A FIFO (or a device) as the data file is refused before a byte is read: no reader hangs.
    func testADataFileThatIsNotARegularFileIsRefusedWithoutWaiting() throws {
        let dir = try makeTempDir(self)
        let fifo = dir + "/network.json"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        // Without the fix the open waits for a writer forever: a writer that comes and goes every
        // half second for 10 s unblocks it, so that this fails (an empty read) instead of hanging.
        let guardThread = Thread {
            for _ in 0..<20 {
                usleep(500_000)
                let fd = open(fifo, O_WRONLY | O_NONBLOCK)
                if fd >= 0 { close(fd) }
            }
        }
        guardThread.start()
        for load in [{ _ = try Store.load(fifo) }, { _ = try Store.decode(fifo) }, { _ = try Store.readBytes(fifo) }] as [() throws -> Void] {
            XCTAssertThrowsError(try load()) { error in
                XCTAssertEqual((error as? StoreError)?.message, "\(fifo) is a named pipe (FIFO), not a regular file: a data file must be a regular file")
            }
        }
        XCTAssertThrowsError(try Store.load("/dev/zero")) { error in
            XCTAssertEqual((error as? StoreError)?.message, "/dev/zero is a character device, not a regular file: a data file must be a regular file")
        }
        XCTAssertThrowsError(try Store.save(Network(), to: fifo)) { error in
            assertContains((error as? StoreError)?.message ?? "\(error)", "a named pipe (FIFO), not a regular file")
        }
        var st = stat()
        XCTAssertEqual(lstat(fifo, &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO, "the FIFO is left as it was")
        // A source to import may be a pipe, as `<(…)` gives.
        XCTAssertEqual(try Store.readSource("/dev/null"), [])
    }

    /// The rescue file is never written through a link planted at its name.
    func testASideFileIsNeverWrittenThroughALink() throws {
        let dir = try makeTempDir(self)
        let rescue = Store.recoveryPath(for: dir + "/network.json")
        writeFile(dir + "/precious.txt", bytes("precious"))
        XCTAssertEqual(symlink("precious.txt", rescue), 0)
        XCTAssertThrowsError(try Store.saveSideFile(Demo.network(today: testToday), to: rescue)) { error in
            XCTAssertEqual((error as? StoreError)?.message,
                           "cannot save to \(rescue): it is a symbolic link, not a regular file; it was not followed or replaced (remove it if you did not put it there)")
        }
        XCTAssertEqual(try contents(dir + "/precious.txt"), bytes("precious"))
        unlink(rescue)
        XCTAssertEqual(mkfifo(rescue, 0o600), 0)
        XCTAssertThrowsError(try Store.saveSideFile(Network(), to: rescue))
        unlink(rescue)
        try Store.saveSideFile(Network(), to: rescue)
        XCTAssertEqual(try Store.load(rescue)?.network, Network())
        XCTAssertEqual(mode(rescue), 0o600)
    }
}
