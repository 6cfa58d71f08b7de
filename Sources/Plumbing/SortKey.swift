/// A folded name (or any text) as a sort key that orders exactly as the `String` does, faster.
///
/// `String` compares text in normalization form C (NFC), scalar by scalar; text that is in NFC
/// already orders as its UTF-8 bytes. Keys are checked once for being plainly in NFC (every scalar
/// ASCII, or a letter of a script without combining: Greek and Cyrillic letters, kana, CJK
/// ideographs); two such keys compare by their first sixteen bytes and, when those are equal, by
/// all their bytes. Folded Korean is Hangul decomposed into jamo (NFD); such a key is composed back
/// once and then compares as plain text, which is what `String` does with it too (see `composed`).
/// Other keys compare as the `String`, but for one shortcut (see `lead`).
public struct SortKey: Comparable, Sendable {
    package let text: String
    /// The text in NFC when `plain`: `text` itself, or its Hangul composed.
    private let nfc: String
    /// The first sixteen bytes of `nfc`, big-endian, zero-padded (when `plain`).
    private let prefix: (UInt64, UInt64)
    /// In NFC by the check above (`nfc` is).
    private let plain: Bool
    private let ascii: Bool
    /// What the first scalar of the text in NFC is known to be, for comparing with a key that is
    /// not plain: in NFC an ASCII scalar followed by one stays itself, and any other scalar stays
    /// above ASCII, but for three that are canonically equal to an ASCII character.
    private let lead: Lead

    package enum Lead { case ascii, above, unknown }

    public init(_ text: String) {
        self.text = text
        var scalars = text.unicodeScalars.makeIterator()
        switch (scalars.next()?.value, scalars.next()?.value) {
        case (let first?, let second) where first < 0x80:
            lead = (second ?? 0) < 0x80 ? .ascii : .unknown
        case (let first?, _):
            lead = SortKey.asciiSingletons.contains(first) ? .unknown : .above
        case (nil, _):
            lead = .unknown
        }
        ascii = text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? false
        let nfc = ascii || text.unicodeScalars.allSatisfy(SortKey.isPlain) ? text : SortKey.composed(text)
        (self.nfc, plain) = (nfc ?? text, nfc != nil)
        var words: (UInt64, UInt64) = (0, 0)
        if plain {
            for (n, b) in self.nfc.utf8.prefix(16).enumerated() {
                if n < 8 { words.0 |= UInt64(b) << (56 - 8 * n) } else { words.1 |= UInt64(b) << (120 - 8 * n) }
            }
        }
        prefix = words
    }

    /// Scalars whose canonical decomposition is one ASCII character: ; ` K.
    package static let asciiSingletons: Set<UInt32> = [0x037E, 0x1FEF, 0x212A]

    /// Scalars that are in NFC and never combine with a neighbour.
    package static func isPlain(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x7F,
             0x0391...0x03A1, 0x03A3...0x03A9, 0x03B1...0x03C9,  // Greek letters
             0x0410...0x044F,  // Cyrillic letters
             0x3041...0x3096, 0x30A1...0x30FA,  // kana (not the voicing marks)
             0x3400...0x4DBF, 0x4E00...0x9FFF:  // CJK ideographs
            return true
        default:
            return false
        }
    }

    /// Plain text with Hangul in conjoining jamo, each syllable a leading consonant, a vowel and
    /// maybe a trailing consonant (as `SearchText.fold` leaves Korean), composed into Hangul
    /// syllables: its NFC. Nil for any other text. Two such texts compare as `String`s exactly as
    /// their compositions do as bytes: each is the decomposition of its composition, so when one
    /// composition starts the other, one text starts the other too, and `String` orders a text
    /// before any longer text it starts.
    package static func composed(_ text: String) -> String? {
        var out = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let s = scalars.popFirst() {
            let v = s.value
            if isPlain(s) {
                out.append(s)
                continue
            }
            guard (0x1100...0x1112).contains(v), let vowel = scalars.popFirst()?.value, (0x1161...0x1175).contains(vowel) else { return nil }
            var syllable = 0xAC00 + ((v - 0x1100) * 21 + (vowel - 0x1161)) * 28
            if let t = scalars.first?.value, (0x11A8...0x11C2).contains(t) {
                syllable += t - 0x11A7
                scalars.removeFirst()
            }
            out.append(Unicode.Scalar(syllable)!)
        }
        return String(out)
    }

    /// The order of the first sixteen bytes when both keys are plain; nil when that does not decide.
    @inline(__always)
    @usableFromInline static func quickLess(_ a: SortKey, _ b: SortKey) -> Bool? {
        guard a.plain && b.plain else {
            switch (a.lead, b.lead) {
            case (.ascii, .above): return true
            case (.above, .ascii): return false
            default: return nil
            }
        }
        if a.prefix.0 != b.prefix.0 { return a.prefix.0 < b.prefix.0 }
        if a.prefix.1 != b.prefix.1 { return a.prefix.1 < b.prefix.1 }
        return nil
    }

    public static func < (a: SortKey, b: SortKey) -> Bool {
        if let less = quickLess(a, b) { return less }
        if a.plain && b.plain && !(a.ascii && b.ascii) { return a.nfc.utf8.lexicographicallyPrecedes(b.nfc.utf8) }
        return a.text < b.text
    }

    public static func == (a: SortKey, b: SortKey) -> Bool {
        if quickLess(a, b) != nil { return false }
        if a.plain && b.plain && !(a.ascii && b.ascii) { return a.nfc.utf8.elementsEqual(b.nfc.utf8) }
        return a.text == b.text
    }

    /// The order of positions `0..<figures.count` that lists the highest figure first, then by key,
    /// then by id (the order of the exit, matrix and overdue lists).
    /// A long list is sorted on every core (`sortedPositions`): the order one sort gives.
    @inlinable
    package static func ranked<F: Comparable>(_ figures: [F], keys: [SortKey], ids: [String], minimumRun: Int = 4096) -> [Int] {
        func before(_ a: Int, _ b: Int) -> Bool {
            if figures[a] != figures[b] { return figures[a] > figures[b] }
            if let less = quickLess(keys[a], keys[b]) { return less }
            if keys[a] != keys[b] { return keys[a] < keys[b] }
            return ids[a] < ids[b]
        }
        return sortedPositions(figures.count, minimumRun: minimumRun, by: before)
    }
}

