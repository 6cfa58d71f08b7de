// The hostile data files of docs/RELIABILITY.md, made on the fly in a temp folder (the largest is
// 200 MB, so none is committed). Shared by the NetModel tests (Store.load, HostileFileTests) and the
// NetTUI tests (`nettui check`, CheckCorpusTests) through the TestSupport target.
import Foundation
import NetModel
import Plumbing
import NetStore

public enum HostileCorpus {
    public enum Expect: Equatable, Sendable {
        /// Refused, with this text in the message or in one of its problems.
        case refused(String)
        /// Opened read-only, with this text in the reason.
        case readOnly(String)

        public var text: String {
            switch self {
            case .refused(let t), .readOnly(let t): return t
            }
        }
    }

    public struct Case: Sendable {
        public var name: String
        public var expect: Expect
        /// Creates the hostile file (or folder, or link) at the given path.
        public var make: @Sendable (String) throws -> Void
    }

    /// A small valid document the cases below break one thing in.
    static let valid = #"{"schemaVersion": 1, "me": {"name": "Märta Øberg"}, "contacts": [{"id": "c1", "name": "Aino Järvinen", "importanceNow": 10}, {"id": "c2", "name": "東京 Bo"}], "networks": [{"id": "n1", "name": "Golf", "members": ["c1", "c2"]}], "interactions": [{"id": "i1", "contact": "c1", "date": "2025-01-02"}]}"#

    static let bigStringBytes = 200_000_000
    static let deepNesting = 100_000

