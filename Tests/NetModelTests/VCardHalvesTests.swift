import Foundation
import XCTest
@testable import NetModel
@testable import NetStore
@testable import NetInterchange
@testable import Plumbing

/// A large vCard file is read in pieces on several cores (`VCard.inPieces`), and the import merges
/// the pieces as they are read (`Importer.mergeInPieces`): the cards, their line numbers, any error
/// and the merge must be exactly what reading it in one piece gives. (Checked on a file of 1,500
/// cards, cut as one of 4 MB or more would be.)
final class VCardHalvesTests: XCTestCase {
    /// The cards of a demo network as a vCard file (made once for all the tests).
    private static let cards = VCardExport.export(Demo.network(today: Day(year: 2026, month: 11, day: 23)!, contacts: 1500,
                                                               networks: 10, interactions: 0, seed: 4).contacts)

    private func largeFile(crlf: Bool = true) -> [UInt8] {
        let bytes = crlf ? Self.cards : Array(String(decoding: Self.cards, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)
        return bytes
    }

    private func whole(_ bytes: [UInt8]) throws -> [ImportedContact] {
        var reader = VCardReader(bytes, path: "x.vcf")
        return try reader.run()
    }

    func testPiecesReadAsTheWhole() throws {
        for crlf in [true, false] {
            let bytes = largeFile(crlf: crlf)
            let one = try whole(bytes)
            for count in [2, 3, 7, 40] {
                let pieces = try XCTUnwrap(VCard.pieces(bytes, count: count, minimumBytes: 0))
                XCTAssertEqual(pieces.count, count)
                let cards = try XCTUnwrap(VCard.inPieces(bytes, path: "x.vcf", count: count, minimumBytes: 0), "\(count) pieces")
                XCTAssertEqual(cards.count, 1500)
                XCTAssertEqual(cards, one)
                XCTAssertEqual(cards.last?.line, one.last?.line)
            }
        }
    }

    /// Merged piece by piece as the pieces are read, into an empty network and into one that has
    /// some of the same people (updated) and ids (new ids drawn again): the same changes and summary,
    /// line numbers included, as parsing the whole and merging it.
    func testMergingPiecesAsTheyAreReadIsMergingTheWhole() throws {
        let bytes = largeFile()
        let records = try whole(bytes)
        var some = Network()
        let earlier = Importer.merge(Array(records[200..<300]), into: some, now: Timestamp(seconds: 1_000), newID: Self.ids(prefix: "old"))
        some.apply(earlier.changes)
        for i in some.contacts.indices where i % 2 == 0 { some.contacts[i].notes = "" }
        for network in [Network(), some] {
            let expected = Importer.merge(records, into: network, now: Timestamp(seconds: 2_000), newID: Self.ids(prefix: "new"))
            var piped = try XCTUnwrap(
                Importer.mergeInPieces(bytes, path: "x.vcf", network: { network }, now: Timestamp(seconds: 2_000), newID: Self.ids(prefix: "new"), minimumBytes: 0)?.merger
            )
            XCTAssertEqual(piped.takeChanges(), expected.changes)
            XCTAssertEqual(piped.summary.entries, expected.summary.entries)
            XCTAssertEqual([piped.summary.added, piped.summary.updated, piped.summary.unchanged], [expected.summary.added, expected.summary.updated, expected.summary.unchanged])
            XCTAssertEqual(piped.summary.entries.last?.line, records.last?.line)
        }
        XCTAssertGreaterThan(Importer.merge(records, into: some, now: Timestamp(seconds: 2_000), newID: Self.ids(prefix: "new")).summary.updated, 0)
    }

    /// Ids `prefix-1`, `prefix-2`, …
    static func ids(prefix: String) -> () -> String {
        var n = 0
        return {
            n += 1
            return "\(prefix)-\(n)"
        }
    }

    func testAnErrorInEitherHalfIsTheWholesError() throws {
        let text = String(decoding: largeFile(), as: UTF8.self)
        for fraction in [0.2, 0.8] {
            // A card cut off: its END:VCARD removed, so a BEGIN:VCARD comes inside it.
            var broken = text
            let from = broken.index(broken.startIndex, offsetBy: Int(Double(broken.count) * fraction))
            let end = try XCTUnwrap(broken.range(of: "END:VCARD\r\n", range: from..<broken.endIndex))
            broken.removeSubrange(end)
            let bytes = Array(broken.utf8)
            XCTAssertNil(VCard.inPieces(bytes, path: "x.vcf", count: 2, minimumBytes: 0))
            XCTAssertNil(
                Importer.mergeInPieces(bytes, path: "x.vcf", network: { Network() }, now: Timestamp(seconds: 0), newID: Self.ids(prefix: "n"), minimumBytes: 0)
            )
            var expected: ImportError?
            XCTAssertThrowsError(try whole(bytes)) { expected = $0 as? ImportError }
            XCTAssertThrowsError(try VCard.parse(bytes, path: "x.vcf")) { XCTAssertEqual(($0 as? ImportError)?.description, expected?.description) }
            XCTAssertNotNil(expected?.line)
        }
    }

    func testNoSplitAfterASoftLineBreak() {
        // The line before the only BEGIN:VCARD past the middle ends in "=": it could join the next line.
        let head = Array(repeating: UInt8(ascii: "x"), count: 100)
        let bytes = Array("BEGIN:VCARD\r\nNOTE;ENCODING=QUOTED-PRINTABLE:a=\r\n".utf8) + head + Array("=\r\nBEGIN:VCARD\r\nEND:VCARD\r\n".utf8)
        XCTAssertNil(VCard.splitPoint(bytes, from: bytes.count / 2))
        let plain = Array("BEGIN:VCARD\r\nFN:A\r\n".utf8) + head + Array("\r\nEND:VCARD\r\nBEGIN:VCARD\r\nEND:VCARD\r\n".utf8)
        let split = VCard.splitPoint(plain, from: plain.count / 2)
        XCTAssertEqual(split.map { String(decoding: plain[$0...], as: UTF8.self) }, "BEGIN:VCARD\r\nEND:VCARD\r\n")
    }
}
