import Plumbing

/// A true conflict found by a three-way merge (`Merge.merge`): the same field changed to different
/// values on both sides. The merge kept `ours`; the record keeps `theirs` (and `base`) so that the
/// person can choose. Files hold them in the top-level `conflicts` list (see docs/DATA_FORMAT.md).
public struct MergeConflict: Equatable, Sendable {
    /// What kind of thing the conflict is in.
    public enum Entity: String, CaseIterable, Sendable {
        case contact, network, event, interaction, me, scheme
        /// A top-level key of the file (one this version does not know, or `schemaVersion`).
        case file
    }

    public var entity: Entity
    /// The entity's id; `""` for `me`, `scheme` and `file`.
    public var id: String
    /// The field as a dotted path inside the entity (`name`, `criteria.revenue`,
    /// `quadrants.key.cadenceDays`); `""` when the conflict is about the whole entity: deleted on
    /// one side and edited (or newly referenced) on the other.
    public var field: String
    /// The values on each side as the file writes them; `null` when absent (deleted).
    public var ours: JSON
    public var theirs: JSON
    public var base: JSON
    /// Keys this version does not know, kept for the next save.
    public var extra: [JSONKey: JSON] = [:]

    public init(entity: Entity, id: String, field: String, ours: JSON, theirs: JSON, base: JSON) {
        self.entity = entity
        self.id = id
        self.field = field
        self.ours = ours
        self.theirs = theirs
        self.base = base
    }

    /// True when the conflict is about a whole entity rather than one field of it.
    public var isWholeEntity: Bool { field.isEmpty }
}

extension MergeConflict {
    /// One line for people: what is in conflict and the two values, e.g.
    /// `contact "Aino Järvinen": notes: ours "Met at Slush", theirs "Met at the fair"`.
    public func summary(in network: Network) -> String {
        var what: String
        switch entity {
        case .contact: what = "contact " + Self.label(network.contact(id: id)?.name, id)
        case .network: what = "network " + Self.label(network.network(id: id)?.name, id)
        case .event: what = "event " + Self.label(network.events.first { sameBytes($0.id, id) }?.name, id)
        case .interaction:
            let i = network.interactions.first { sameBytes($0.id, id) }
            what = "interaction " + Self.label(i.map { "\($0.date) \(network.contact(id: $0.contact)?.name ?? $0.contact)" }, id)
        case .me, .scheme, .file: what = entity.rawValue
        }
        if isWholeEntity {
            let side = ours == .null ? "deleted by ours, changed by theirs" : theirs == .null ? "changed by ours, deleted by theirs" : "added differently on both sides"
            return "\(what): \(side)"
        }
        return "\(what): \(field): ours \(Self.short(ours)), theirs \(Self.short(theirs))"
    }

    private static func label(_ name: String?, _ id: String) -> String {
        name.map { "\"\($0)\"" } ?? id
    }

    /// A value on one line, cut to about 60 characters.
    static func short(_ value: JSON) -> String {
        let text = compact(value)
        return text.count > 60 ? String(text.prefix(59)) + "…" : text
    }

    static func compact(_ value: JSON) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let t): return t
        case .string(let s):
            var out = "\""
            for ch in s {
                switch ch {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                default: out.append(ch)
                }
            }
            return out + "\""
        case .array(let a): return "[" + a.map(compact).joined(separator: ", ") + "]"
        case .object(let o): return "{" + o.keys.sorted().map { "\"\($0)\": " + compact(o[$0]!) }.joined(separator: ", ") + "}"
        }
    }
}
