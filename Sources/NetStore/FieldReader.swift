import NetModel
import Plumbing

/// Reads the fields of one JSON object into model values, recording a `Problem` for each field
/// that is missing, of the wrong type or off its scale instead of stopping at the first. The keys
/// it was not asked for are the entity's `extra` keys, kept for the next save.
struct FieldReader {
    let object: [JSONKey: JSON]
    let location: String
    private(set) var problems: [Problem] = []
    /// The keys asked for (compared by their bytes, as keys are).
    private var known: Set<JSONKey> = []

    init(_ value: JSON, location: String, problems: inout [Problem]) {
        if case .object(let object) = value {
            self.object = object
        } else {
            self.object = [:]
            problems.append(Problem(.wrongType, location, "expected an object, found \(value.typeName)"))
        }
        self.location = location
    }

    var extra: [JSONKey: JSON] { object.filter { !known.contains($0.key) } }

    mutating func problem(_ kind: Problem.Kind, _ key: String, _ message: String) {
        problems.append(Problem(kind, "\(location).\(key)", message))
    }

    private mutating func value(_ key: String, required: Bool) -> JSON? {
        known.insert(JSONKey(key))
        // A required key that is null is as missing as an absent one.
        guard let v = object[JSONKey(key)], !(required && v == .null) else {
            if required { problem(.missing, key, object[JSONKey(key)] == nil ? "missing" : "missing (null)") }
            return nil
        }
        return v
    }

    mutating func string(_ key: String, required: Bool = false) -> String {
        optionalString(key, required: required) ?? ""
    }

    mutating func optionalString(_ key: String, required: Bool = false) -> String? {
        switch value(key, required: required) {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case let other?: problem(.wrongType, key, "expected a string, found \(other.typeName)"); return nil
        }
    }

    mutating func strings(_ key: String) -> [String] {
        switch value(key, required: false) {
        case nil, .null?: return []
        case .array(let items)?:
            var out: [String] = []
            for (i, item) in items.enumerated() {
                if case .string(let s) = item { out.append(s) } else {
                    problem(.wrongType, "\(key)[\(i)]", "expected a string, found \(item.typeName)")
                }
            }
            return out
        case let other?: problem(.wrongType, key, "expected an array of strings, found \(other.typeName)"); return []
        }
    }

