import Foundation
import Plumbing

/// Text folding for search: lower case, accents dropped, and the Nordic letters that have no
/// decomposition spelled out, so "jarvinen" finds "Järvinen" and "sorensen" finds "Sørensen".
public enum SearchText {
    public static func fold(_ text: String) -> String {
        foldFast(text) ?? foldUnicode(text)
    }

    /// The general rule: Unicode lower case, canonical decomposition, accents dropped, and the
    /// letters without a decomposition spelled out. `fold` gives the same for any text.
    static func foldUnicode(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue  // combining accents
            case 0x00F8: out.append("o")  // ø
            case 0x00E6: out.append("a"); out.append("e")  // æ
            case 0x0153: out.append("o"); out.append("e")  // œ
            case 0x00DF: out.append("s"); out.append("s")  // ß
            case 0x0111, 0x00F0: out.append("d")  // đ ð
            case 0x0142: out.append("l")  // ł
            case 0x00FE: out.append("t"); out.append("h")  // þ
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Below this scalar the fast path of `fold` knows each scalar's fold: Latin, IPA, spacing
    /// modifiers, combining accents, Greek and Cyrillic.
    static let tableLimit: UInt32 = 0x0530

    /// The fold of each scalar below `tableLimit`, as UTF-8, worked out once by `foldUnicode`; nil
    /// for the few whose fold keeps a combining mark (the fast path leaves text with those alone).
    static let scalarFolds: [[UInt8]?] = (0..<tableLimit).map { v in
        let folded = foldUnicode(String(Unicode.Scalar(v)!))
        let marked = folded.unicodeScalars.contains { $0.properties.canonicalCombiningClass != .notReordered }
        return marked ? nil : Array(folded.utf8)
    }

    /// The fast path of `fold`, for text whose scalars are all below `tableLimit`, CJK ideographs
    /// or Hangul syllables; nil for any other text. On such text `foldUnicode` works scalar by
    /// scalar: lower-casing maps each scalar on its own, and canonical decomposition only reorders
    /// combining marks, which are all dropped (entries that would keep one are nil), so the fold of
    /// the text is the folds of its scalars in a row. ScaleRulesTests checks this against `foldUnicode`.
    static func foldFast(_ text: String) -> String? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var upper = false, ascii = true
            for b in bytes {
                if b >= 0x80 { ascii = false; break }
                if b &- 0x41 < 26 { upper = true }
            }
            if ascii {
                // The most common text: ASCII, folded to lower case (or left as it is).
                guard upper else { return text }
                return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                    for (n, b) in bytes.enumerated() { buffer[n] = SearchText.lower(b) }
                    return bytes.count
                }
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 8)
            let folds = scalarFolds
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    out.append(lower(b))
                    i += 1
                } else if b < 0xE0 {
                    // Two bytes: U+0080 to U+07FF.
                    let v = Int(b & 0x1F) << 6 | Int(bytes[i + 1] & 0x3F)
                    guard v < folds.count, let folded = folds[v] else { return nil }
                    out.append(contentsOf: folded)
                    i += 2
                } else if b < 0xF0 {
                    // Three bytes: U+0800 to U+FFFF.
                    let v = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    if (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) {
                        // CJK ideographs: no case, no decomposition.
                        out.append(contentsOf: bytes[i..<(i + 3)])
                    } else if (0xAC00...0xD7A3).contains(v) {
                        // A Hangul syllable decomposes into its conjoining jamo (the Unicode standard, 3.12).
                        let index = v - 0xAC00
                        appendJamo(0x1100 + index / 588, to: &out)
                        appendJamo(0x1161 + index % 588 / 28, to: &out)
                        if index % 28 > 0 { appendJamo(0x11A7 + index % 28, to: &out) }
                    } else {
                        return nil
                    }
                    i += 3
                } else {
                    return nil
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? nil
    }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    /// A conjoining jamo (U+1100 to U+11FF) in UTF-8.
    private static func appendJamo(_ v: UInt32, to out: inout [UInt8]) {
        out.append(0xE1)
        out.append(0x80 | UInt8(v >> 6 & 0x3F))
        out.append(0x80 | UInt8(v & 0x3F))
    }

    /// The words of a query, folded; a text matches when it contains every word.
    public static func words(_ query: String) -> [String] {
        fold(query).split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }

    public static func matches(_ foldedText: String, words: [String]) -> Bool {
        words.allSatisfy { foldedText.contains($0) }
    }
}

extension Contact {
    /// Everything `/` searches, folded: name, organisation, role, tags, competences, needs, notes.
    public var searchText: String {
        SearchText.fold(([name, organization, role] + tags + competences + needs + [notes, emails.joined(separator: " ")])
            .joined(separator: "\n"))
    }
}

/// A `/` filter: words that must all appear in a contact's searchable text, `field:value` terms that
/// match one field — `kind:customer`, `tag:design`, `stage:trust`, `owner:kaisa` — and the word
/// `mine`: the contacts whose owner is me (`me.name`).
public struct ContactQuery: Sendable {
    public var words: [String] = []
    public var terms: [(field: String, value: String)] = []

    public static let fields = ["kind", "tag", "stage", "owner"]

    public init(_ text: String, me: String = "") {
        for word in SearchText.words(text) {
            if word == "mine", !me.isEmpty {
                terms.append(("owner", SearchText.fold(me)))
            } else if let colon = word.firstIndex(of: ":"), Self.fields.contains(String(word[..<colon])), word.index(after: colon) < word.endIndex {
                terms.append((String(word[..<colon]), String(word[word.index(after: colon)...])))
            } else {
                words.append(word)
            }
        }
    }

    public var isEmpty: Bool { words.isEmpty && terms.isEmpty }

    public func matches(_ c: Contact) -> Bool {
        for (field, value) in terms {
            let candidates: [String]
            switch field {
            case "kind": candidates = c.kinds.map(\.rawValue)
            case "tag": candidates = c.tags
            case "stage": candidates = [c.stage.rawValue]
            default: candidates = [c.owner]
            }
            // A value matches the start of a field's word: owner:kaisa finds "Kaisa Virtanen".
            guard candidates.contains(where: { candidate in
                let folded = SearchText.fold(candidate)
                return folded.split(separator: " ").contains { $0.hasPrefix(value) } || folded == value
            }) else {
                return false
            }
        }
        return words.isEmpty || SearchText.matches(c.searchText, words: words)
    }
}

extension SearchText {
    /// The positions of `folded` (names folded with `fold`) in name order, names alike by `ids`:
    /// the order `String` comparison gives, reached through sort keys (at 100,000 contacts, sorting
    /// by `String` itself is most of the time the dashboard takes to build its first frame).
    public static func order(byFolded folded: [String], ids: [String], minimumRun: Int = 4096) -> [Int] {
        let keys = parallelMap(count: folded.count) { SortKey(folded[$0]) }
        return SortKey.ranked([UInt8](repeating: 0, count: folded.count), keys: keys, ids: ids, minimumRun: minimumRun)  // no figure to rank by
    }

    /// `order(byFolded:ids:)` of contacts whose names folded are `folded`.
    public static func order(byFolded folded: [String], of contacts: [Contact]) -> [Int] {
        order(byFolded: folded, ids: parallelMap(contacts) { $0.id })
    }

    /// Each contact's name folded (`fold`), on every core.
    public static func foldedNames(of contacts: [Contact]) -> [String] {
        parallelMap(contacts) { fold($0.name) }
    }
}
