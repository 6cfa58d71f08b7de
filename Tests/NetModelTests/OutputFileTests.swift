import Foundation
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

/// Writing an export (`Store.writeOutput`): a device, a FIFO or a link to one is written to, never
/// replaced; a data file open in nettui is never replaced, and any data file only when asked.
final class OutputFileTests: XCTestCase {
    func write(_ text: String, to path: String, force: Bool = false) throws {
        try Store.writeOutput(to: path, replacingDataFile: force) { try $0.write(Array(text.utf8)) }
    }

    func kind(_ path: String) -> mode_t {
        var st = stat()
        XCTAssertEqual(lstat(path, &st), 0, path)
        return st.st_mode & S_IFMT
    }

    /// `-o /dev/null`, or a link to a device (as `/dev/stdout` is): written to, and the device and
    /// the link are left as they are, with no `.bak` and no temporary file beside them.
    func testADeviceOrALinkToOneIsWrittenToNotReplaced() throws {
        let dir = try makeTempDir(self)
        XCTAssertEqual(symlink("/dev/null", dir + "/stdout"), 0)
        try write("a,b\n", to: dir + "/stdout")
        XCTAssertEqual(kind(dir + "/stdout"), S_IFLNK, "the link is still a link")
        XCTAssertEqual(kind("/dev/null"), S_IFCHR)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["stdout"])
        XCTAssertFalse(fileExists("/dev/null.bak"))
        try write("a,b\n", to: "/dev/null")
        XCTAssertEqual(kind("/dev/null"), S_IFCHR)
    }

    /// A FIFO gets the export through the pipe, and stays a FIFO.
    func testAFIFOGetsTheOutputThroughThePipe() throws {
        let dir = try makeTempDir(self)
        let fifo = dir + "/out"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let got = Locked<[UInt8]>([])
        let reader = Thread {
            let fd = open(fifo, O_RDONLY)
            var buf = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                got.with { $0 += buf[0..<n] }
            }
            close(fd)
        }
        reader.start()
        try write("name,email\nAda,ada@example.com\n", to: fifo)
        for _ in 0..<200 where got.with({ $0.count }) < 31 { usleep(10_000) }
        XCTAssertEqual(String(decoding: got.with { $0 }, as: UTF8.self), "name,email\nAda,ada@example.com\n")
        XCTAssertEqual(kind(fifo), S_IFIFO)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["out"])
    }

    func testADataFileIsReplacedOnlyWhenAskedAndNeverWhileOpen() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        try Store.save(Demo.network(today: testToday), to: path)
        let before = try Store.readBytes(path)
        XCTAssertTrue(Store.isDataFile(path))
        writeFile(dir + "/notes.csv", bytes("a,b\n"))
        XCTAssertFalse(Store.isDataFile(dir + "/notes.csv"))

        XCTAssertThrowsError(try write("csv\n", to: path)) { error in
            XCTAssertEqual((error as? StoreError)?.message, "\(path) is a NetTUI data file; an export would replace it")
        }
        XCTAssertEqual(try Store.readBytes(path), before)

        guard case .acquired(let lock) = try FileLock.acquire(for: path) else { return XCTFail("lock") }
        XCTAssertEqual(symlink("network.json", dir + "/link.json"), 0)
        for name in [path, dir + "/link.json"] {
            XCTAssertThrowsError(try write("csv\n", to: name, force: true)) { error in
                XCTAssertEqual((error as? StoreError)?.message, "\(name) is a data file open in nettui (pid \(getpid())); an export never replaces it")
            }
        }
        XCTAssertEqual(try Store.readBytes(path), before)
        lock.release()

        try write("csv\n", to: path, force: true)
        XCTAssertEqual(try Store.readBytes(path), bytes("csv\n"))
        XCTAssertEqual(try Store.readBytes(path + ".bak"), before, "the data file replaced on purpose is kept as .bak")
        try write("x\n", to: dir + "/notes.csv")
        XCTAssertEqual(try Store.readBytes(dir + "/notes.csv"), bytes("x\n"))
    }
}
