import Foundation

/// Text folding for search: lower case, accents dropped, and the Nordic letters that have no
/// decomposition spelled out, so "jarvinen" finds "Järvinen" and "sorensen" finds "Sørensen".
public enum SearchText {
    public static func fold(_ text: String) -> String {
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
            guard candidates.contains(where: { SearchText.fold($0).split(separator: " ").contains { $0.hasPrefix(value) } || SearchText.fold($0) == value }) else {
                return false
            }
        }
        return words.isEmpty || SearchText.matches(c.searchText, words: words)
    }
}
