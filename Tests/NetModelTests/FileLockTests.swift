import Foundation
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

final class FileLockTests: XCTestCase {
    func acquire(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> FileLock? {
        switch try FileLock.acquire(for: path) {
        case .acquired(let lock): return lock
        case .held(let pid): XCTFail("held by \(String(describing: pid))", file: file, line: line); return nil
        }
    }

    func testSecondAcquireInTheSameProcessSeesTheHolder() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        let lock = try XCTUnwrap(try acquire(path))
        XCTAssertEqual(lock.lockPath, path + ".lock")
        XCTAssertTrue(fileExists(path + ".lock"))
        XCTAssertEqual(String(decoding: try Store.readBytes(path + ".lock")!, as: UTF8.self), "\(getpid())\n")

        // flock locks belong to the open file description, so a second open in the same process conflicts.
        guard case .held(let pid) = try FileLock.acquire(for: path) else { return XCTFail("acquired twice") }
        XCTAssertEqual(pid, getpid())

        lock.release()
        XCTAssertFalse(fileExists(path + ".lock"), "the lock file is removed on release")
        lock.release()  // twice is harmless

        let again = try XCTUnwrap(try acquire(path))
        XCTAssertTrue(fileExists(path + ".lock"))
        again.release()
        XCTAssertFalse(fileExists(path + ".lock"))
    }

    func testDroppingTheLastReferenceReleases() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        do {
            let lock = try acquire(path)
            XCTAssertNotNil(lock)
        }
        XCTAssertFalse(fileExists(path + ".lock"))
        XCTAssertNotNil(try acquire(path))
    }

    func testAStaleLockFileDoesNotBlock() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        writeFile(path + ".lock", bytes("99999\n"))  // left behind by a killed process: nobody holds the flock
        let lock = try XCTUnwrap(try acquire(path))
        XCTAssertEqual(String(decoding: try Store.readBytes(path + ".lock")!, as: UTF8.self), "\(getpid())\n")
        lock.release()
    }

    func testALockFileInAMissingFolderThrows() throws {
        let dir = try makeTempDir(self)
        XCTAssertThrowsError(try FileLock.acquire(for: dir + "/missing/network.json"))
    }

    func testAnotherProcessSeesTheLock() throws {
        let flock = "/usr/bin/flock"
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: flock), "no \(flock) here")
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"

        func otherProcessCanLock() throws -> Bool {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: flock)
            p.arguments = ["--nonblock", "--exclusive", path + ".lock", "true"]
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus == 0
        }

        let lock = try XCTUnwrap(try acquire(path))
        XCTAssertFalse(try otherProcessCanLock())
        lock.release()
        XCTAssertTrue(try otherProcessCanLock())
    }

    // MARK: - One lock per file, side files not followed

    func assertHeld(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        switch try FileLock.acquire(for: path) {
        case .held: break
        case .acquired(let lock):
            lock.release()
            XCTFail("\(path): a second lock on a file already locked", file: file, line: line)
        }
    }

    /// However the file is named — relative, `./x`, `a/../x`, through a symbolic link to it or to
    /// its folder, a hard link — there is one lock, before the file exists and after.
    func testOneLockPerFileHoweverItIsNamed() throws {
        let dir = try makeTempDir(self)
        XCTAssertEqual(mkdir(dir + "/sub", 0o700), 0)
        XCTAssertEqual(symlink(dir, dir + "/sub/up"), 0)
        let path = dir + "/network.json"

        // Not there yet: the folder is resolved and the name added.
        let lock = try XCTUnwrap(try acquire(dir + "/sub/up/network.json"))
        XCTAssertEqual(lock.lockPath, path + ".lock")
        try assertHeld(path)
        try assertHeld(dir + "/sub/../network.json")
        lock.release()

        try Store.save(Network(), to: path)
        XCTAssertEqual(symlink("network.json", dir + "/link.json"), 0)
        XCTAssertEqual(link(path, dir + "/hard.json"), 0)
        let held = try XCTUnwrap(try acquire(path))
        defer { held.release() }
        let cwd = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir + "/sub"))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(cwd) }
        for name in ["../network.json", "./up/network.json", "up/link.json", dir + "/link.json", dir + "/hard.json"] {
            try assertHeld(name)
            XCTAssertTrue(held.covers(name), name)
        }
        XCTAssertFalse(fileExists(dir + "/hard.json.lock"), "a refused lock leaves no lock file behind")
        XCTAssertFalse(held.covers(dir + "/other.json"))
        if case .held(let pid) = FileLock.holder(of: dir + "/link.json") { XCTAssertEqual(pid, getpid()) } else { XCTFail("not seen as held") }
        if case .held(let pid) = FileLock.holder(of: dir + "/hard.json") { XCTAssertEqual(pid, getpid(), "found by the file in /proc/locks") } else { XCTFail("not seen as held") }
        XCTAssertNil(FileLock.holder(of: dir + "/other.json"))
    }

    /// The holder's save replaces the file by a rename; the new file is locked from the start, so
    /// a hard link made to it afterwards is still seen as the locked file.
    func testTheLockFollowsTheFileAcrossTheHoldersSaves() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        try Store.save(Network(), to: path)
        let lock = try XCTUnwrap(try acquire(path))
        defer { lock.release() }
        try Store.save(Demo.network(today: testToday), to: path, lock: lock)
        XCTAssertEqual(link(path, dir + "/hard.json"), 0)
        try assertHeld(dir + "/hard.json")
        XCTAssertTrue(lock.covers(dir + "/hard.json"))
        lock.release()
        XCTAssertNil(FileLock.holder(of: dir + "/hard.json"))
    }

    /// `ln -s precious.txt F.json.lock`: the pid is never written through the link.
    func testALockFileThatIsASymlinkIsRefusedNotFollowed() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        writeFile(dir + "/precious.txt", bytes("precious\n"))
        XCTAssertEqual(symlink("precious.txt", path + ".lock"), 0)
        XCTAssertThrowsError(try FileLock.acquire(for: path)) { error in
            XCTAssertEqual((error as? StoreError)?.message,
                           "cannot use the lock file \(path).lock: it is a symbolic link, not a regular file; it was not followed (remove it if you did not put it there)")
        }
        XCTAssertEqual(try Store.readBytes(dir + "/precious.txt"), bytes("precious\n"))
        // A dangling link is not followed to create its target either.
        unlink(path + ".lock")
        XCTAssertEqual(symlink("made-by-lock", path + ".lock"), 0)
        XCTAssertThrowsError(try FileLock.acquire(for: path))
        XCTAssertFalse(fileExists(dir + "/made-by-lock"))
        // Nor is a FIFO waited on.
        unlink(path + ".lock")
        XCTAssertEqual(mkfifo(path + ".lock", 0o600), 0)
        XCTAssertThrowsError(try FileLock.acquire(for: path)) { error in
            XCTAssertTrue((error as? StoreError)?.message.contains("a named pipe (FIFO), not a regular file") == true, "\(error)")
        }
    }
}
