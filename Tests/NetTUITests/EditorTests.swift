import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import TestSupport
import XCTest
@testable import NetStore

/// Long notes in $EDITOR: run without a shell on a private temporary file, the text coming back into the form.
final class EditorTests: XCTestCase {
    func testTheEditorRunsWithoutAShellOnAPathWithSpacesAndQuotes() throws {
        let dir = try temporaryDirectory() + "/a dir with 'quotes' and $(spaces)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let script = dir + "/fake editor.sh"
        try "#!/bin/sh\nprintf 'and a second line\\n' >> \"$1\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        // A command split on spaces would break this path: the editor is named through a link without spaces.
        let link = try temporaryDirectory() + "/fake-editor"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: script)
        var ran = false
        let result = Editor.edit("Första raden\n", environment: ["EDITOR": link, "TMPDIR": dir]) { run in
            ran = true
            return run()
        }
        XCTAssertTrue(ran)
        XCTAssertEqual(try result.get(), "Första raden\nand a second line\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("nettui-") }, [], "the temporary file is removed")
    }

    func testEditorThenVisualThenVi() {
        XCTAssertEqual(Editor.command(["VISUAL": "code -w", "EDITOR": "nano"]), ["nano"])
        XCTAssertEqual(Editor.command(["VISUAL": "code -w"]), ["code", "-w"])
        XCTAssertEqual(Editor.command([:]), ["vi"])
    }

    func testAFailingEditorLeavesTheFieldAlone() {
        let result = Editor.edit("x", environment: ["EDITOR": "false"]) { $0() }
        guard case .failure(let e) = result else { return XCTFail("false exits 1") }
        assertContains(e.message, "did not end cleanly")

    }

    func testCtrlOPutsTheEditedTextIntoTheNotes() {
        var h = Harness(width: 100, height: 30)
        h.select("Aino Järvinen")
        h.driver.editText = { text in .success(text + "\nMet again in Berlin.\n") }
        h.press(.char("e"))
        for _ in 0..<9 { h.press(.tab) }  // Notes
        h.press(.ctrl("o"))
        guard case .form(let form) = h.state.modal else { return XCTFail("the form stays open") }
        XCTAssertEqual(form[.notes].text, "Wants to open a Berlin studio next year.\nMet again in Berlin.")
        assertLine(h, containing: "⏎", "a line break shows as ⏎ in the field")
        h.press(.enter)
        XCTAssertEqual(h.state.selectedContact?.notes, "Wants to open a Berlin studio next year.\nMet again in Berlin.")
    }
}

final class CompletionTests: XCTestCase {
    func testShellCompletionsNameEveryCommand() throws {
        for shell in ["bash", "zsh", "fish"] {
            let r = try Programs.nettui(["--generate-completion-script", shell])
            XCTAssertEqual(r.status, 0, shell)
            for command in ["check", "demo", "matrix", "exits", "brief", "import", "export", "merge", "keys"] {
                assertContains(r.stdout, command, "\(shell) completion lacks \(command)")
            }
        }
    }

    func testNettuiTodayPinsTheDemoDay() throws {
        let r = try Programs.nettui(["brief", "--demo", "--format", "json"], environment: ["NETTUI_TODAY": "2030-01-15"])
        XCTAssertEqual(r.status, 0)
        assertContains(r.stdout, "2030-01-15")
    }
}
