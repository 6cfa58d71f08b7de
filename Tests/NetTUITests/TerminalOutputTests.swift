import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import TestSupport
import XCTest
@testable import NetStore
@testable import NetInterchange

/// Escape sequences in the data never reach the terminal outside the dashboard: every message and
/// report printed to a terminal shows control characters as text (`^[`), while an export to a file
/// or a pipe stays byte for byte what the exporter made. The built program runs in a real
/// pseudo-terminal, standard output and standard error both on it.
final class TerminalOutputTests: XCTestCase {
    /// OSC 0 (window title), OSC 52 (writes the clipboard), and clear screen and scrollback.
    static let title = "\u{1B}]0;pwned\u{07}"
    static let clipboard = "\u{1B}]52;c;aGVsbG8=\u{07}"
    static let clear = "X\u{1B}[2J\u{1B}[3J\u{1B}[H"

    /// Runs a program with its standard output and standard error on a new pseudo-terminal
    /// (Python's pty module) and writes everything it printed there to our standard output.
    static let ptyRunner = """
        import os, pty, sys
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(sys.argv[1], sys.argv[1:])
        out = b''
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            out += data
        _, status = os.waitpid(pid, 0)
        sys.stdout.buffer.write(out)
        sys.exit(os.waitstatus_to_exitcode(status))
        """

    /// Runs the built nettui on a pseudo-terminal: its exit status and everything it wrote there.
    private func runInTerminal(_ args: [String], in dir: String) throws -> (status: Int32, output: [UInt8]) {
        guard Programs.onPath("python3") != nil else { throw XCTSkip("python3 is not installed: it gives the test a pseudo-terminal") }
        let script = dir + "/pty-run.py"
        try Self.ptyRunner.write(toFile: script, atomically: true, encoding: .utf8)
        let run = try Programs.run("python3", [script, try Programs.requireBuilt("nettui")] + args, in: dir, mergeOutput: true, timeout: 60)
        XCTAssertFalse(run.timedOut)
        return (run.status, Array(run.stdout.utf8))
    }

    private func assertShownAsText(_ output: [UInt8], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let text = String(decoding: output, as: UTF8.self)
        XCTAssertFalse(output.contains(0x1B), "\(what): an ESC reached the terminal:\n\(text.debugDescription)", file: file, line: line)
        XCTAssertFalse(output.contains(0x07), "\(what): a BEL reached the terminal", file: file, line: line)
        XCTAssertTrue(text.contains("^["), "\(what): the escape is shown as ^[:\n\(text)", file: file, line: line)
    }

    /// A data file whose contact's name, notes and kinds hold escape sequences; `kinds` valid or not.
    private func hostileFile(in dir: String, badKind: Bool) throws -> String {
        let path = dir + (badKind ? "/bad.json" : "/hostile.json")
        let kinds = badKind ? JSON.array([.string(Self.clipboard)]) : JSON.array([.string("customer")])
        let doc = JSON.object([
            "schemaVersion": .number("1"),
            "contacts": .array([.object([
                "id": .string("c1"), "name": .string("Eve" + Self.title), "kinds": kinds, "notes": .string(Self.clear),
            ])]),
        ])
        try Data(JSONWriter.write(doc)).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testCheckQuotingABadValueShowsTheEscapes() throws {
        let dir = try temporaryDirectory()
        let path = try hostileFile(in: dir, badKind: true)
        let run = try runInTerminal(["check", path], in: dir)
        XCTAssertEqual(run.status, 1)
        assertShownAsText(run.output, "check")
        assertContains(String(decoding: run.output, as: UTF8.self), "^[]52;c;aGVsbG8=^G")

    }

    func testExportToATerminalShowsTheEscapesAndToAFileOrPipeIsExact() throws {
        let dir = try temporaryDirectory()
        let path = try hostileFile(in: dir, badKind: false)
        let contacts = try XCTUnwrap(Store.load(path)).network.contacts
        for format in ExportFormat.allCases {
            let run = try runInTerminal(["export", format.rawValue, "--file", path], in: dir)
            XCTAssertEqual(run.status, 0)
            assertShownAsText(run.output, "export \(format.rawValue)")
            let expected = format.export(contacts)
            XCTAssertTrue(expected.contains(0x1B), "the export itself keeps the data as it is")
            // To a file (standard output redirected) and with -o: the exporter's bytes, exactly.
            let piped = try Programs.nettui(["export", format.rawValue, "--file", path])
            XCTAssertEqual(Array(piped.stdout.utf8), expected, "export \(format.rawValue) > file")
            let out = dir + "/out.\(format.rawValue)"
            XCTAssertEqual(try Programs.nettui(["export", format.rawValue, "--file", path, "-o", out]).status, 0)
            XCTAssertEqual(try Array(Data(contentsOf: URL(fileURLWithPath: out))), expected, "export -o")
        }
        // Through a real pipe as well.
        let shell = try Programs.run("/bin/sh", ["-c", "'\(try Programs.requireBuilt("nettui"))' export csv --file '\(path)' | od -An -tx1 | tr -d ' \\n'"])
        let hex = CSVExport.export(contacts).map { String(format: "%02x", $0) }.joined()
        XCTAssertEqual(shell.stdout, hex)
    }

    func testErrorMessagesQuotingDataShowTheEscapes() throws {
        let dir = try temporaryDirectory()
        // The name of a file quoted by the import's and the report's error messages.
        let run = try runInTerminal(["import", "vcard", dir + "/" + Self.clear + ".vcf", "--file", dir + "/n.json"], in: dir)
        XCTAssertEqual(run.status, 1)
        assertShownAsText(run.output, "import")
        let missing = try runInTerminal(["matrix", dir + "/" + Self.title + ".json"], in: dir)
        XCTAssertEqual(missing.status, 1)
        assertShownAsText(missing.output, "matrix of a missing file")
    }

    /// Messages are escaped on standard error even when it is not a terminal: they are read by
    /// people, often from a log printed later.
    func testMessagesAreEscapedInALogToo() throws {
        let dir = try temporaryDirectory()
        let run = try Programs.nettui(["matrix", dir + "/" + Self.title + ".json"])
        XCTAssertEqual(run.status, 1)
        XCTAssertFalse(run.stderr.unicodeScalars.contains("\u{1B}"))
        assertContains(run.stderr, "^[]0;pwned^G.json")
    }

    func testLineBreaksStayLineBreaks() {
        XCTAssertEqual("a\nb\r\nc\u{1B}[2J\rd\te\n".sanitizedLines, "a\nb\r\nc^[[2J^Md e\n")
        let plain = "Aino Järvinen\nÅsa\r\n"
        XCTAssertEqual(plain.sanitizedLines, plain)
    }
}
