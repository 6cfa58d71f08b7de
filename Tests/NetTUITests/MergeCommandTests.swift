import Foundation
import NetModel
import Plumbing
import TestSupport
import XCTest
import NetStore

/// `nettui merge` as git runs it: exit statuses, the file it writes, `--install`, and real `git merge`s
/// in a temporary repository with the built binary configured as the merge driver.
final class MergeCommandTests: XCTestCase {
    func nettui() throws -> String { try Programs.requireBuilt("nettui") }

    var home = ""

    /// Runs a program in `dir` with a clean git environment (no global or system configuration).
    func run(_ program: String, _ args: [String], in dir: String? = nil) throws -> Programs.Result {
        try Programs.run(program, args, in: dir, environment: [
            "HOME": home,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": home + "/.gitconfig",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_EDITOR": "true",
        ])
    }

    func merge(_ args: [String], in dir: String? = nil) throws -> Programs.Result { try run(try nettui(), ["merge"] + args, in: dir) }

    @discardableResult
    func git(_ args: [String], in dir: String, expect status: Int32 = 0) throws -> Programs.Result {
        let r = try run("git", args, in: dir)
        XCTAssertEqual(r.status, status, "git \(args.joined(separator: " ")): \(r.stdout)\(r.stderr)")
        return r
    }

