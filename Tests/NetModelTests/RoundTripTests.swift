import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

final class RoundTripTests: XCTestCase {
    func testDemoRoundTripsByteForByte() throws {
        for today in [testToday, Day(year: 2024, month: 2, day: 29)!, Day(year: 2000, month: 1, day: 1)!] {
            let demo = Demo.network(today: today)
            let first = NetworkCodec.encode(demo)
            let decoded = NetworkCodec.decode(first)
            XCTAssertEqual(decoded.problems, [])
            let network = try XCTUnwrap(decoded.network)
            XCTAssertEqual(network, demo)
            XCTAssertEqual(NetworkCodec.encode(network), first)
        }
    }

    func testEncodingSortsEntitiesByIDWhateverTheirOrderInMemory() {
        let demo = Demo.network(today: testToday)
        var shuffled = demo
        shuffled.contacts.reverse()
        shuffled.interactions.reverse()
        shuffled.networks.reverse()
        shuffled.events.reverse()
        XCTAssertEqual(NetworkCodec.encode(shuffled), NetworkCodec.encode(demo))
        let ids = NetworkCodec.decode(NetworkCodec.encode(shuffled)).network!.contacts.map(\.id)
        XCTAssertEqual(ids, ids.sorted())
    }

    func testEmptyNetworkRoundTripsAndDefaultsApply() throws {
        let empty = Network()
        let decoded = NetworkCodec.decode(NetworkCodec.encode(empty))
        XCTAssertEqual(decoded.problems, [])
        XCTAssertEqual(decoded.network, empty)
        // The smallest valid file: everything else takes its default.
        let minimal = NetworkCodec.decode(bytes(#"{"schemaVersion": 1}"#))
        XCTAssertEqual(minimal.problems, [])
        XCTAssertEqual(minimal.network, empty)
    }

    func testAbsentOptionalFieldsTakeDefaults() throws {
        let file = """
        {"schemaVersion": 1,
         "contacts": [{"id": "c1", "name": "Aino", "created": "2024-05-01T10:00:00Z"}],
         "networks": [{"id": "n1", "name": "Club"}],
         "events": [{"id": "e1", "name": "Gala", "date": "2024-06-01"}],
         "interactions": [{"id": "i1", "contact": "c1", "date": "2024-06-02"}]}
        """
        let decoded = NetworkCodec.decode(bytes(file))
        XCTAssertEqual(decoded.problems, [])
        let n = try XCTUnwrap(decoded.network)
        let c = n.contacts[0]
        XCTAssertEqual(c.importanceNow, .tenth)
        XCTAssertEqual(c.importanceFuture, .tenth)
        XCTAssertEqual(c.stage, .interest)
        XCTAssertNil(c.chemistry)
        XCTAssertEqual(c.updated, c.created, "updated defaults to created")
        let g = n.networks[0]
        XCTAssertEqual(g.yield, .one)
        XCTAssertTrue(g.fair)
        XCTAssertTrue(g.ambitionFit)
        XCTAssertNil(g.bestBefore)
        XCTAssertEqual(g.created, Timestamp(seconds: 0))
        XCTAssertNil(n.events[0].network)
        XCTAssertEqual(n.interactions[0].kind, .meeting)
        XCTAssertEqual(n.scheme, Scheme())
    }

    func testStoreSaveThenLoadGivesTheSameNetwork() throws {
        let dir = try makeTempDir(self)
        let demo = Demo.network(today: testToday)
        try Store.save(demo, to: dir + "/net.json")
        let loaded = try XCTUnwrap(Store.load(dir + "/net.json"))
        XCTAssertNil(loaded.readOnlyReason)
        XCTAssertEqual(loaded.network, demo)
        XCTAssertNil(try Store.load(dir + "/absent.json"))
    }
}
