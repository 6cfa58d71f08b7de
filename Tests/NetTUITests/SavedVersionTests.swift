import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore

/// The base of a merge on save — the network as last read or saved — is made from the undo history
/// rather than kept as a copy; these sequences of edits, undos, redos and saves check it is always
/// exactly what the file held, including when the history can no longer lead back to it.
final class SavedVersionTests: XCTestCase {
    private func note(_ driver: inout Driver, _ k: Int) {
        let contacts = driver.state.network.contacts
        let c = contacts[k % contacts.count]
        var after = c
        after.notes = "edit \(k)"
        driver.state.commit([.contact(before: c, after: after)])
    }

    func testTheBaseIsAlwaysTheFileAsLastSaved() throws {
        let dir = try temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/network.json"
        try Store.save(Demo.network(today: Harness.today), to: path)
        let opened = try OpenCommand.open(path, createFolder: false)
        defer { opened.lock?.release() }
        var driver = Driver(state: opened.state, lock: opened.lock)
        func file() throws -> Network { try XCTUnwrap(Store.load(path)).network }
        func check(_ what: String, line: UInt = #line) throws {
            XCTAssertTrue(driver.state.base == (try file()), "the base is not the file as last saved: " + what, line: line)
        }
        var random = SystemRandomNumberGenerator()
        var seed = UInt64.random(in: 0...UInt64.max, using: &random)
        print("SavedVersionTests seed \(seed)")
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        try check("as opened")
        for step in 0..<300 {
            switch next(10) {
            case 0...3: note(&driver, next(1000))
            case 4, 5: _ = driver.send(.key(.char("u")))
            case 6: _ = driver.send(.key(.ctrl("r")))
            case 7:
                let contacts = driver.state.network.contacts
                driver.state.commit(driver.state.network.changesDeletingContact(contacts[next(contacts.count)].id, at: Harness.clock.now()))
            default: _ = driver.send(.key(.char("s")))
            }
            try check("after step \(step)")
        }
        // Saved, two steps undone, then a new edit: the saved state can no longer be reached by
        // undo or redo, and is kept.
        _ = driver.send(.key(.char("s")))
        note(&driver, 1)
        note(&driver, 2)
        _ = driver.send(.key(.char("u")))
        _ = driver.send(.key(.char("u")))
        _ = driver.send(.key(.char("u")))
        note(&driver, 3)
        try check("after an undone saved state was overwritten")
        XCTAssertNotNil(driver.state.keptBase)
        _ = driver.send(.key(.char("s")))
        XCTAssertNil(driver.state.keptBase, "a save lets the copy go")
        // More steps than the history keeps: the oldest, the saved state's, is dropped.
        for k in 0...History.limit { note(&driver, k) }
        try check("after more steps than the history keeps")
    }
}