    func tempDir() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-merge-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir + "/home", withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        home = dir + "/home"
        return dir
    }

    func load(_ path: String) throws -> Network { try XCTUnwrap(Store.load(path)).network }

    func files(in dir: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }

    /// Three files in `dir`: base.json (the demo), ours.json and theirs.json edited by the closures.
    func threeFiles(_ dir: String, ours: (inout Network) -> Void, theirs: (inout Network) -> Void) throws -> Network {
        let demo = Demo.network(today: Day(year: 2025, month: 3, day: 14)!)
        var o = demo, t = demo
        ours(&o)
        theirs(&t)
        try Store.save(demo, to: dir + "/base.json")
        try Store.save(o, to: dir + "/ours.json")
        try Store.save(t, to: dir + "/theirs.json")
        return demo
    }

    // MARK: - The command

    func testCleanMergeWritesOursInPlaceAndExitsZero() throws {
        let dir = try tempDir()
        let demo = try threeFiles(dir, ours: { $0.contacts[0].notes = "ours" }, theirs: { $0.contacts[0].role = "theirs" })
        for f in ["base.json.bak", "ours.json.bak", "theirs.json.bak"] { unlink(dir + "/" + f) }
        let r = try merge(["base.json", "ours.json", "theirs.json"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        let merged = try load(dir + "/ours.json")
        XCTAssertEqual(merged.contacts[0].notes, "ours")
        XCTAssertEqual(merged.contacts[0].role, "theirs")
        XCTAssertEqual(merged.conflicts, [])
        XCTAssertEqual(merged.contacts.count, demo.contacts.count)
        XCTAssertEqual(files(in: dir), ["base.json", "home", "ours.json", "theirs.json"], "no .bak, .lock or temporary file left")
    }

    func testConflictKeepsOursRecordsTheirsAndExitsOne() throws {
        let dir = try tempDir()
        let demo = try threeFiles(dir, ours: { $0.contacts[0].notes = "ours" }, theirs: { $0.contacts[0].notes = "theirs" })
        let r = try merge(["base.json", "ours.json", "theirs.json", "-o", "out.json"], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("nettui merge: 1 conflict; ours was kept"), r.stderr)
        assertContains(r.stderr, "contact \"\(demo.contacts[0].name)\": notes: ours \"ours\", theirs \"theirs\"")
        assertContains(r.stderr, "press !")
        let merged = try load(dir + "/out.json")
        XCTAssertEqual(merged.contacts[0].notes, "ours")
        XCTAssertEqual(merged.conflicts, [MergeConflict(entity: .contact, id: demo.contacts[0].id, field: "notes",
                                                        ours: .string("ours"), theirs: .string("theirs"), base: .string(demo.contacts[0].notes))])
        XCTAssertEqual(try load(dir + "/ours.json").contacts[0].notes, "ours", "with -o, OURS is only read")
        XCTAssertFalse(files(in: dir).contains("out.json.bak"))
    }

    func testUnreadableInputExitsTwoAndWritesNothing() throws {
        let dir = try tempDir()
        _ = try threeFiles(dir, ours: { $0.me.pitch = "x" }, theirs: { _ in })
        let ours = try XCTUnwrap(Store.readBytes(dir + "/ours.json"))

        var r = try merge(["base.json", "ours.json", "missing.json"], in: dir)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "nettui merge: missing.json: no such file\n")

        writeText(dir + "/theirs.json", "{\n<<<<<<< HEAD\n")
        r = try merge(["base.json", "ours.json", "theirs.json"], in: dir)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.hasPrefix("nettui merge: theirs.json cannot be opened: 1 problem found"), r.stderr)
        assertContains(r.stderr, "line 2, column 1")

        writeText(dir + "/theirs.json", #"{"schemaVersion": 99}"#)
        r = try merge(["base.json", "ours.json", "theirs.json"], in: dir)
        XCTAssertEqual(r.status, 2)
        assertContains(r.stderr, "newer than this program supports")

        writeText(dir + "/theirs.json", #"{"schemaVersion": 1, "contacts": [{"id": "x", "name": 5}]}"#)
        r = try merge(["base.json", "ours.json", "theirs.json"], in: dir)
        XCTAssertEqual(r.status, 2)
        assertContains(r.stderr, "expected a string, found a number")

        XCTAssertEqual(try Store.readBytes(dir + "/ours.json"), ours, "OURS is untouched")

        r = try merge(["base.json", "ours.json"], in: dir)
        XCTAssertNotEqual(r.status, 0)
        assertContains(r.stderr, "give three files")
    }

    func testAnEmptyBaseIsAnEmptyNetwork() throws {
        let dir = try tempDir()
        _ = try threeFiles(dir, ours: { _ in }, theirs: { $0.contacts.append(Contact(id: "zz", name: "New", created: Timestamp(seconds: 0))) })
        writeText(dir + "/base.json", "")
        let r = try merge(["base.json", "ours.json", "theirs.json"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertNotNil(try load(dir + "/ours.json").contact(id: "zz"))
    }

    func testInstallPrintsTheLines() throws {
        _ = try tempDir()
        let r = try merge(["--install"])
        XCTAssertEqual(r.status, 0, r.stderr)
        assertContains(r.stdout, "\n*.nettui.json merge=nettui\n")
        assertContains(r.stdout, "git config merge.nettui.driver \"nettui merge %O %A %B\"\n")
        assertContains(r.stdout, "git config merge.nettui.name \"")
        let custom = try merge(["--install", "--pattern", "team.json"])
        assertContains(custom.stdout, "\nteam.json merge=nettui\n")
        XCTAssertNotEqual(try merge(["--write"]).status, 0, "--write needs --install")
    }

    func testInstallWriteIsIdempotent() throws {
        let repo = try tempDir() + "/repo"
        try FileManager.default.createDirectory(atPath: repo + "/sub", withIntermediateDirectories: true)
        try git(["init", "-q"], in: repo)
        writeText(repo + "/.gitattributes", "*.png binary")  // no final newline
        for _ in 0..<2 {
            let r = try merge(["--install", "--write"], in: repo + "/sub")
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        XCTAssertEqual(try String(contentsOfFile: repo + "/.gitattributes", encoding: .utf8), "*.png binary\n*.nettui.json merge=nettui\n")
        XCTAssertEqual(try git(["config", "--get-all", "merge.nettui.driver"], in: repo).stdout, "nettui merge %O %A %B\n")
        XCTAssertEqual(try git(["config", "--get-all", "merge.nettui.name"], in: repo).stdout, "NetTUI three-way merge of network files\n")
        let outside = try merge(["--install", "--write"], in: home)
        XCTAssertEqual(outside.status, 2)
        assertContains(outside.stderr, "cannot find the git repository")
    }

    // MARK: - git merge, end to end

    /// A repository with the demo network committed on main, the driver installed and pointed at the built binary.
    func makeRepo() throws -> String {
        let repo = try tempDir() + "/repo"
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"], in: repo)
        try git(["config", "user.name", "Test Person"], in: repo)
        try git(["config", "user.email", "test@example.com"], in: repo)
        try git(["config", "commit.gpgsign", "false"], in: repo)
        let r = try run(try nettui(), ["demo", "--write", "team.nettui.json"], in: repo)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try merge(["--install", "--write"], in: repo).status, 0)
        // Tests run the binary just built, not one on PATH.
        let quoted = "'" + (try nettui()).replacingOccurrences(of: "'", with: "'\\''") + "'"
        try git(["config", "merge.nettui.driver", "\(quoted) merge %O %A %B"], in: repo)
        writeText(repo + "/.gitignore", "*.bak\n*.lock\n*.unsaved.json\n")
        try git(["add", "."], in: repo)
        try git(["commit", "-q", "-m", "The team's network"], in: repo)
        return repo
    }

    /// Checks out `branch` (new, from main), edits the network and commits.
    func commit(_ repo: String, branch: String, _ edit: (inout Network) -> Void) throws {
        try git(["checkout", "-q", "-b", branch, "main"], in: repo)
        var n = try load(repo + "/team.nettui.json")
        edit(&n)
        try Store.save(n, to: repo + "/team.nettui.json")
        try git(["commit", "-q", "-am", "Edit on \(branch)"], in: repo)
    }

    func testGitMergeOfDifferentEditsIsClean() throws {
        let repo = try makeRepo()
        let demo = try load(repo + "/team.nettui.json")
        let (first, second) = (demo.contacts[0], demo.contacts[1])
        let group = demo.networks[0]
        try commit(repo, branch: "alice") { n in
            n.contacts[0].notes = "Alice's note"
            n.contacts[1].tags.append("alice")
            n.contacts.append(Contact(id: "aaaaaaaa-0000-4000-8000-000000000001", name: "Alice's new contact", created: Timestamp(seconds: 1_700_000_000)))
            n.networks[0].members.append("aaaaaaaa-0000-4000-8000-000000000001")
        }
        try commit(repo, branch: "bob") { n in
            n.contacts[0].role = "Bob's role"
            n.contacts[1].tags.append("bob")
            n.contacts.append(Contact(id: "bbbbbbbb-0000-4000-8000-000000000002", name: "Bob's new contact", created: Timestamp(seconds: 1_700_000_000)))
            n.interactions.append(Interaction(id: "bbbbbbbb-0000-4000-8000-000000000003", contact: n.contacts[1].id, date: Day(year: 2025, month: 3, day: 1)!, kind: .call))
        }
        let r = try git(["merge", "--no-edit", "alice"], in: repo)
        assertLacks(r.stdout, "CONFLICT")
        let merged = try load(repo + "/team.nettui.json")
        XCTAssertEqual(merged.contact(id: first.id)?.notes, "Alice's note")
        XCTAssertEqual(merged.contact(id: first.id)?.role, "Bob's role")
        XCTAssertEqual(merged.contact(id: second.id)?.tags, second.tags + ["bob", "alice"], "ours (bob) first, then theirs' new ones")
        XCTAssertNotNil(merged.contact(id: "aaaaaaaa-0000-4000-8000-000000000001"))
        XCTAssertNotNil(merged.contact(id: "bbbbbbbb-0000-4000-8000-000000000002"))
        XCTAssertEqual(merged.network(id: group.id)?.members, group.members + ["aaaaaaaa-0000-4000-8000-000000000001"])
        XCTAssertEqual(merged.interactions.count, demo.interactions.count + 1)
        XCTAssertEqual(merged.conflicts, [])
        XCTAssertEqual(try git(["status", "--porcelain"], in: repo).stdout, "", "merged and committed")
        XCTAssertEqual(files(in: repo), [".git", ".gitattributes", ".gitignore", "team.nettui.json", "team.nettui.json.bak"],
                       "the driver leaves no .bak, .lock or temporary file")
        XCTAssertEqual(try git(["log", "-1", "--format=%P"], in: repo).stdout.split(separator: " ").count, 2, "a merge commit")
        let check = try run(try nettui(), ["check", "team.nettui.json"], in: repo)
        XCTAssertEqual(check.status, 0, check.stdout)
    }

    func testGitMergeOfConflictingEditsMarksTheFileConflicted() throws {
        let repo = try makeRepo()
        let demo = try load(repo + "/team.nettui.json")
        let target = demo.contacts[2]
        try commit(repo, branch: "alice") { n in
            n.contacts[2].notes = "Alice says: met at the fair"
            n.contacts[3].role = "Alice's edit"
        }
        try commit(repo, branch: "bob") { n in
            n.contacts[2].notes = "Bob says: met at the club"
            n.me.pitch = "Bob's pitch"
        }
        let r = try git(["merge", "--no-edit", "alice"], in: repo, expect: 1)
        assertContains(r.stdout, "CONFLICT")
        assertContains(r.stdout, "team.nettui.json")
        assertContains(r.stderr, "nettui merge: 1 conflict;")
        XCTAssertEqual(try git(["diff", "--name-only", "--diff-filter=U"], in: repo).stdout, "team.nettui.json\n")
        // The working file is the merge (not conflict markers): valid, ours kept, theirs recorded.
        let merged = try load(repo + "/team.nettui.json")
        XCTAssertEqual(merged.contact(id: target.id)?.notes, "Bob says: met at the club")
        XCTAssertEqual(merged.contacts[3].role, "Alice's edit")
        XCTAssertEqual(merged.me.pitch, "Bob's pitch")
        XCTAssertEqual(merged.conflicts, [MergeConflict(entity: .contact, id: target.id, field: "notes", ours: .string("Bob says: met at the club"),
                                                        theirs: .string("Alice says: met at the fair"), base: .string(target.notes))])
        XCTAssertEqual(try git(["status", "--porcelain"], in: repo).stdout, "UU team.nettui.json\n")
        XCTAssertEqual(files(in: repo), [".git", ".gitattributes", ".gitignore", "team.nettui.json", "team.nettui.json.bak"],
                       "the driver leaves no .bak, .lock or temporary file")
        // Resolving: take theirs, clear the conflict, save, add, commit.
        var resolved = merged
        resolved.contacts[resolved.contacts.firstIndex { $0.id == target.id }!].notes = "Alice says: met at the fair"
        resolved.conflicts = []
        try Store.save(resolved, to: repo + "/team.nettui.json")
        try git(["add", "team.nettui.json"], in: repo)
        try git(["commit", "-q", "--no-edit"], in: repo)
        XCTAssertEqual(try git(["status", "--porcelain"], in: repo).stdout, "")
        assertLacks(try String(contentsOfFile: repo + "/team.nettui.json", encoding: .utf8), "\"conflicts\"")

    }

    func writeText(_ path: String, _ text: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }
}