    static func write(_ path: String, _ bytes: [UInt8]) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw CocoaError(.fileWriteUnknown) }
    }

    static func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }

    /// `valid` with `old` (which must occur once) replaced.
    static func valid(replacing old: String, with new: [UInt8]) -> [UInt8] {
        let v = Array(valid.utf8), o = Array(old.utf8)
        guard let i = (0...(v.count - o.count)).first(where: { v[$0..<($0 + o.count)].elementsEqual(o) }) else { fatalError("\(old) not in valid") }
        return Array(v[..<i]) + new + Array(v[(i + o.count)...])
    }

    static func valid(replacing old: String, with new: String) -> [UInt8] { valid(replacing: old, with: Array(new.utf8)) }

    /// Writes `head`, then `count` copies of `byte`, then `tail`, a megabyte at a time.
    public static func writeRepeated(_ path: String, head: String, byte: UInt8, count: Int, tail: String) throws {
        guard let h = FileHandle(forWritingAtPath: path) ?? {
            FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil
        }() else { throw CocoaError(.fileWriteUnknown) }
        defer { try? h.close() }
        try h.write(contentsOf: Data(head.utf8))
        let chunk = Data(repeating: byte, count: 1 << 20)
        var left = count
        while left > 0 {
            let n = min(left, chunk.count)
            try h.write(contentsOf: n == chunk.count ? chunk : chunk.prefix(n))
            left -= n
        }
        try h.write(contentsOf: Data(tail.utf8))
    }

    /// A realistic file: the demo network's encoding.
    static let demo: [UInt8] = NetworkCodec.encode(Demo.network(today: Day(year: 2025, month: 3, day: 14)!))

    public static let cases: [Case] = [
        // Truncated: mid-document after a comma, inside a multi-byte character of a string, the last brace.
        Case(name: "truncated-midway", expect: .refused("unexpected end of file")) { path in
            let d = demo
            var cut = d.count / 2
            while !(d[cut - 2] == UInt8(ascii: ",") && d[cut - 1] == 0x0A) { cut += 1 }
            try write(path, Array(d[..<cut]))
        },
        Case(name: "truncated-in-character", expect: .refused("unterminated string")) { path in
            let d = demo
            let lead = d.firstIndex { $0 >= 0xC2 }!
            try write(path, Array(d[...lead]))
        },
        Case(name: "truncated-last-brace", expect: .refused("unexpected end of file inside an object")) { path in
            try write(path, Array(demo.dropLast(2)))
        },
        // Wrong types.
        Case(name: "wrong-type-top-level", expect: .refused("expected an object, found")) { path in try write(path, "[1, 2, 3]") },
        Case(name: "wrong-type-contacts", expect: .refused("top level.contacts: expected an array")) { path in
            try write(path, valid(replacing: #""contacts": ["#, with: #""contacts": "Aino", "x": ["#))
        },
        Case(name: "wrong-type-rating", expect: .refused("importanceNow: expected a number, found a string")) { path in
            try write(path, valid(replacing: #""importanceNow": 10"#, with: #""importanceNow": "high""#))
        },
        Case(name: "wrong-type-schema-version", expect: .refused("top level.schemaVersion: expected a number, found a string")) { path in
            try write(path, valid(replacing: #""schemaVersion": 1"#, with: #""schemaVersion": "1""#))
        },
        // Duplicates and dangling references.
        Case(name: "duplicate-ids", expect: .refused("id c1 is already used by contacts[0]")) { path in
            try write(path, valid(replacing: #""id": "c2""#, with: #""id": "c1""#))
        },
        Case(name: "duplicate-key", expect: .refused("duplicate key \"name\"")) { path in
            try write(path, valid(replacing: #""name": "Golf""#, with: #""name": "Golf", "name": "Tennis""#))
        },
        Case(name: "dangling-interaction", expect: .refused("refers to contact c9, which does not exist")) { path in
            try write(path, valid(replacing: #""contact": "c1""#, with: #""contact": "c9""#))
        },
        Case(name: "dangling-member", expect: .refused("refers to contact ghost, which does not exist")) { path in
            try write(path, valid(replacing: #"["c1", "c2"]"#, with: #"["c1", "ghost"]"#))
        },
        Case(name: "many-duplicate-ids", expect: .refused("id same is already used by contacts[0]")) { path in
            let contacts = (0..<50_000).map { #"{"id": "same", "name": "N\#($0)"}"# }.joined(separator: ",\n")
            try write(path, #"{"schemaVersion": 1, "contacts": ["# + contacts + "]}")
        },
        // Size and depth.
        Case(name: "string-200MB", expect: .refused("a string longer than 16 MiB")) { path in
            try writeRepeated(path, head: #"{"schemaVersion": 1, "contacts": [{"id": "c1", "name": "Big", "notes": ""#,
                              byte: UInt8(ascii: "x"), count: bigStringBytes, tail: #""}]}"#)
        },
        Case(name: "file-1GiB-sparse", expect: .refused("is too large: a data file may be at most 256 MiB")) { path in
            try write(path, valid)
            guard truncate(path, 1 << 30) == 0 else { throw CocoaError(.fileWriteUnknown) }
        },
        Case(name: "nesting-100000-arrays", expect: .refused("nesting deeper than 256 levels")) { path in
            try write(path, String(repeating: "[", count: deepNesting) + String(repeating: "]", count: deepNesting))
        },
        Case(name: "nesting-100000-objects-in-a-contact", expect: .refused("nesting deeper than 256 levels")) { path in
            let deep = String(repeating: #"{"a": "#, count: deepNesting) + "1" + String(repeating: "}", count: deepNesting)
            try write(path, valid(replacing: #""importanceNow": 10"#, with: #""importanceNow": 10, "x": "# + deep))
        },
        Case(name: "long-number", expect: .refused("is not a usable number")) { path in
            try write(path, valid(replacing: #""importanceNow": 10"#, with: #""importanceNow": "# + String(repeating: "9", count: 1_000_000)))
        },
        Case(name: "huge-exponent", expect: .refused("1e999999 is not a usable number")) { path in
            try write(path, valid(replacing: #""importanceNow": 10"#, with: #""importanceNow": 1e999999"#))
        },
        // Encodings.
        Case(name: "invalid-utf8-latin1", expect: .refused("invalid UTF-8 in a string")) { path in
            try write(path, valid(replacing: "Järvinen", with: [0x4A, 0xE4, 0x72, 0x76, 0x69, 0x6E, 0x65, 0x6E]))
        },
        Case(name: "invalid-utf8-overlong", expect: .refused("invalid UTF-8 in a string")) { path in
            try write(path, valid(replacing: "Bo", with: [0x42, 0xC0, 0xAF]))
        },
        Case(name: "invalid-utf8-surrogate", expect: .refused("invalid UTF-8 in a string")) { path in
            try write(path, valid(replacing: "Bo", with: [0x42, 0xED, 0xA0, 0x80]))
        },
        Case(name: "invalid-utf8-in-key", expect: .refused("invalid UTF-8 in a string")) { path in
            try write(path, valid(replacing: #""me""#, with: [0x22, 0x6D, 0xFF, 0x22]))
        },
        Case(name: "invalid-utf8-after-document", expect: .refused("unexpected text after the end of the document")) { path in
            try write(path, Array(valid.utf8) + [0xFF, 0xFE])
        },
        Case(name: "utf16", expect: .refused("unexpected character (byte 0xFF)")) { path in
            try write(path, [0xFF, 0xFE] + valid.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        },
        Case(name: "nul-bytes", expect: .refused("unexpected character (byte 0x0)")) { path in
            try write(path, valid(replacing: #""me": "#, with: [0x22, 0x6D, 0x65, 0x22, 0x3A, 0x00, 0x00]))
        },
        // From the future.
        Case(name: "future-schema", expect: .readOnly("schemaVersion 99 is newer than this program supports (1)")) { path in
            try write(path, valid(replacing: #""schemaVersion": 1"#, with: #""schemaVersion": 99, "teleporters": [{"id": "t1"}]"#))
        },
        // Not a JSON file at all.
        Case(name: "empty", expect: .refused("the file is empty")) { path in try write(path, []) },
        Case(name: "whitespace-only", expect: .refused("the file is empty")) { path in try write(path, " \n\t\r\n") },
        Case(name: "binary", expect: .refused("unexpected character (byte 0x7F)")) { path in
            var rng = Random(seed: 7)
            try write(path, [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + (0..<65_536).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
        },
        Case(name: "directory", expect: .refused("is a folder, not a data file")) { path in
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            try write(path + "/inside.json", valid)
        },
        Case(name: "symlink-loop", expect: .refused("Too many levels of symbolic links")) { path in
            guard symlink(Store.baseName(of: path), path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        },
    ]

    /// What a file (or folder) looks like, to show that reading it changed nothing: its stat, its
    /// bytes when small, and the names in its folder.
    public struct Snapshot: Equatable {
        public var size: Int64, inode: UInt64, mode: UInt32
        public var mtime: [Int], ctime: [Int]
        public var bytes: Data?
        public var folder: [String]

        public init(_ path: String) {
            var st = stat()
            if lstat(path, &st) != 0 { st = stat() }
            size = Int64(st.st_size)
            inode = UInt64(st.st_ino)
            mode = UInt32(st.st_mode)
            mtime = [st.st_mtim.tv_sec, st.st_mtim.tv_nsec]
            ctime = [st.st_ctim.tv_sec, st.st_ctim.tv_nsec]
            bytes = (st.st_mode & S_IFMT) == S_IFREG && st.st_size < 16 << 20 ? FileManager.default.contents(atPath: path) : nil
            folder = ((try? FileManager.default.contentsOfDirectory(atPath: Store.directory(of: path))) ?? []).sorted()
        }
    }

    /// A small seeded generator, so that a failing run can be replayed.
    public typealias Random = SplitMix64
}
