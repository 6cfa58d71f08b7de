import NetModel
import XCTest
import NetStore
import Plumbing

final class ResolutionTests: XCTestCase {
    private func conflicted() -> (Network, String) {
        let base = Demo.network(today: testToday)
        let id = base.contacts[0].id
        var ours = base, theirs = base
        ours.contacts[0].notes = "Met at Slush"
        theirs.contacts[0].notes = "Met at the fair"
        theirs.contacts[0].role = "Chair"
        let outcome = Merge.merge(base: base, ours: ours, theirs: theirs)
        XCTAssertEqual(outcome.conflicts.count, 1)
        return (outcome.network, id)
    }

    func testKeepingOursDropsOnlyTheRecord() throws {
        let (n, id) = conflicted()
        let resolved = try XCTUnwrap(n.resolvingConflict(at: 0, takeTheirs: false))
        XCTAssertTrue(resolved.conflicts.isEmpty)
        XCTAssertEqual(resolved.contact(id: id)?.notes, "Met at Slush")
        XCTAssertEqual(resolved.contact(id: id)?.role, "Chair", "the clean part of the merge stays")
    }

    func testTakingTheirsWritesTheirValue() throws {
        let (n, id) = conflicted()
        let resolved = try XCTUnwrap(n.resolvingConflict(at: 0, takeTheirs: true))
        XCTAssertTrue(resolved.conflicts.isEmpty)
        XCTAssertEqual(resolved.contact(id: id)?.notes, "Met at the fair")
        var other = resolved
        other.conflicts = n.conflicts
        other.contacts = other.contacts.map { $0.id == id ? n.contact(id: id)! : $0 }
        XCTAssertEqual(other, n, "nothing else changes")
    }

    func testChangesToAnotherVersionAreOneUndoableStep() throws {
        let (n, _) = conflicted()
        let resolved = try XCTUnwrap(n.resolvingConflict(at: 0, takeTheirs: true))
        let changes = n.changes(to: resolved)
        XCTAssertEqual(changes.count, 2, "the contact and the conflicts list")
        var applied = n
        applied.apply(changes)
        XCTAssertEqual(applied, resolved)
        applied.apply(changes.reversed().map(\.inverted))
        XCTAssertEqual(applied, n)
    }

    func testAnOutOfRangeIndexResolvesNothing() {
        let (n, _) = conflicted()
        XCTAssertNil(n.resolvingConflict(at: 5, takeTheirs: true))
    }
}