    /// The list of strings at `key` when it is one and not empty; anything else there is left
    /// among the unknown keys (`extra`), as it is (for the fields written only when not empty).
    mutating func nonEmptyStrings(_ key: String) -> [String] {
        guard case .array(let items)? = object[JSONKey(key)], !items.isEmpty else { return [] }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .string(let s) = item else { return [] }
            out.append(s)
        }
        known.insert(JSONKey(key))
        return out
    }

    mutating func enums<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) -> [E] where E.RawValue == String {
        strings(key).compactMap { raw in
            guard let e = E(rawValue: raw) else {
                problem(.invalidValue, key, "\"\(raw)\" is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return e
        }
    }

    mutating func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, default d: E) -> E where E.RawValue == String {
        guard let raw = optionalString(key) else { return d }
        guard let e = E(rawValue: raw) else {
            problem(.invalidValue, key, "\"\(raw)\" is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            return d
        }
        return e
    }

    mutating func number(_ key: String, required: Bool = false) -> Double? {
        switch value(key, required: required) {
        case nil, .null?: return nil
        case .number(let text)?:
            guard let d = Self.usableNumber(text) else { problem(.invalidValue, key, "\(text) is not a usable number"); return nil }
            return d
        case let other?: problem(.wrongType, key, "expected a number, found \(other.typeName)"); return nil
        }
    }

    mutating func int(_ key: String, required: Bool = false) -> Int? {
        guard number(key, required: required) != nil, case .number(let text)? = object[JSONKey(key)] else { return nil }
        guard let i = Self.wholeNumber(text) else { problem(.invalidValue, key, "expected a whole number, found \(text)"); return nil }
        return i
    }

    /// A JSON number's text as a finite number (shared with the fast decoder).
    static func usableNumber(_ text: String) -> Double? {
        guard let d = Double(text), d.isFinite else { return nil }
        return d
    }

    /// A JSON number's text as a whole number of the size the file's whole-number fields take
    /// (below 10^9 either way), judged by the digits written, not by the nearest `Double`:
    /// `0.99999999999999999` is a fraction although it reads as 1.0; `1.0`, `10e-1` and `1e2` are whole.
    static func wholeNumber(_ text: String) -> Int? {
        var digits: [UInt8] = [], exponent = 0, negative = false
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        var seenPoint = false
        while let b = bytes.first, b != UInt8(ascii: "e"), b != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if b == UInt8(ascii: ".") { seenPoint = true; continue }
            guard b >= 0x30, b <= 0x39 else { return nil }
            // Leading zeros say nothing; each digit after the point is a power of ten less.
            if !(digits.isEmpty && b == 0x30) { digits.append(b - 0x30) }
            if seenPoint { exponent -= 1 }
        }
        if !bytes.isEmpty {
            bytes = bytes.dropFirst()
            var sign = 1
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") {
                sign = bytes.first == UInt8(ascii: "-") ? -1 : 1
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty else { return nil }
            var e = 0
            for b in bytes {
                guard b >= 0x30, b <= 0x39 else { return nil }
                e = min(e * 10 + Int(b - 0x30), 1_000_000)  // far beyond any digit count: saturates
            }
            exponent += sign * e
        }
        // Trailing zeros of a fraction are whole tens.
        while exponent < 0, digits.last == 0 { digits.removeLast(); exponent += 1 }
        if digits.isEmpty { return 0 }
        guard exponent >= 0, digits.count + exponent <= 9 else { return nil }
        let value = digits.reduce(0) { $0 * 10 + Int($1) } * (0..<exponent).reduce(1) { n, _ in n * 10 }
        return negative ? -value : value
    }

    mutating func bool(_ key: String, default d: Bool) -> Bool {
        switch value(key, required: false) {
        case nil, .null?: return d
        case .bool(let b)?: return b
        case let other?: problem(.wrongType, key, "expected true or false, found \(other.typeName)"); return d
        }
    }

    mutating func optionalRating(_ key: String) -> Rating? {
        guard let d = number(key) else { return nil }
        guard let r = Rating(value: d) else {
            problem(.offScale, key, "\(JSON.number(d).textValue) is off the scale (\(Rating.scaleText))")
            return nil
        }
        return r
    }

    mutating func rating(_ key: String, default d: Rating) -> Rating { optionalRating(key) ?? d }

    mutating func optionalDay(_ key: String, required: Bool = false) -> Day? {
        guard let s = optionalString(key, required: required) else { return nil }
        guard let day = Day(iso: s) else { problem(.invalidValue, key, "\"\(s)\" is not a date (YYYY-MM-DD)"); return nil }
        return day
    }

    mutating func timestamp(_ key: String, default d: Timestamp) -> Timestamp {
        guard let s = optionalString(key) else { return d }
        guard let t = Timestamp(iso: s) else {
            problem(.invalidValue, key, "\"\(s)\" is not an ISO 8601 time (YYYY-MM-DDTHH:MM:SSZ)")
            return d
        }
        return t
    }

    /// The elements of an array field (a wrong type is a problem and gives none).
    mutating func array(_ key: String) -> [JSON] {
        switch value(key, required: false) {
        case nil, .null?: return []
        case .array(let items)?: return items
        case let other?: problem(.wrongType, key, "expected an array, found \(other.typeName)"); return []
        }
    }

    /// An object of ratings by key, such as a contact's criterion ratings.
    mutating func ratingMap(_ key: String) -> [String: Rating] {
        switch value(key, required: false) {
        case nil, .null?: return [:]
        case .object(let o)?:
            var out: [String: Rating] = [:]
            // In key order (as the file is written): a dictionary's own order differs from one
            // reading to the next, and the problems would come out in a different order each time.
            for (k, v) in o.sorted(by: { $0.key < $1.key }) {
                // The ratings are kept by criterion id as text, where two spellings of one text
                // (NFC and NFD, `K` and KELVIN SIGN) would be one: refused, not one of them dropped.
                if let earlier = out.keys.first(where: { $0 == k.text }) {
                    problem(.invalidValue, "\(key).\(k)", "the same criterion as \"\(earlier)\", spelled in other bytes")
                } else if let d = v.doubleValue, let r = Rating(value: d) { out[k.text] = r } else {
                    problem(.offScale, "\(key).\(k)", "\(v.textValue) is off the scale (\(Rating.scaleText))")
                }
            }
            return out
        case let other?: problem(.wrongType, key, "expected an object of ratings, found \(other.typeName)"); return [:]
        }
    }

    /// A reader for an object nested in this one; its problems join this reader's with `absorb`.
    func child(_ value: JSON, _ path: String) -> FieldReader {
        var ignored: [Problem] = []
        var r = FieldReader(value, location: "\(location).\(path)", problems: &ignored)
        r.problems = ignored
        return r
    }

    mutating func absorb(_ other: FieldReader) { problems += other.problems }

    mutating func nested(_ key: String) -> JSON {
        value(key, required: false) ?? .object([:])
    }
}

extension JSON {
    var textValue: String {
        if case .number(let t) = self { return t }
        return typeName
    }
}
