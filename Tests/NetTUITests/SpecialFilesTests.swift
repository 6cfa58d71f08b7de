import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import TestSupport
import XCTest
@testable import NetStore

/// Files that are not regular files, met by the commands as a user would (run as processes): a
/// FIFO as the data file is refused at once instead of hanging; an export to a device, a FIFO or a
/// link to one is written straight into it, which stays what it was.
final class SpecialFilesTests: XCTestCase {
    func kind(_ path: String) -> mode_t {
        var st = stat()
        XCTAssertEqual(lstat(path, &st), 0, path)
        return st.st_mode & S_IFMT
    }

    /// `check`, `matrix`, `import` and `export` on a FIFO as the data file end at once with a
    /// clear message (they used to wait forever for a writer: the time limit kills them then).
    func testAFIFOAsTheDataFileIsRefusedAtOnce() throws {
        let dir = try temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/network.json"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        try Data("BEGIN:VCARD\nVERSION:4.0\nFN:Zed\nEND:VCARD\n".utf8).write(to: URL(fileURLWithPath: dir + "/new.vcf"))
        for args in [["check", fifo], ["matrix", fifo], ["import", "vcard", dir + "/new.vcf", "--file", fifo], ["export", "csv", "--file", fifo]] {
            let r = try Programs.run(try Programs.requireBuilt("nettui"), args, mergeOutput: true, timeout: 20)
            XCTAssertFalse(r.timedOut, "\(args[0]) waited on the FIFO")
            XCTAssertEqual(r.status, 1, "\(args[0]): \(r.output)")
            assertContains(r.output, "\(fifo) is a named pipe (FIFO), not a regular file: a data file must be a regular file", "\(args[0]): \(r.output)")
            XCTAssertEqual(kind(fifo), S_IFIFO)
        }
    }

    /// `export -o` onto a link to a device (as `/dev/stdout` is) and onto a FIFO: the output goes
    /// in; no temporary file, no rename, no `.bak`; the link and the FIFO are still there.
    func testAnExportIntoADeviceOrAFIFOWritesIntoIt() throws {
        let dir = try temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let data = dir + "/network.json"
        try Store.save(Demo.network(today: Harness.today), to: data)
        XCTAssertEqual(symlink("/dev/null", dir + "/null"), 0)
        let toDevice = try Programs.nettui(["export", "vcard", "--file", data, "-o", dir + "/null"])
        XCTAssertEqual(toDevice.status, 0, toDevice.output)
        XCTAssertEqual(kind(dir + "/null"), S_IFLNK)
        XCTAssertEqual(kind("/dev/null"), S_IFCHR)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/dev/null.bak"))

        let fifo = dir + "/out.csv"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        // A reader of the FIFO: `cat` copying it into a file.
        let cat = Process()
        cat.executableURL = URL(fileURLWithPath: "/bin/sh")
        cat.arguments = ["-c", "cat \"$1\" > \"$2\"", "sh", fifo, dir + "/got.csv"]
        try cat.run()
        let toFIFO = try Programs.run(try Programs.requireBuilt("nettui"), ["export", "csv", "--file", data, "-o", fifo], timeout: 20)
        // Should the export not have opened the FIFO, a writer that comes and goes ends `cat`.
        let unblock = open(fifo, O_WRONLY | O_NONBLOCK)
        if unblock >= 0 { close(unblock) }
        cat.waitUntilExit()
        XCTAssertEqual(toFIFO.status, 0, toFIFO.output)
        let direct = try Programs.nettui(["export", "csv", "--file", data])
        XCTAssertEqual(try String(contentsOfFile: dir + "/got.csv", encoding: .utf8), direct.stdout)
        XCTAssertEqual(kind(fifo), S_IFIFO)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["got.csv", "network.json", "null", "out.csv"])
    }
}
