import Foundation
import NetModel
@testable import NetTUI
import XCTest

final class SettingsTests: XCTestCase {
    private func parse(_ text: String, themes: String = "/nonexistent") -> (Settings, [String]) {
        let r = Settings.parse(Array(text.utf8), path: "config.json", themes: themes)
        return (r.settings, r.problems)
    }

    func testEveryKey() {
        let (s, problems) = parse(#"{"dataFile": "/data/net.json", "mouse": false, "dateFormat": "iso", "firstPane": "Briefing", "theme": {"accent": "blue", "warn": 208}}"#)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(s.dataFile, "/data/net.json")
        XCTAssertFalse(s.mouse)
        XCTAssertEqual(s.dateStyle, .iso)
        XCTAssertEqual(s.firstPane, .briefing)
        XCTAssertEqual(s.theme.colors[.accent], .index(4))
        XCTAssertEqual(s.theme.colors[.warn], .index(208))
        XCTAssertEqual(s.theme.colors[.good], Theme.standard.colors[.good], "roles not named keep the default")
    }

    func testProblemsAreReportedAndLeaveTheDefaults() {
        let (s, problems) = parse(#"{"dateFormat": "roman", "firstPane": "kitchen", "theme": {"accent": "chartreuse"}, "colour": 1}"#)
        XCTAssertEqual(s, Settings())
        XCTAssertEqual(problems.count, 4)
        XCTAssertTrue(problems.contains { $0.contains("\"roman\" is not relative or iso") })
        XCTAssertTrue(problems.contains { $0.contains("colour: unknown key") })
        let (_, broken) = parse("{ not json")
        XCTAssertTrue(broken[0].contains("line 1"))
    }

    func testANamedThemeFromTheThemesFolder() throws {
        let dir = try temporaryDirectory()
        try #"{"accent": "magenta", "muted": 8}"#.write(toFile: dir + "/dusk.json", atomically: true, encoding: .utf8)
        let (s, problems) = parse(#"{"theme": "dusk"}"#, themes: dir)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(s.theme.colors[.accent], .index(5))
        XCTAssertEqual(parse(#"{"theme": "light"}"#).0.theme, .light)
        XCTAssertTrue(parse(#"{"theme": "nope"}"#, themes: dir).1[0].contains("no theme \"nope\""))
    }

    func testTheSettingsFileIsFoundAndGivesTheDefaultDataFile() throws {
        let home = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: home + "/nettui", withIntermediateDirectories: true)
        try #"{"dataFile": "/srv/team/network.json"}"#.write(toFile: home + "/nettui/config.json", atomically: true, encoding: .utf8)
        let env = ["XDG_CONFIG_HOME": home, "HOME": "/nonexistent"]
        XCTAssertEqual(OpenCommand.defaultPath(environment: env).path, "/srv/team/network.json")
        XCTAssertEqual(OpenCommand.defaultPath(environment: env.merging(["NETTUI_FILE": "/x.json"]) { $1 }).path, "/x.json", "the environment wins")
        XCTAssertEqual(Settings.load(["XDG_CONFIG_HOME": "/nonexistent"]).settings, Settings(), "no file: the defaults")
    }

    func testIsoDatesInTheList() {
        var h = Harness(width: 80, height: 24)
        h.driver.state.dateStyle = .iso
        assertLine(h, containing: "2026-11-20", "Aino's last contact as a date")
        h.press(.char("j"))
        assertNoLine(h, row: 3, containing: " 3d ")
    }
}
