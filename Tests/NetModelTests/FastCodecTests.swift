import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import NetInterchange
@testable import Plumbing

/// The fast codec (FastDecoder, FastEncoder) against the validating, tree-based one it stands in for:
/// the fast decoder must either give up or give exactly the validating path's network, and
/// `NetworkCodec.decode` must always give exactly what the validating path gives; the fast encoder
/// must write exactly the tree writer's bytes.
final class FastCodecTests: XCTestCase {
    // MARK: - Checks

    /// Decodes `bytes` every way; returns whether the fast path took them.
    @discardableResult
    func checkDecode(_ bytes: [UInt8], _ label: @autoclosure () -> String, slow given: NetworkCodec.Decoded? = nil,
                     file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let slow = given ?? NetworkCodec.decodeTree(bytes)
        let routed = NetworkCodec.decode(bytes)
        XCTAssert(routed.network == slow.network, "\(label()): network differs from the validating path's", file: file, line: line)
        XCTAssertEqual(routed.problems, slow.problems, "\(label()): problems", file: file, line: line)
        let fast = FastDecoder.decode(bytes, chunks: 1)
        if let fast {
            XCTAssert(fast == slow.network, "\(label()): the fast path took it and read it differently", file: file, line: line)
            XCTAssertEqual(fast.referenceProblems(), slow.problems, "\(label()): the fast path took a file with problems", file: file, line: line)
        }
        // In parallel chunks wherever the layout suggests split points: exactly the serial result.
        let chunked = FastDecoder.decode(bytes, chunks: 3, minChunkBytes: 64)
        XCTAssert(chunked == fast, "\(label()): read in chunks, it differs from read in one piece", file: file, line: line)
        // Read from a file a small window at a time: never another network; it may only give up more.
        if let windowed = windowedDecode(bytes) {
            XCTAssert(windowed == slow.network, "\(label()): read a window at a time, it differs", file: file, line: line)
            XCTAssertEqual(windowed.referenceProblems(), slow.problems, "\(label()): read a window at a time, it took a file with problems",
                           file: file, line: line)
        }
        return fast != nil
    }

