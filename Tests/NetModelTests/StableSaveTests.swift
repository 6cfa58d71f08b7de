import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

/// The file is diff-friendly (issue 9): nothing volatile is rewritten, so saving without edits
/// gives the same bytes, opening and saving a file changes nothing, and an edit changes only its lines.
final class StableSaveTests: XCTestCase {
    /// A file written by hand in the program's layout, with unknown keys at every level, odd
    /// numbers, non-ASCII text and an unresolved merge conflict.
    static let handWritten = """
        {
          "conflicts": [
            {
              "base": null,
              "entity": "contact",
              "field": "notes",
              "id": "c1",
              "ours": "Ours",
              "seenBy": [
                "kaisa"
              ],
              "theirs": {
                "weird": 1.50
              }
            }
          ],
          "contacts": [
            {
              "chemistry": null,
              "competences": [],
              "created": "2024-05-01T10:00:00Z",
              "criteria": {},
              "decision": null,
              "emails": [],
              "id": "c1",
              "importanceFuture": 0.1,
              "importanceNow": 10,
              "kinds": [],
              "linkedin": "https://example.com/in/aino",
              "name": "Aino Järvinen 🌱",
              "needs": [],
              "notes": "Ours",
              "organization": "",
              "owner": "Kaisa",
              "phones": [],
              "ratingHistory": [],
              "role": "",
              "score": 12345678901234567890,
              "stage": "interest",
              "tags": [
                "b",
                "a"
              ],
              "updated": "2024-05-02T10:00:00Z"
            }
          ],
          "events": [],
          "futureTopLevel": {
            "level": 2e0,
            "list": [
              "å",
              null,
              true,
              {
                "deep": -0.5e-7
              }
            ]
          },
          "interactions": [
            {
              "contact": "c1",
              "date": "2024-05-03",
              "durationMinutes": 45.0,
              "followUp": null,
              "gave": "",
              "got": "",
              "id": "i1",
              "kind": "call",
              "note": "Line one\\nline two \\"quoted\\"\\t\\u0001"
            }
          ],
          "me": {
            "avatar": [],
            "name": "Kaisa",
            "offers": [],
            "pitch": "",
            "seeks": []
          },
          "networks": [
            {
              "ambitionFit": true,
              "bestBefore": null,
              "costPerYear": 0,
              "created": "1970-01-01T00:00:00Z",
              "decision": null,
              "fair": true,
              "hoursPerMonth": 1.25,
              "id": "n1",
              "kind": "",
              "lastActivity": null,
              "members": [
                "c1"
              ],
              "name": "Club",
              "notes": "",
              "purposes": [],
              "updated": "1970-01-01T00:00:00Z",
              "website": {},
              "yield": 1
            }
          ],
          "schemaVersion": 1,
          "scheme": {
            "axisFuture": "Importance in future",
            "axisNow": "Importance now",
            "colour": "blue",
            "criteria": [],
            "exitRules": {
              "bestBeforeWarningDays": 30,
              "difficultTag": "difficult",
              "lopsidedRatio": 3,
              "lowYieldHoursPerMonth": 2,
              "silenceDays": 180
            },
            "quadrants": {
              "key": {
                "cadenceDays": 30,
                "name": "Key",
                "policy": "Invest: meet regularly, involve early, give first."
              },
              "lightTouch": {
                "cadenceDays": 180,
                "name": "Light touch",
                "policy": "The lightest possible service."
              },
              "maintain": {
                "cadenceDays": 60,
                "name": "Maintain",
                "policy": "Keep the relationship healthy at a steady cost."
              },
              "rising": {
                "cadenceDays": 21,
                "emoji": "🌱",
                "name": "Rising",
                "policy": "Serve better than their size today suggests."
              }
            },
            "threshold": 1
          }
        }

        """

    func openAndSave(_ path: String) throws {
        let loaded = try XCTUnwrap(Store.load(path))
        try Store.save(loaded.network, to: path)
    }

