import Foundation
import XCTest
@testable import NetModel

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
}