    /// `FastDecoder.decode(file:)` of `bytes` written to a file, in windows of 8 kB and chunks.
    func windowedDecode(_ bytes: [UInt8]) -> Network? {
        guard !bytes.isEmpty else { return nil }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-fast-\(UUID().uuidString.prefix(8))").path
        defer { unlink(path) }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return nil }
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        return FastDecoder.decode(file: fd, size: bytes.count, windowBytes: 8192, chunks: 3, minChunkBytes: 64)?.network
    }

    func checkEncode(_ network: Network, _ label: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line) {
        let tree = NetworkCodec.encodeTree(network)
        let fast = NetworkCodec.encode(network)
        XCTAssert(fast == tree, "\(label()): fast encoding differs:\n\(firstDifference(fast, tree))", file: file, line: line)
    }

    func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String {
        let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        func around(_ x: [UInt8]) -> String { text(Array(x[max(0, i - 80)..<min(x.count, i + 80)])) }
        return "at byte \(i):\n--- fast\n\(around(a))\n--- tree\n\(around(b))"
    }

    // MARK: - Networks to read and write

    static let demo = Demo.network(today: testToday)

    /// A small network with every kind of value: a part of the demo (decisions, follow-ups, criteria,
    /// rating history), conflicts, escapes, non-ASCII and CJK text, and unknown keys at every level.
    static let rich: Network = {
        var n = Network()
        let d = demo
        n.me = d.me
        n.scheme = d.scheme
        let keep = d.contacts.filter { $0.decision != nil || !$0.ratingHistory.isEmpty || !$0.criteria.isEmpty }.prefix(4)
        n.contacts = Array(keep) + d.contacts.filter { c in !keep.contains { $0.id == c.id } }.prefix(3)
        n.networks = Array(d.networks.filter { $0.decision != nil }.prefix(2) + d.networks.filter { $0.decision == nil }.prefix(3))
        n.events = Array(d.events.prefix(2))
        n.interactions = Array(d.interactions.filter { $0.followUp != nil }.prefix(3) + d.interactions.filter { $0.followUp == nil }.prefix(3))
        n.contacts[0].name = "Aino \"Ä\" Järvinen\t東京 🌲\\ /"
        n.contacts[1].notes = "line one\nline two\r\nctrl \u{01}\u{1F} del \u{7F}"
        n.contacts[2].tags = ["ä", "e\u{301}", "日本語", "😀"]
        n.interactions[0].note = "Kahvit: yhteistyö 🌲 \"quoted\""
        n.conflicts = [MergeConflict(entity: .contact, id: n.contacts[0].id, field: "notes", ours: .string("ours"), theirs: .string("theirs"), base: .null)]
        n.conflicts[0].extra = ["resolvedBy": .string("x")]
        let nested: JSON = .object(["level": .number("2"), "list": .array([.string("å"), .null, .bool(true), .object(["deep": .number("-0.5e-7")])])])
        let big: JSON = .number("12345678901234567890")
        n.extra = ["aaa": nested, "zzz": big, "future": .string("🚀")]
        n.me.extra = ["avatar": nested]
        n.scheme.extra = ["colour": .string("blue")]
        n.scheme.quadrantsExtra = ["dormant": .object(["cadenceDays": .number("365")])]
        n.scheme.quadrants[.rising]?.extra = ["emoji": .string("🌱")]
        n.scheme.exitRules.extra = ["x": .number("1")]
        if !n.scheme.criteria.isEmpty { n.scheme.criteria[0].extra = ["weight": .number("2")] }
        for i in n.contacts.indices {
            n.contacts[i].extra = ["linkedin": .string("https://example.com/in/\(i)"), "Score": big, "zz": .array([]),
                                   // Lists of strings (read by the fast path itself) and lists that only start as such.
                                   "units": .array([.string("R&D"), .string("ä \"q\" \\ 東京")]),
                                   "mixed": .array([.string("a"), .number("1"), .null]), "lists": .array([.array([.string("x")]), .string("y")])]
            // The fields written only when not empty; other values under their keys kept as unknown ones.
            if i % 3 == 0 {
                n.contacts[i].extra["sourceKeys"] = .array([.string("vcard:urn:uuid:\(i)"), .number("1")])
            } else {
                n.contacts[i].sourceKeys = ["vcard:urn:uuid:\(i)", "linkedin:ä \"q\" \\ 東京"]
            }
            if i % 2 == 0 { n.contacts[i].urls = ["https://example.com/\(i)"] } else { n.contacts[i].extra["urls"] = .array([]) }
            if n.contacts[i].decision != nil { n.contacts[i].decisionExtra = ["note": .string("kept")] }
            for h in n.contacts[i].ratingHistory.indices { n.contacts[i].ratingHistory[h].extra = ["by": .string("me")] }
        }
        for i in n.networks.indices {
            n.networks[i].extra = ["website": nested]
            if n.networks[i].decision != nil { n.networks[i].decisionExtra = ["by2": .null] }
        }
        for i in n.events.indices { n.events[i].extra = ["dressCode": .string("smart casual")] }
        for i in n.interactions.indices {
            n.interactions[i].extra = ["durationMinutes": .number("45")]
            n.interactions[i].followUp?.extra = ["channel": .string("mail")]
        }
        return n
    }()

    // MARK: - The fast path is taken

    func testFastPathTakesTheDemoFile() throws {
        let bytes = NetworkCodec.encodeTree(Self.demo)
        let fast = try XCTUnwrap(FastDecoder.decode(bytes), "the fast path gave up on the demo file")
        XCTAssert(fast == Self.demo)
        XCTAssert(checkDecode(bytes, "demo"))
        XCTAssert(windowedDecode(bytes) == Self.demo, "read a window at a time")
    }

    func testFastPathTakesUnknownKeysEscapesAndAnyLayout() throws {
        let bytes = NetworkCodec.encodeTree(Self.rich)
        XCTAssertNotNil(FastDecoder.decode(bytes), "the fast path gave up on a file with unknown keys")
        XCTAssert(checkDecode(bytes, "rich"))
        // Keys in any order, any white space, strings with \u escapes and surrogate pairs.
        let tree = try JSONParser.parse(bytes)
        for seed in 0..<20 as Range<UInt64> {
            var w = ScrambledWriter(seed: seed)
            w.write(tree)
            XCTAssert(checkDecode(w.out, "rich scrambled, seed \(seed)"), "the fast path gave up on a valid layout (seed \(seed))")
        }
    }

    func testDuplicateKeysAreLeftToTheValidatingPath() throws {
        let valid = text(NetworkCodec.encodeTree(Self.rich))
        let criteria = try XCTUnwrap(Self.rich.contacts.first { !$0.criteria.isEmpty }?.criteria.keys.first)
        let duplicates = [
            (#""linkedin": "#, #""linkedin": 1, "linkedin": "#),  // unknown keys
            (#""linkedin": "#, #""l\u0069nkedin": 1, "linkedin": "#),  // the same, one escaped
            (#""name": "#, #""n\u0061me": "x", "name": "#),  // known keys, one escaped
            (#""zzz": "#, #""zzz": null, "zzz": "#),  // top level
            (#""\#(criteria)": "#, #""\#(criteria)": 1, "\#(criteria)": "#),  // a contact's criteria
            (#""due": "#, #""due": "2025-01-01", "due": "#),  // a follow-up
            (#""date": "#, #""date": "2025-01-01", "date": "#),
        ]
        for (old, new) in duplicates {
            let range = try XCTUnwrap(valid.range(of: old), old)
            let bytes = Array(valid.replacingCharacters(in: range, with: new).utf8)
            XCTAssertNil(FastDecoder.decode(bytes), new)
            checkDecode(bytes, new)
        }
    }

    // MARK: - Keys and ids are byte strings

    /// `sourceKeys` and `source\u{212A}eys` (KELVIN SIGN: canonically equivalent, other bytes) are
    /// two keys on every path: the fast path, the validating one (which a byte-order mark sends a
    /// file to) and the save, which keeps both. So are an NFC and an NFD spelling of an unknown key.
    func testKeysThatAreCanonicallyEquivalentButOtherBytesAreTwoKeys() throws {
        let kelvin = "source\u{212A}eys"
        XCTAssertEqual(kelvin, "sourceKeys", "String's == says they are one")
        let file = #"{"schemaVersion": 1, "contacts": [{"id": "c1", "name": "Aino", "sourceKeys": ["vcard:1"], "\#(kelvin)": ["x"], "#
            + #""caf\#u{E9}": 1, "cafe\#u{301}": 2}]}"#
        for bytes in [Array(file.utf8), [0xEF, 0xBB, 0xBF] + Array(file.utf8)] {
            let slow = NetworkCodec.decodeTree(bytes)
            XCTAssertEqual(slow.problems, [], "no duplicate key")
            let c = try XCTUnwrap(slow.network?.contacts.first)
            XCTAssertEqual(c.sourceKeys, ["vcard:1"])
            XCTAssertEqual(c.extra, [JSONKey(kelvin): .array([.string("x")]), "caf\u{E9}": .number("1"), "cafe\u{301}": .number("2")])
            checkDecode(bytes, "canonically equivalent keys")
            let network = try XCTUnwrap(slow.network)
            checkEncode(network, "canonically equivalent keys")
            // Saved and read back: every key is there, with its own bytes and value.
            let saved = NetworkCodec.encode(network)
            XCTAssertEqual(NetworkCodec.decode(saved).network?.contacts.first?.extra, c.extra)
            XCTAssertEqual(NetworkCodec.decode(saved).network?.contacts.first?.sourceKeys, ["vcard:1"])
            // Counted by bytes (Foundation's search would find "sourceKeys" too).
            let needle = Array("\"\(kelvin)\": [".utf8)
            XCTAssertEqual(saved.indices.filter { saved[$0...].starts(with: needle) }.count, 1, text(saved))
        }
        XCTAssertNotNil(FastDecoder.decode(Array(file.utf8)), "the fast path takes it")
        // The same key twice, byte for byte, is still a duplicate.
        XCTAssertNil(NetworkCodec.decodeTree(Array(file.replacingOccurrences(of: "cafe\u{301}", with: "caf\u{E9}").utf8)).network)
    }

    /// Ids are byte strings: an NFC and an NFD spelling of one name are two contacts (no duplicate),
    /// each reference resolves to the contact of its own bytes, and a reference canonically equal to
    /// an id but of other bytes points at nothing; on every path, and through a save.
    func testIDsThatAreCanonicallyEquivalentButOtherBytesAreTwoIDs() throws {
        let nfc = "caf\u{E9}", nfd = "cafe\u{301}", kelvin = "\u{212A}1", plain = "K1"
        var n = Network()
        n.contacts = [Contact(id: nfc, name: "NFC", created: Timestamp(seconds: 0)), Contact(id: nfd, name: "NFD", created: Timestamp(seconds: 0)),
                      Contact(id: plain, name: "Plain", created: Timestamp(seconds: 0))]
        var club = NetworkGroup(id: "n1", name: "Club", created: Timestamp(seconds: 0))
        club.members = [nfd, nfc]
        n.networks = [club]
        n.interactions = [Interaction(id: "i1", contact: nfd, date: testToday, kind: .call), Interaction(id: "i2", contact: nfc, date: testToday, kind: .call)]
        XCTAssertEqual(n.referenceProblems(), [])
        let index = LogIndex(n)
        XCTAssertEqual(index.positions, [1, 0], "each interaction with the contact of its own bytes")
        XCTAssertEqual(Network.index(of: nfd, in: n.contacts), 1)
        checkEncode(n, "canonically equivalent ids")
        let bytes = NetworkCodec.encode(n)
        XCTAssert(checkDecode(bytes, "canonically equivalent ids"), "the fast path takes it")
        XCTAssertEqual(NetworkCodec.decode(bytes).network?.contacts.map(\.name), ["K1", "cafe\u{301}", "caf\u{E9}"].map { id in n.contacts.first { sameBytes($0.id, id) }!.name },
                       "written in the order of the ids' bytes")
        // A reference of other bytes than every id is dangling, however equivalent.
        var dangling = n
        dangling.networks[0].members = [kelvin]
        XCTAssertEqual(dangling.referenceProblems().map(\.kind), [.danglingReference])
        checkDecode(NetworkCodec.encodeTree(dangling), "a reference equivalent to an id")
        // The same id twice, byte for byte, is still a duplicate (and the NFD references dangle).
        var twice = n
        twice.contacts[1].id = nfc
        XCTAssertEqual(twice.referenceProblems().map(\.kind), [.duplicateID, .danglingReference, .danglingReference])
        checkDecode(NetworkCodec.encodeTree(twice), "the same id twice")
    }

    /// A contact's criterion ratings are kept by criterion id as text: two spellings of one id
    /// cannot both be kept, and are reported rather than one silently dropped (on both paths).
    func testCriterionKeysThatAreOneTextInOtherBytesAreReported() {
        let file = #"{"schemaVersion": 1, "contacts": [{"id": "c1", "name": "Aino", "criteria": {"caf\#u{E9}": 1, "cafe\#u{301}": 10}}]}"#
        let decoded = NetworkCodec.decode(Array(file.utf8))
        XCTAssertEqual(decoded.problems.map(\.kind), [.invalidValue])
        XCTAssertNil(FastDecoder.decode(Array(file.utf8)))
        checkDecode(Array(file.utf8), "criteria spelled twice")
    }

    // MARK: - Encoder

    func testEncoderWritesTheTreeWritersBytes() {
        checkEncode(Self.demo, "demo")
        checkEncode(Self.rich, "rich")
        checkEncode(Network(), "empty")
    }

    func testSourceKeysAndURLsAreWrittenOnlyWhenThereAreAnyAndOtherValuesStayAsTheyAre() throws {
        // What a file edited by hand may hold under these keys: kept and written back as it is.
        let odd: [(String, String, JSON)] = [
            ("[]", "[]", .array([])), ("null", "null", .null), ("\"x\"", "\"x\"", .string("x")),
            ("[\"a\", 1]", "[\n        \"a\",\n        1\n      ]", .array([.string("a"), .number("1")])),
        ]
        for (value, written, json) in odd {
            var n = Network()
            n.contacts = [Contact(id: "c1", name: "Aino", created: Timestamp(seconds: 0))]
            n.contacts[0].extra = ["sourceKeys": json, "urls": json]
            let bytes = NetworkCodec.encode(n)
            checkEncode(n, "odd \(value)")
            let text = String(decoding: bytes, as: UTF8.self)
            assertContains(text, "\"sourceKeys\": \(written),\n      \"stage\"")
            assertContains(text, "\"updated\": \"1970-01-01T00:00:00Z\",\n      \"urls\": \(written)\n")
            XCTAssertTrue(checkDecode(bytes, "odd \(value)"))
            let back = try XCTUnwrap(NetworkCodec.decode(bytes).network)
            XCTAssertEqual(back.contacts[0].sourceKeys, [])
            XCTAssertEqual(back.contacts[0].extra["sourceKeys"], json)
            XCTAssertEqual(NetworkCodec.encode(back), bytes, "written back byte for byte")
        }
        // A list of strings is the field; an empty field is not written at all.
        var n = Network()
        n.contacts = [Contact(id: "c1", name: "Aino", created: Timestamp(seconds: 0)), Contact(id: "c2", name: "Bo", created: Timestamp(seconds: 0))]
        n.contacts[0].sourceKeys = ["vcard:1", "linkedin:www.linkedin.com/in/aino"]
        n.contacts[0].urls = ["https://aino.example"]
        let bytes = NetworkCodec.encode(n)
        checkEncode(n, "fields")
        XCTAssertTrue(checkDecode(bytes, "fields"))
        let back = try XCTUnwrap(NetworkCodec.decode(bytes).network)
        XCTAssertEqual(back.contacts, n.contacts)
        XCTAssertEqual(back.contacts[0].extra, [:])
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self).components(separatedBy: "\"sourceKeys\"").count, 2, "once: Bo has none")
    }

    func testEncoderEdgeCases() {
        var n = Self.rich
        // Unknown keys named like known ones (the known value wins), and a top-level "conflicts" while
        // there are none (then it is written).
        n.contacts[0].extra["name"] = .string("shadowed")
        n.contacts[0].extra["a"] = .null
        n.networks[0].extra["id"] = .number("1")
        n.interactions[0].followUp?.extra["due"] = .string("shadowed")
        n.conflicts = []
        n.extra["conflicts"] = .array([.string("kept")])
        n.extra["schemaVersion"] = .number("7")
        // Ids out of order, repeated, non-ASCII, canonically equivalent in other bytes (sorted by their bytes).
        n.contacts[1].id = "Zed"
        n.contacts[2].id = "Ä"
        n.contacts[3].id = "A\u{30A}"
        n.contacts[4].id = "é"
        n.contacts[5].id = "e\u{301}"
        n.contacts.append(n.contacts[1])
        n.contacts.reverse()
        // Numbers and dates outside the usual.
        n.networks[0].hoursPerMonth = .nan
        n.networks[1].hoursPerMonth = .infinity
        n.networks[2].costPerYear = 12.5
        n.networks[3].costPerYear = 1e300
        n.networks[0].bestBefore = Day(ordinal: -800_000)
        n.networks[1].lastActivity = Day(ordinal: 3_000_000)
        n.networks[2].lastActivity = Day(year: 1, month: 1, day: 1)
        n.contacts[0].created = Timestamp(seconds: -1)
        n.contacts[1].updated = Timestamp(seconds: 253_402_300_799)
        n.contacts[2].criteria = ["b": .one, "a": .ten, "Ä": .zero, "Z": .tenth]
        n.events[0].network = nil
        n.events[1].attendees = []
        n.me.extra = [:]
        checkEncode(n, "edge cases")
        checkDecode(NetworkCodec.encodeTree(n), "edge cases read back")
    }

    func testStreamedEncodingWritesTheSameBytesAndReportsAFailedWrite() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-stream-\(UUID().uuidString.prefix(8))").path
        defer { unlink(path) }
        for (network, buffer) in [(Self.rich, 64), (Self.rich, 4 << 20), (Network(), 64)] {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            XCTAssertNil(FastEncoder.encode(network, to: fd, bufferBytes: buffer))
            close(fd)
            XCTAssertEqual(try XCTUnwrap(Store.readBytes(path)), NetworkCodec.encode(network), "a buffer of \(buffer) bytes")
        }
        let readOnly = open(path, O_RDONLY)
        defer { close(readOnly) }
        XCTAssertEqual(FastEncoder.encode(Self.rich, to: readOnly, bufferBytes: 64), .failed(EBADF))
    }

    /// A save encodes a list of 2,048 items or more in blocks on several cores (`BlockWriter`): the
    /// bytes must be those of the one-piece encoder, with lists out of id order (sorted while
    /// written) and an item larger than a block's buffer.
    func testParallelSaveWritesTheSameBytes() throws {
        var n = Demo.network(today: testToday, contacts: 3_000, networks: 40, interactions: 6_000, seed: 5)
        var r = SplitMix64(seed: 11)
        n.contacts.shuffle(using: &r)
        n.interactions.shuffle(using: &r)
        n.contacts[1700].notes = String(repeating: "pitkä muistiinpano ", count: 100_000)
        XCTAssertGreaterThanOrEqual(n.contacts.count, 4 * FastEncoder.blockItems)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-blocks-\(UUID().uuidString.prefix(8))").path
        defer { unlink(path) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        XCTAssertNil(FastEncoder.encode(n, to: fd, bufferBytes: 4096))
        close(fd)
        XCTAssertEqual(try XCTUnwrap(Store.readBytes(path)), NetworkCodec.encode(n))
    }

    /// Blocks of every size, made by any number of workers with any backlog, reach the file in
    /// order; a failed write is reported and stops the making of blocks.
    func testBlockWriterWritesBlocksInOrder() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-blockwriter-\(UUID().uuidString.prefix(8))").path
        defer { unlink(path) }
        var r = SplitMix64(seed: 3)
        let sizes = (0..<300).map { _ in Int.random(in: 0..<3000, using: &r) }
        func block(_ k: Int) -> [UInt8] { Array("<\(k)>".utf8) + [UInt8](repeating: UInt8(k % 26) + 0x61, count: sizes[k]) }
        let expected = sizes.indices.flatMap(block)
        for (workers, waiting) in [(1, 4), (2, 1), (2, 4), (3, 2), (5, 1)] {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            var written = 0
            let failure = BlockWriter.write(blocks: sizes.count, to: fd, written: &written, maxBytes: .max, workers: workers,
                                            maxWaiting: waiting, bufferBytes: 16) { k, w in
                block(k).withUnsafeBufferPointer { w.write($0) }
            }
            close(fd)
            XCTAssertNil(failure)
            XCTAssertEqual(written, expected.count)
            XCTAssertEqual(try XCTUnwrap(Store.readBytes(path)), expected, "\(workers) workers, \(waiting) waiting")
        }
        let readOnly = open(path, O_RDONLY)
        defer { close(readOnly) }
        let made = Locked(0)
        var written = 0
        let failure = BlockWriter.write(blocks: 100, to: readOnly, written: &written, maxBytes: .max, workers: 1) { k, w in
            made.with { $0 += 1 }
            w.write(UInt8(ascii: "x"))
        }
        XCTAssertEqual(failure, .failed(EBADF))
        XCTAssertEqual(made.with { $0 }, 1)
    }

    /// The encoder writes into room sized by a sample of the lists; an item far larger than the
    /// sample makes it outgrow that room and go on elsewhere.
    func testEncoderOutgrowsItsSizeGuess() {
        var n = Network()
        n.contacts = (0..<200).map { Contact(id: String(format: "c%03d", $0), name: "N", created: Timestamp(seconds: 0)) }
        n.contacts[1].notes = String(repeating: "long notes ", count: 400_000)
        checkEncode(n, "one contact far larger than the sample")
    }

    // MARK: - Differential: mutated files

    func testSeededMutationsAgreeWithTheValidatingPath() throws {
        let base = try JSONParser.parse(NetworkCodec.encodeTree(Self.rich))
        var rng = SplitMix64(seed: 20_251_123)
        var taken = 0, valid = 0
        let rounds = 2_500
        for round in 0..<rounds {
            var tree = base
            for _ in 0..<Int.random(in: 0...3, using: &rng) { Mutation.apply(to: &tree, &rng) }
            var bytes: [UInt8]
            if Bool.random(using: &rng) {
                bytes = JSONWriter.write(tree)
            } else {
                var w = ScrambledWriter(seed: rng.next())
                w.duplicateKeys = Int.random(in: 0..<5, using: &rng) == 0
                w.write(tree)
                bytes = w.out
            }
            if Int.random(in: 0..<4, using: &rng) == 0 { Mutation.bytes(&bytes, &rng) }
            let slow = NetworkCodec.decodeTree(bytes)
            if checkDecode(bytes, "round \(round)", slow: slow) {
                taken += 1
            } else if slow.network != nil, slow.problems == slow.network?.referenceProblems() {
                // A valid file the fast path leaves: only for what it leaves on purpose.
                XCTAssert(Self.leftOnPurpose(bytes), "round \(round): the fast path gave up on a valid file")
            }
            if let network = slow.network {
                valid += 1
                checkEncode(network, "round \(round) written back")
            }
        }
        // The corpus exercises both sides: files the fast path takes and files it leaves.
        XCTAssertGreaterThan(taken, rounds / 5, "the fast path took too few files")
        XCTAssertLessThan(taken, rounds * 9 / 10, "too few files had anything for the fast path to give up on")
        print("FastCodecTests: the fast path took \(taken) of \(rounds) mutated files (\(valid) readable at all)")
    }

    /// Valid files the fast path leaves to the validating path: a byte-order mark, `{}` for a list.
    static func leftOnPurpose(_ bytes: [UInt8]) -> Bool {
        guard !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return true }
        guard case .object(let top)? = try? JSONParser.parse(bytes) else { return false }
        return ["contacts", "networks", "events", "interactions"].contains { top[$0] == .object([:]) }
    }

    func testHostileCorpus() throws {
        let dir = try makeTempDir(self)
        for c in HostileCorpus.cases {
            let path = dir + "/" + c.name
            try c.make(path)
            guard let bytes = try? Store.readBytes(path) else { continue }  // folders, links, too large
            checkDecode(bytes, c.name)
            XCTAssertNil(FastDecoder.decode(bytes).flatMap { $0.referenceProblems().isEmpty ? $0 : nil }, "\(c.name): taken as valid")
        }
    }

    func testImportFixturesReadAndWriteAlike() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            let raw = try XCTUnwrap(FileManager.default.contents(atPath: folder + "/" + name)).map { $0 }
            checkDecode(raw, name)  // not a data file: both paths refuse it
            guard let format = Importer.detect(raw), let records = try? Importer.parse(raw, path: name, format: format) else { continue }
            var next = 0
            var network = Network()
            network.apply(Importer.merge(records, into: network, now: Timestamp(seconds: 1_700_000_000)) {
                next += 1
                return "id-\(next)"
            }.changes)
            checkEncode(network, name)
            XCTAssert(checkDecode(NetworkCodec.encodeTree(network), "\(name) imported"), "\(name): the fast path gave up on an imported file")
        }
    }

    // MARK: - Parts

    func testDaysAndTimestampsFromBytesAgreeWithTheStringParsers() {
        var rng = SplitMix64(seed: 5)
        let alphabet = Array("0123456789-T:Z.+ ".utf8) + [0xC3, 0xA4]
        let samples = ["2024-02-29", "2023-02-29", "0000-01-01", "0001-01-01", "9999-12-31", "2025-13-01", "2025-00-10",
                       "2025-01-02T23:59:60Z", "2025-01-02T24:00:00Z", "2025-01-02T10:60:00Z", "2025-01-02T10:00:00z",
                       "2025-01-02 10:00:00Z", "+025-01-02T10:00:00Z", "2025-1-02T10:00:00Z"].map { Array($0.utf8) }
        for i in 0..<200_000 {
            var s: [UInt8]
            if i < samples.count {
                s = samples[i]
            } else {
                // Mostly well-formed with one or two bytes changed.
                let day = Day(ordinal: Int.random(in: -800_000...3_000_000, using: &rng))
                s = Array((Timestamp(seconds: Int64(day.ordinal) * 86_400 + Int64.random(in: 0..<86_400, using: &rng))).description.utf8)
                if Bool.random(using: &rng) { s = Array(s.prefix(10)) }
                for _ in 0..<Int.random(in: 0...2, using: &rng) {
                    s[Int.random(in: 0..<s.count, using: &rng)] = alphabet.randomElement(using: &rng)!
                }
            }
            let string = String(decoding: s, as: UTF8.self)
            s.withUnsafeBufferPointer { b in
                if s.count == 10 { XCTAssertEqual(FastDecoder.day(b), Day(iso: string), string) }
                if s.count == 20 { XCTAssertEqual(Timestamp(utc: b), Timestamp(iso: string), string) }
            }
        }
    }

    func testKeyTablesAreTheWrittenKeyOrder() throws {
        // Each table lists exactly the keys the tree writer writes for its kind of object, in order.
        let json = try JSONParser.parse(NetworkCodec.encodeTree(Self.demo))
        func keys(_ path: String...) -> [String]? {
            guard case .object(let o)? = TestSupport.lookup(json, path: path) else { return nil }
            return o.keys.sorted().map(\.text)
        }
        let withFollowUp = try XCTUnwrap(Self.demo.interactions.sorted { $0.id < $1.id }.firstIndex { $0.followUp != nil })
        let withHistory = try XCTUnwrap(Self.demo.contacts.sorted { $0.id < $1.id }.firstIndex { !$0.ratingHistory.isEmpty })
        XCTAssertEqual(Keys.top.names.filter { $0 != "conflicts" }, keys())
        XCTAssertEqual(Keys.contact.names.filter { $0 != "sourceKeys" && $0 != "urls" }, keys("contacts", "0"))
        let imported = try XCTUnwrap(Self.rich.contacts.sorted { $0.id < $1.id }.firstIndex { !$0.sourceKeys.isEmpty && !$0.urls.isEmpty })
        let richJSON = try JSONParser.parse(NetworkCodec.encodeTree(Self.rich))
        guard case .object(let o)? = TestSupport.lookup(richJSON, path: ["contacts", "\(imported)"]) else { return XCTFail("no contact") }
        XCTAssertEqual(Keys.contact.names, o.keys.map(\.text).filter { Keys.contact.names.contains($0) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        XCTAssertEqual(Keys.ratingChange.names, keys("contacts", "\(withHistory)", "ratingHistory", "0"))
        XCTAssertEqual(Keys.group.names, keys("networks", "0"))
        XCTAssertEqual(Keys.event.names, keys("events", "0"))
        XCTAssertEqual(Keys.interaction.names, keys("interactions", "0"))
        XCTAssertEqual(Keys.followUp.names, keys("interactions", "\(withFollowUp)", "followUp"))
    }

    /// A list big enough to be read in parallel chunks (over 1 MiB), with the default chunk sizes.
    /// `FileWindows.find` over a stretch long enough to be searched in parts on every core finds
    /// the first needle wherever it is: in the first part, straddling a part's end, in the last
    /// bytes, twice (the first wins), or nowhere; as a search of all the bytes at once does.
    func testFindingInAFileInPartsFindsTheFirstNeedle() throws {
        let needle = Array("\n  ]".utf8)
        let filler = Array("x]\n ]  ]\n  x, ".utf8)
        let size = 2 * FileWindows.partBytes + 12_345
        var bytes = [UInt8](repeating: 0, count: size)
        for i in bytes.indices { bytes[i] = filler[i % filler.count] }
        let (from, to) = (5, size - 3)
        let middle = from + (to - from) / 2
        let cases: [(String, [Int])] = [
            ("nowhere", []), ("first part", [from + 100]), ("straddling the middle", [middle - 2]),
            ("at the middle", [middle]), ("last bytes", [to - needle.count]), ("twice", [middle + 10, from + 7]),
            ("cut by the end", [to - 2]),
        ]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-find-\(UUID().uuidString.prefix(8))").path
        defer { unlink(path) }
        for (label, places) in cases {
            var file = bytes
            for at in places { for k in needle.indices where at + k < size { file[at + k] = needle[k] } }
            XCTAssert(FileManager.default.createFile(atPath: path, contents: Data(file)), label)
            let fd = open(path, O_RDONLY)
            defer { close(fd) }
            let windows = try XCTUnwrap(FileWindows(fd: fd, size: size, windowBytes: 1 << 20), label)
            let expected = file.withUnsafeBufferPointer { findBytes(needle, in: $0.baseAddress!, from: from, to: to) }
            XCTAssertEqual(windows.find(needle, from: from, to: to), expected, label)
        }
    }

    func testBigListsInParallelChunks() throws {
        var n = Self.rich
        let contacts = n.contacts, interactions = n.interactions
        n.contacts = (0..<3_000).map { i in
            var c = contacts[i % contacts.count]
            c.id = String(format: "c%05d", i)
            c.notes = String(repeating: "notes \(i) ", count: 20)
            return c
        }
        n.interactions = (0..<6_000).map { i in
            var x = interactions[i % interactions.count]
            x.id = String(format: "i%05d", i)
            x.contact = String(format: "c%05d", i % 3_000)
            return x
        }
        checkEncode(n, "big")
        let bytes = NetworkCodec.encodeTree(n)
        XCTAssertGreaterThan(bytes.count, 4 * FastDecoder.minChunkBytes)
        let serial = try XCTUnwrap(FastDecoder.decode(bytes, chunks: 1))
        XCTAssert(serial == NetworkCodec.decodeTree(bytes).network)
        for chunks in [2, 3, 4, 8] { XCTAssert(FastDecoder.decode(bytes, chunks: chunks) == serial, "\(chunks) chunks") }
        // The same list with split points that are not item starts (a line-initial `{` inside an item).
        var tree = try JSONParser.parse(bytes)
        setKey(&tree, ["contacts", "1500"], "nested", .array([.object(["a": .number("1")]), .object(["b": .number("2")])]))
        var indented = JSONWriter.write(tree)
        indented = Array(text(indented).replacingOccurrences(of: "\n        {", with: "\n    {").utf8)
        let expected = NetworkCodec.decodeTree(indented).network
        XCTAssertNotNil(expected)
        for chunks in [1, 2, 4] {
            XCTAssert(FastDecoder.decode(indented, chunks: chunks, minChunkBytes: 4096) == expected, "\(chunks) chunks, misleading layout")
        }
    }
}

// MARK: - Making mutated files

/// Writes JSON in a random valid layout: keys in any order, any white space, strings with random
/// `\u` escapes (surrogate pairs above U+FFFF), `\/`; optionally a key twice.
struct ScrambledWriter {
    var rng: SplitMix64
    var out: [UInt8] = []
    var duplicateKeys = false

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func space() {
        for _ in 0..<Int.random(in: 0...2, using: &rng) {
            out.append(contentsOf: [" ", "\n", "\t", "\r\n", "  "].randomElement(using: &rng)!.utf8)
        }
    }

    mutating func write(_ value: JSON) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let t): out.append(contentsOf: t.utf8)
        case .string(let s): string(s)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            space()
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")); space() }
                write(item)
                space()
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            space()
            var keys = members.keys.map(\.text).shuffled(using: &rng)
            if duplicateKeys, let k = keys.randomElement(using: &rng), Int.random(in: 0..<4, using: &rng) == 0 {
                keys.insert(k, at: Int.random(in: 0...keys.count, using: &rng))
            }
            for (i, key) in keys.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")); space() }
                string(key)
                space()
                out.append(UInt8(ascii: ":"))
                space()
                write(members[JSONKey(key)]!)
                space()
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    mutating func string(_ s: String) {
        out.append(UInt8(ascii: "\""))
        let escapeSome = Int.random(in: 0..<3, using: &rng) == 0
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v == 0x22 { out.append(contentsOf: #"\""#.utf8); continue }
            if v == 0x5C { out.append(contentsOf: #"\\"#.utf8); continue }
            if v < 0x20 || (escapeSome && Int.random(in: 0..<4, using: &rng) == 0) {
                if v == 0x2F, Bool.random(using: &rng) { out.append(contentsOf: #"\/"#.utf8); continue }
                if v == 0x0A, Bool.random(using: &rng) { out.append(contentsOf: #"\n"#.utf8); continue }
                if v > 0xFFFF {
                    let x = v - 0x10000
                    hex(0xD800 + (x >> 10))
                    hex(0xDC00 + (x & 0x3FF))
                } else {
                    hex(v)
                }
                continue
            }
            out.append(contentsOf: String(Character(scalar)).utf8)
        }
        out.append(UInt8(ascii: "\""))
    }

    mutating func hex(_ v: UInt32) {
        let digits = String(v, radix: 16, uppercase: Bool.random(using: &rng))
        out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - digits.count) + digits).utf8)
    }
}

/// Random changes to a document: at the tree level (keys deleted, renamed, added; values of the wrong
/// type, off the scale, unusual but valid) and at the byte level.
enum Mutation {
    static let values: [JSON] = [
        .null, .bool(true), .bool(false), .string(""), .string("x"), .string("Ä東"), .number("0"), .number("0.1"),
        .number("1"), .number("10"), .number("1.0"), .number("1e1"), .number("-0"), .number("0.10"), .number("-1"),
        .number("2.5"), .number("1e999"), .number("12345678901234567890"), .number("3"), .array([]), .object([:]),
        .array([.string("a")]), .array([.number("1")]), .object(["a": .number("1")]), .object(["x": .number("0.1")]),
        .string("2025-01-02"), .string("2025-01-02T10:00:00Z"), .string("2025-13-01"), .string("2024-02-29"),
        .string("2023-02-29"), .string("2025-01-02T10:00:00+02:00"), .string("2025-01-02T10:00:00.5Z"),
        .string("2025-01-02T25:00:00Z"), .string("keep"), .string("leave"), .string("windDown"), .string("reviewLater"),
        .string("meeting"), .string("referral"), .string("customer"), .string("peer"), .string("trust"), .string("competence"),
        .string("now"), .string("future"), .string("c1"), .number("2"), .number("99"),
        .object(["kind": .string("leave"), "date": .string("2025-01-02")]),
        .object(["kind": .string("keep"), "date": .string("2025-01-02"), "reason": .number("5"), "until": .string("x")]),
        .object(["due": .string("2025-01-02")]), .object(["due": .string("2025-01-02"), "done": .null, "what": .string("w")]),
        .object(["date": .string("2025-01-02"), "toNow": .number("10")]),
    ]

    /// Known keys, and one canonically equivalent to a known key but of other bytes (KELVIN SIGN).
    static let keyNames = Keys.contact.names + Keys.group.names + Keys.interaction.names + Keys.top.names + ["source\u{212A}eys"]
        + ["kind", "date", "reason", "until", "by", "handover", "due", "done", "what", "key", "rising", "threshold",
           "quadrants", "exitRules", "silenceDays", "axis", "unknownKey", "n\u{e4}me", "na\u{308}me", "\u{1F600}"]

    static func apply(to tree: inout JSON, _ rng: inout SplitMix64) {
        var paths: [[String]] = []
        collect(tree, [], &paths)
        let path = paths.randomElement(using: &rng)!
        modify(&tree, path[...]) { node in
            switch node {
            case .object(var o):
                switch Int.random(in: 0..<5, using: &rng) {
                case 0: if let k = o.keys.randomElement(using: &rng) { o[k] = nil }
                case 1, 2: if let k = o.keys.randomElement(using: &rng) { o[k] = values.randomElement(using: &rng)! }
                case 3: o[JSONKey(keyNames.randomElement(using: &rng)!)] = values.randomElement(using: &rng)!
                default:
                    if let k = o.keys.randomElement(using: &rng) {
                        let v = o[k]
                        o[k] = nil
                        o[JSONKey(keyNames.randomElement(using: &rng)!)] = v
                    }
                }
                node = .object(o)
            case .array(var a):
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: if !a.isEmpty { a.remove(at: Int.random(in: 0..<a.count, using: &rng)) }
                case 1: if let x = a.randomElement(using: &rng) { a.append(x) }
                default: a.append(values.randomElement(using: &rng)!)
                }
                node = .array(a)
            default:
                node = values.randomElement(using: &rng)!
            }
        }
    }

    /// Every path to an object or array, and to some values.
    static func collect(_ v: JSON, _ path: [String], _ out: inout [[String]]) {
        switch v {
        case .object(let o):
            out.append(path)
            for (k, x) in o { collect(x, path + [k.text], &out) }
        case .array(let a):
            out.append(path)
            for (i, x) in a.enumerated() { collect(x, path + [String(i)], &out) }
        default:
            out.append(path)
        }
    }

    static func modify(_ v: inout JSON, _ path: ArraySlice<String>, _ change: (inout JSON) -> Void) {
        guard let first = path.first else { return change(&v) }
        switch v {
        case .object(var o):
            modify(&o[JSONKey(first)]!, path.dropFirst(), change)
            v = .object(o)
        case .array(var a):
            modify(&a[Int(first)!], path.dropFirst(), change)
            v = .array(a)
        default:
            break
        }
    }

    static let interestingBytes: [UInt8] = Array("\"\\,:{}[]0n .e-1tf".utf8) + [0x00, 0x0A, 0x7F, 0xC3, 0xA4, 0xFF, 0xEF, 0xBB, 0xBF]

    static func bytes(_ b: inout [UInt8], _ rng: inout SplitMix64) {
        guard !b.isEmpty else { return }
        let i = Int.random(in: 0..<b.count, using: &rng)
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: b[i] = interestingBytes.randomElement(using: &rng)!
        case 1: b.remove(at: i)
        case 2: b.insert(interestingBytes.randomElement(using: &rng)!, at: i)
        case 3: b = Array(b[..<i])
        default: b = [0xEF, 0xBB, 0xBF] + b
        }
    }
}