    func testSavingTwiceWithoutEditsGivesTheSameBytes() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/team.nettui.json"
        let demo = Demo.network(today: testToday)
        try Store.save(demo, to: path)
        let first = try XCTUnwrap(Store.readBytes(path))
        try Store.save(demo, to: path)
        XCTAssertEqual(try Store.readBytes(path), first)
        XCTAssertEqual(NetworkCodec.encode(demo), NetworkCodec.encode(demo))
    }

    func testOpeningAndSavingTheDemoChangesNothing() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/team.nettui.json"
        try Store.save(Demo.network(today: testToday), to: path)
        let written = try XCTUnwrap(Store.readBytes(path))
        for _ in 0..<3 {
            try openAndSave(path)
            XCTAssertEqual(text(try XCTUnwrap(Store.readBytes(path))), text(written))
        }
    }

    func testOpeningAndSavingAHandWrittenFileWithUnknownKeysChangesNothing() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/team.nettui.json"
        writeFile(path, bytes(Self.handWritten))
        let decoded = NetworkCodec.decode(bytes(Self.handWritten))
        XCTAssertEqual(decoded.problems, [])
        XCTAssertEqual(decoded.network?.conflicts.count, 1)
        try openAndSave(path)
        XCTAssertEqual(text(try XCTUnwrap(Store.readBytes(path))), Self.handWritten)
        try openAndSave(path)
        XCTAssertEqual(text(try XCTUnwrap(Store.readBytes(path))), Self.handWritten)
    }

    /// A file in another layout is put in the program's layout by the first save; from then on it is stable.
    func testTheFirstSaveNormalisesAndLaterSavesAreStable() throws {
        let messy = "\u{FEFF}" + #"""
            {"schemaVersion": 1.0, "interactions": [{"date": "2024-06-02T12:00:00+02:00", "contact": "c2", "id": "i9"}],
             "contacts": [{"name": "Zed", "id": "c2", "importanceNow": 1.0, "created": "2024-05-01"},
                          {"id": "c1", "name": "Aino", "unknown": [1.10, "x"], "created": "2024-05-01T10:00:00.123Z"}],
             "me": {"pitch": "hi"}}
            """#
        let dir = try makeTempDir(self)
        let path = dir + "/team.nettui.json"
        writeFile(path, bytes(messy))
        try openAndSave(path)
        let normalised = try XCTUnwrap(Store.readBytes(path))
        XCTAssertNotEqual(text(normalised), messy)
        assertContains(text(normalised), #""unknown": [\#n        1.10,"#, "unknown numbers keep their text")
        try openAndSave(path)
        XCTAssertEqual(try Store.readBytes(path), normalised)
        let ids = try XCTUnwrap(Store.load(path)).network.contacts.map(\.id)
        XCTAssertEqual(ids, ["c1", "c2"], "entities sorted by id")
    }

    /// An edit of one field changes one line; an added contact only adds lines.
    func testEditsChangeOnlyTheirOwnLines() throws {
        let demo = Demo.network(today: testToday)
        let before = text(NetworkCodec.encode(demo)).split(separator: "\n", omittingEmptySubsequences: false)
        var edited = demo
        edited.contacts[3].notes = "A new note"
        let after = text(NetworkCodec.encode(edited)).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(before.count, after.count)
        let changed = zip(before, after).filter { $0 != $1 }
        XCTAssertEqual(changed.count, 1)
        XCTAssertEqual(changed.first?.1.trimmingCharacters(in: .whitespaces), #""notes": "A new note","#)

        var added = demo
        added.contacts.append(Contact(id: "00000000-0000-4000-8000-000000000000", name: "New", created: Timestamp(seconds: 1_700_000_000)))
        let grown = text(NetworkCodec.encode(added)).split(separator: "\n", omittingEmptySubsequences: false)
        // The old file's lines are the new file's lines with one block inserted.
        let inserted = grown.count - before.count
        XCTAssertEqual(inserted, 23, "one contact: its object's lines (it sorts first, so no comma moves)")
        let prefix = zip(before, grown).prefix { $0 == $1 }.count
        XCTAssertEqual(Array(before[prefix...]), Array(grown[(prefix + inserted)...]), "one contiguous insertion")
    }
}
