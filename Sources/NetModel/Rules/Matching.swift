import Plumbing

/// Matchmaking between what people want and what they have: a contact's needs against another's
/// competences (introductions), my seeks against their competences (my ask), my offers against their
/// needs (my offer). Terms are short free-text phrases ("mobile app development", "markkinointi"),
/// so matching works on whole words after normalising; docs/BRIEFING.md explains it with examples.
public enum Matching {
    /// Normalised terms: case-, diacritic- and plural-insensitive; multi-word terms kept as phrases.
    ///
    /// The term is folded like search text (lower case, accents dropped, ø → o, æ → ae, ß → ss …),
    /// cut into words at anything that is not a letter, a digit, `+` or `#` ("fi/sv/da" is three
    /// words, "C++" stays one), and each word loses an English plural ending (see `singular`). The
    /// words are joined with single spaces: "  Mobile   Apps " → "mobile app".
    public static func normalize(_ term: String) -> String {
        words(term).joined(separator: " ")
    }

    /// True when two terms meet: equal after normalising, or one phrase contains the other as whole
    /// words ("mobile app" meets "Mobile apps"; "IT" never matches inside "marketing"). An empty
    /// term meets nothing.
    public static func meets(_ a: String, _ b: String) -> Bool {
        meets(words(a), words(b))
    }

    /// The terms of `wants` that some term of `has` meets (the words to show), in the order of
    /// `wants`; a term that normalises like an earlier one is listed once.
    public static func matches(wants: [String], has: [String]) -> [String] {
        matches(wants: wants.map(Term.init), has: has.map(words).filter { !$0.isEmpty })
    }

    /// A term with its words, worked out once for matching it many times.
    struct Term {
        var text: String
        var words: [String]

        init(_ text: String) {
            self.text = text
            words = Matching.words(text)
        }
    }

    /// `matches(wants:has:)` on terms already cut into words; `has` holds no empty word list.
    static func matches(wants: [Term], has: [[String]]) -> [String] {
        var seen: Set<[String]> = []
        var out: [String] = []
        for term in wants {
            let w = term.words
            guard !w.isEmpty, !seen.contains(w), has.contains(where: { meets(w, $0) }) else { continue }
            seen.insert(w)
            out.append(term.text.trimmingWhitespace)
        }
        return out
    }

    /// True when `query` is close to `candidate`, for "did you mean" lists: after folding case and
    /// accents, one contains the other, or the query is a small edit distance (at most 1 for short
    /// queries, 2 from 6 characters, 3 from 12) from the candidate or from as many consecutive words
    /// of it as the query has ("breakfst" is close to "Business Breakfast").
    public static func isClose(_ query: String, to candidate: String) -> Bool {
        let q = SearchText.fold(query.trimmingWhitespace), c = SearchText.fold(candidate.trimmingWhitespace)
        guard !q.isEmpty, !c.isEmpty else { return false }
        if c.contains(q) || q.contains(c) { return true }
        let limit = q.count >= 12 ? 3 : q.count >= 6 ? 2 : 1
        let qa = Array(q)
        if editDistance(qa, Array(c), limit: limit) <= limit { return true }
        let qWords = q.split(whereSeparator: \.isWhitespace).count
        let cWords = c.split(whereSeparator: \.isWhitespace)
        guard qWords < cWords.count else { return false }
        for start in 0...(cWords.count - qWords) {
            let window = cWords[start..<(start + qWords)].joined(separator: " ")
            if editDistance(qa, Array(window), limit: limit) <= limit { return true }
        }
        return false
    }

    // MARK: - Words

    static func words(_ term: String) -> [String] {
        var out: [String] = []
        var word = ""
        func flush() {
            if !word.isEmpty { out.append(singular(word)) }
            word = ""
        }
        let folded = SearchText.fold(term)
        if folded.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: every byte is a character (CR LF, the one pair, cuts words either way).
            for b in folded.utf8 {
                if b &- 0x61 < 26 || b &- 0x41 < 26 || b &- 0x30 < 10 || b == 0x2B || b == 0x23 {
                    word.unicodeScalars.append(Unicode.Scalar(b))
                } else {
                    flush()
                }
            }
        } else {
            for ch in folded {
                if ch.isLetter || ch.isNumber || ch == "+" || ch == "#" { word.append(ch) } else { flush() }
            }
        }
        flush()
        return out
    }

    /// Words whose final "s" is not a plural ending.
    static let invariant: Set<String> = [
        "news", "series", "species", "means", "gas", "its", "this", "has", "was", "does", "yes", "less",
        "plus", "bus", "status", "campus", "bonus", "focus", "virus", "corpus", "census", "chaos", "ethos",
        "logos", "kudos", "lens", "atlas", "canvas", "alias", "bias", "sales",
    ]

    /// The English singular of a word, by its ending: "companies" → "company", "classes" → "class",
    /// "boxes" → "box", "matches" → "match", "apps" → "app". Words of three letters or fewer, words
    /// ending in "ss", "us" or "is" and a few invariant words ("news", "sales") are kept. Both sides of a
    /// match go through the same rule, so a word it gets "wrong" still meets itself.
    static func singular(_ word: String) -> String {
        guard word.count > 3, word.hasSuffix("s"), !invariant.contains(word) else { return word }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return word }
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("sses") || word.hasSuffix("xes") || word.hasSuffix("ches") || word.hasSuffix("shes") {
            return String(word.dropLast(2))
        }
        return String(word.dropLast())
    }

    /// Equal, or the shorter is a run of whole words inside the longer.
    static func meets(_ a: [String], _ b: [String]) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        var i = 0
        while i + short.count <= long.count {
            if long[i..<(i + short.count)].elementsEqual(short) { return true }
            i += 1
        }
        return false
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`.
    public static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, cur[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
