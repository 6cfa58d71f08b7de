import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import TestSupport
import XCTest
@testable import NetStore

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
        assertContains(problems.joined(separator: "\n"), "\"roman\" is not relative or iso")
        assertContains(problems.joined(separator: "\n"), "colour: unknown key")
        let (_, broken) = parse("{ not json")
        assertContains(broken.first ?? "no problem", "line 1")
    }

    func testANamedThemeFromTheThemesFolder() throws {
        let dir = try temporaryDirectory()
        try #"{"accent": "magenta", "muted": 8}"#.write(toFile: dir + "/dusk.json", atomically: true, encoding: .utf8)
        let (s, problems) = parse(#"{"theme": "dusk"}"#, themes: dir)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(s.theme.colors[.accent], .index(5))
        XCTAssertEqual(parse(#"{"theme": "light"}"#).0.theme, .light)
        assertContains(parse(#"{"theme": "nope"}"#, themes: dir).1.first ?? "no problem", "no theme \"nope\"")
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
        assertScreen(h, """
             NetTUI · demo (never saved)              40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks         sort: name ▲
               Name ▲                              Organisation                  Last
             ★ Aino Järvinen                       Järvinen Design Oy            2026-11-20┃
             ● Anna Bergqvist                      Swedish Chamber of Commerce … 2026-11-15
             ★ Åsa Lindström                       Lindström Livsmedel AB        2026-11-22
             ● Bengt Nyström                       Nyström Verkstäder AB         2026-11-03
             · Birgitte Sørensen                                                 2026-08-15
             · Björn Ekström                       Ekström Consulting            2026-05-17
             ● Eirik Haugen                        Haugen Elektro AS             2026-10-14
             ★ Emilia Nieminen                     Tampere Chamber of Commerce   2026-11-21
             ↗ Frederik Nørgaard                   Nørgaard Robotics ApS         2026-11-09
             ● Gunnar Lindqvist                    Lindqvist Logistik AB         2026-09-14
             · Hanna Mäkinen                       Hanken School of Economics    2026-09-24
             ★ Hans Müller                         Müller Handelsgesellschaft m… 2026-10-21
             ★ Ingrid Solberg                      Solberg Maritime AS           2026-11-13
             ● Jean-Pierre Dubois                  Dubois Conseil SARL           2026-09-25
             ★ Jukka Heikkinen                     Nordic Growth Partners        2026-09-24
             ↗ Karin Åkesson                       Åkesson Bageri AB             2026-11-01
             · Katarzyna Nowak                     Nowak Translations            2026-07-26
             ● Lars Kjeldsen                       Kjeldsen Print A/S            2026-11-08
             ● Leena Salminen                      Salminen & Co Tilitoimisto    2026-10-24
             ↗ Linnea Holm                         Holm Studio AB                2026-10-29
             / filter  o sort  Enter card  a add  i log  e edit  d delete  u undo  s save  …
            """)

        h.press(.char("j"))
        assertNoLine(h, row: 3, containing: " 3d ")
    }
}
