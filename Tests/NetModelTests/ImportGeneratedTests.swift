import Foundation
import XCTest
@testable import NetModel
@testable import NetStore
@testable import NetInterchange
@testable import Plumbing

/// Files written by the shared benchmark generator (/work/shared/tools/gen.py): a checked-in sample
/// (60 contacts, seed 7, and its 15-contact showcase of rendering edge cases) must import with
/// nothing skipped, the vCard and the LinkedIn export of the same people must merge into one
/// contact each, and a re-import must change nothing.
final class ImportGeneratedTests: XCTestCase {
    let now = Timestamp(iso: "2025-03-14T12:00:00Z")!

    func importBoth(vcard: String, linkedin: String, count: Int) throws {
        var n = 0
        let newID = { () -> String in n += 1; return "g\(n)" }
        let cards = try Importer.parse(path: vcard, format: .vcard)
        XCTAssertEqual(cards.count, count)
        let first = Importer.merge(cards, into: Network(), now: now, newID: newID)
        XCTAssertEqual(first.summary.skipped.count, 0, first.summary.text)
        XCTAssertEqual(first.summary.added, count, "every generated person is a different person")
        var network = Network()
        network.apply(first.changes)

        let rows = try Importer.parse(path: linkedin, format: .linkedin)
        XCTAssertEqual(rows.count, count)
        let second = Importer.merge(rows, into: network, now: now, newID: newID)
        XCTAssertEqual(second.summary.skipped.count, 0, second.summary.text)
        XCTAssertEqual(second.summary.added, 0, "the LinkedIn rows are the vCard's people (matched by profile URL)")
        XCTAssertEqual(second.summary.updated + second.summary.unchanged, count)
        network.apply(second.changes)
        XCTAssertEqual(network.contacts.count, count)

        XCTAssertEqual(Importer.merge(cards, into: network, now: now, newID: newID).changes, [])
        XCTAssertEqual(Importer.merge(rows, into: network, now: now, newID: newID).changes, [])
        // The data file codec takes what the import made.
        let decoded = NetworkCodec.decode(NetworkCodec.encode(network))
        XCTAssertEqual(decoded.problems, [])
        XCTAssertEqual(decoded.network, network)
    }

    func testCheckedInSample() throws {
        try importBoth(vcard: fixturePath("gen-sample.vcf"), linkedin: fixturePath("gen-sample-Connections.csv"), count: 60)
    }

    func testShowcase() throws {
        try importBoth(vcard: fixturePath("gen-showcase.vcf"), linkedin: fixturePath("gen-showcase-Connections.csv"), count: 15)
        let names = try Importer.parse(path: fixturePath("gen-showcase.vcf"), format: .vcard).map(\.name)
        XCTAssertTrue(names.contains("محمد خان"), "right-to-left text is kept (only bidi controls are dropped)")
        XCTAssertTrue(names.contains("A\u{030A}sa O\u{0308}berg"), "decomposed (NFD) names are kept as written")
    }

    /// Runs the generator itself when it is there (1,000 contacts, CRLF CSV).
    func testFreshlyGenerated() throws {
        let tool = "/work/shared/tools/gen.py"
        guard FileManager.default.fileExists(atPath: tool), FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else {
            throw XCTSkip("gen.py or python3 not available")
        }
        let dir = try makeTempDir(self)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [tool, "-n", "1000", "-o", dir, "--crlf-csv"]
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        try importBoth(vcard: dir + "/N1000/contacts.vcf", linkedin: dir + "/N1000/Connections.csv", count: 1000)
    }
}
