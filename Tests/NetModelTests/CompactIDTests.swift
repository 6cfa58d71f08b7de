import TestSupport
import XCTest
@testable import NetModel
@testable import Plumbing

/// Interaction ids kept as two numbers when they are lower-case UUIDs (`CompactID`): every id reads
/// back as it was given, and ids equal and order exactly as their texts do.
final class CompactIDTests: XCTestCase {
    let uuid = "0ceb5253-655f-4fa0-9c5e-e9d5f3a0b1c2"

    func testEveryIdReadsBackAsGiven() {
        let ids = [uuid, uuid.uppercased(), "", "i00042", "0ceb5253-655f-4fa0-9c5e-e9d5f3a0b1c", "0ceb5253x655f-4fa0-9c5e-e9d5f3a0b1c2",
                   "0ceb5253-655f-4fa0-9c5e-e9d5f3a0b1cg", "ääää5253-655f-4fa0-9c5e-e9d5f3a0b1", "ffffffff-ffff-ffff-ffff-ffffffffffff",
                   "00000000-0000-0000-0000-000000000000"]
        for id in ids {
            XCTAssertEqual(CompactID(id).text, id)
            var x = Interaction(id: "x", contact: "c", date: Day(ordinal: 1), kind: .call)
            x.id = id
            XCTAssertEqual(x.id, id)
        }
        XCTAssertNotNil(CompactID.uuid(UnsafeRawBufferPointer(start: uuid, count: 36)), "a lower-case UUID is kept as numbers")
        XCTAssertNil(Array(uuid.uppercased().utf8).withUnsafeBytes { CompactID.uuid($0) }, "any other text is kept as it is")
        // Digits are 0-9 and a-f only: the bytes just outside those ranges are not.
        for odd in ["/", ":", "`", "g", "-"] {
            let id = "0ceb5253-655f-4fa0-9c5e-e9d5f3a0b1c" + odd
            XCTAssertNil(Array(id.utf8).withUnsafeBytes { CompactID.uuid($0) }, id)
        }
        for id in ["ffffffff-ffff-ffff-ffff-ffffffffffff", "00000000-0000-0000-0000-000000000000", "01234567-89ab-cdef-0123-456789abcdef"] {
            XCTAssertNotNil(Array(id.utf8).withUnsafeBytes { CompactID.uuid($0) }, id)
            XCTAssertEqual(CompactID(id).withUUIDBytes { String(decoding: $0, as: UTF8.self) }, id)
        }
        XCTAssertEqual(CompactID(uuid).withUUIDBytes { String(decoding: $0, as: UTF8.self) }, uuid, "a UUID's bytes, made on the stack")
        XCTAssertNil(CompactID("i00042").withUUIDBytes { $0.count })
        let table = IDTable(["x", uuid, uuid])
        XCTAssertEqual(CompactID(uuid).withUUIDBytes { table.position(matching: $0) }, 1, "the first of the two")
        XCTAssert(CompactID("").isEmpty)
        XCTAssertFalse(CompactID(uuid).isEmpty)
    }

    func testIdsEqualAndOrderAsTheirTexts() {
        var r = SplitMix64(seed: 7)
        let ids = (0..<400).map { i -> String in
            let text = Demo.id(UInt64(i % 3), Int(r.next() % 1000))
            switch i % 5 {
            case 0: return text.uppercased()
            case 1: return String(text.prefix(Int(r.next() % 36)))
            default: return text
            }
        }
        for a in ids.prefix(60) {
            for b in ids {
                XCTAssertEqual(CompactID(a) < CompactID(b), a < b, "\(a) < \(b)")
                XCTAssertEqual(CompactID(a) == CompactID(b), a == b, "\(a) == \(b)")
            }
        }
    }

    func testTheDemoIdsAreTheOnesItAlwaysMade() {
        // The demo's ids are made from two numbers: fixed (these are what it made before it used
        // `CompactID`), version 4, variant 10.
        XCTAssertEqual(Demo.id(4, 0), "91a3a94b-2375-47cf-87bf-80afdc1d00de")
        XCTAssertEqual(Demo.id(1, 12345), "b02e3681-a792-46de-8f91-97f4eb20bec7")
        XCTAssertEqual(Demo.id(2, 99999), "897e4e62-ff74-40b6-97ac-2ce20cabfc66")
        XCTAssertEqual(Demo.uuidKey(Demo.id(4, 0)).map { CompactID(version4: $0.0, $0.1).text }, Demo.id(4, 0), "read as numbers and written back")
        for n in 0..<50 {
            let id = Array(Demo.id(1, n).utf8)
            XCTAssertEqual(id.count, 36)
            XCTAssertEqual(id[14], UInt8(ascii: "4"))
            XCTAssert([UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(id[19]))
        }
    }
}
