import Foundation
import NetModel
import Plumbing
import TestSupport
import XCTest
import NetStore

/// Runs the built `nettui demo` with and without `--contacts` the way a script would.
final class DemoCommandTests: XCTestCase {
    let today = ["NETTUI_TODAY": "2025-03-14"]

    func testGeneratedDemoIsWrittenWithItsCountsAndChecksOK() throws {
        let dir = try temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/big.json"
        let r = try Programs.nettui(["demo", "--write", path, "--contacts", "300", "--networks", "4", "--interactions", "900", "--seed", "5"],
                                    environment: today)
        XCTAssertEqual(r.status, 0, r.stderr)
        let loaded = try XCTUnwrap(try Store.load(path)).network
        XCTAssertEqual([loaded.contacts.count, loaded.networks.count, loaded.interactions.count], [300, 4, 900])
        XCTAssertEqual(r.stdout, "Wrote the demo network (300 contacts, 4 networks, \(loaded.events.count) events, 900 interactions) to \(path)\n")
        XCTAssertEqual(loaded, Demo.network(today: Day(iso: "2025-03-14")!, contacts: 300, networks: 4, interactions: 900, seed: 5))
        let check = try Programs.nettui(["check", path])
        XCTAssertEqual(check.status, 0, check.stdout)
    }

    func testDefaultsFollowTheContacts() throws {
        let r = try Programs.nettui(["demo", "--contacts", "120"], environment: today)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, String(decoding: NetworkCodec.encode(
            Demo.network(today: Day(iso: "2025-03-14")!, contacts: 120, networks: 2, interactions: 360, seed: 1)), as: UTF8.self))
    }

    func testOptionsWithoutContactsOrOutOfRangeAreRejected() throws {
        for (args, message) in [(["--seed", "3"], "--seed needs --contacts N"),
                                (["--networks", "2", "--interactions", "5"], "--networks, --interactions need --contacts N"),
                                (["--contacts", "0"], "--contacts must be from 1 to 1000000, not 0"),
                                (["--contacts", "10", "--networks", "100001"], "--networks must be from 0 to 100000, not 100001")] {
            let r = try Programs.nettui(["demo"] + args)
            XCTAssertNotEqual(r.status, 0, args.joined(separator: " "))
            assertContains(r.stderr, message)
            XCTAssertEqual(r.stdout, "")
        }
    }
}
