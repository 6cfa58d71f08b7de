import Foundation
import XCTest
@testable import NetModel

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

    func testSaveReplacesAnOlderFileWithLooserModeAndRelativePathsWork() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        writeFile(path, bytes("old"))
        chmod(path, 0o644)
        try Store.save(Network(), to: path)
        XCTAssertEqual(mode(path), 0o600)
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
}
