import Foundation
import XCTest
@testable import NetModel

/// A large vCard file is read in two halves on two cores (`VCard.inHalves`): the cards, their line
/// numbers and any error must be exactly what reading it in one piece gives. (Checked on a file of
/// 1,500 cards, split as one of 4 MB or more would be.)
final class VCardHalvesTests: XCTestCase {
    /// The cards of a demo network as a vCard file (made once for all the tests).
    private static let cards = VCardExport.export(Demo.network(today: Day(year: 2026, month: 11, day: 23)!, contacts: 1500,
                                                               networks: 10, interactions: 0, seed: 4).contacts)

    private func largeFile(crlf: Bool = true) -> [UInt8] {
        let bytes = crlf ? Self.cards : Array(String(decoding: Self.cards, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)
        return bytes
    }

    private func whole(_ bytes: [UInt8]) throws -> [ImportedContact] {
        try bytes.withUnsafeBufferPointer { p in
            var reader = VCardReader(p: p, path: "x.vcf")
            return try reader.run()
        }
    }

    func testHalvesReadAsTheWhole() throws {
        for crlf in [true, false] {
            let bytes = largeFile(crlf: crlf)
            let halves = try XCTUnwrap(bytes.withUnsafeBufferPointer { VCard.inHalves($0, path: "x.vcf", minimumBytes: 0) }, "split in two")
            let one = try whole(bytes)
            XCTAssertEqual(halves.count, 1500)
            XCTAssertEqual(halves, one)
            XCTAssertEqual(halves.last?.line, one.last?.line)
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
            XCTAssertNil(bytes.withUnsafeBufferPointer { VCard.inHalves($0, path: "x.vcf", minimumBytes: 0) })
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
        XCTAssertNil(bytes.withUnsafeBufferPointer { VCard.splitPoint($0) })
        let plain = Array("BEGIN:VCARD\r\nFN:A\r\n".utf8) + head + Array("\r\nEND:VCARD\r\nBEGIN:VCARD\r\nEND:VCARD\r\n".utf8)
        let split = plain.withUnsafeBufferPointer { VCard.splitPoint($0) }
        XCTAssertEqual(split.map { String(decoding: plain[$0...], as: UTF8.self) }, "BEGIN:VCARD\r\nEND:VCARD\r\n")
    }
}
