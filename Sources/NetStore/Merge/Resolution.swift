import NetModel
import Plumbing

/// Resolving a recorded merge conflict: keep ours (the value the merge kept) or take theirs.
extension Network {
    /// The network with conflict `index` resolved. Keeping ours only drops the record; taking theirs
    /// writes their value into the field (or restores or deletes the whole entity). Nil when their
    /// value would not make a valid file (for example a reference to something deleted since).
    public func resolvingConflict(at index: Int, takeTheirs: Bool) -> Network? {
        guard conflicts.indices.contains(index) else { return nil }
        var resolved = self
        let conflict = resolved.conflicts.remove(at: index)
        guard takeTheirs else { return resolved }
        guard case .object(var root) = NetworkCodec.json(resolved) else { return nil }
        let path = conflict.field.split(separator: ".").map(String.init)
        switch conflict.entity {
        case .me, .scheme:
            let key = JSONKey(conflict.entity.rawValue)
            root[key] = Self.setting(root[key] ?? .object([:]), path, conflict.theirs)
        case .file:
            root = Self.setting(.object(root), path, conflict.theirs).objectValue ?? root
        case .contact, .network, .event, .interaction:
            let key: JSONKey = conflict.entity == .contact ? "contacts" : conflict.entity == .network ? "networks"
                : conflict.entity == .event ? "events" : "interactions"
            guard case .array(var items) = root[key] ?? .array([]) else { return nil }
            // The entity of the same id bytes (not merely a canonically equivalent spelling).
            let index = items.firstIndex { if case .string(let id)? = $0.objectValue?["id"] { sameBytes(id, conflict.id) } else { false } }
            if path.isEmpty {
                // The whole entity: theirs is the entity, or null when they deleted it.
                switch (index, conflict.theirs) {
                case (let i?, .null): items.remove(at: i)
                case (let i?, let value): items[i] = value
                case (nil, .null): break
                case (nil, let value): items.append(value)
                }
            } else {
                guard let i = index else { return nil }
                items[i] = Self.setting(items[i], path, conflict.theirs)
            }
            root[key] = .array(items)
        }
        let decoded = NetworkCodec.decode(JSONWriter.write(.object(root)))
        guard decoded.problems.isEmpty, let network = decoded.network else { return nil }
        return network
    }

    /// `value` with the member at the dotted `path` set (removed when `new` is null).
    private static func setting(_ value: JSON, _ path: [String], _ new: JSON) -> JSON {
        guard let first = path.first else { return new }
        var object = value.objectValue ?? [:]
        let key = JSONKey(first)
        if path.count == 1, new == .null {
            object[key] = nil
        } else {
            object[key] = setting(object[key] ?? .object([:]), Array(path.dropFirst()), new)
        }
        return .object(object)
    }
}

extension JSON {
    /// The members when this is an object.
    public var objectValue: [JSONKey: JSON]? {
        if case .object(let o) = self { return o }
        return nil
    }
}
