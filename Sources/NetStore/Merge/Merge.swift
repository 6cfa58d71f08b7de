import NetModel
import Plumbing

/// A three-way merge of two edited versions of one network file against the version they both
/// started from, the way `nettui merge` (a git merge driver) runs it. It works on the JSON form the
/// codec writes, so keys this version does not know merge like known ones. The rules, in order:
///
/// - **Entities** (contacts, networks, events, interactions) are matched by id. One side's new
///   entity is added; an entity deleted on one side and unchanged on the other is deleted; an
///   entity deleted on one side and edited on the other is a conflict (ours is kept: the edit
///   when we edited, the deletion when we deleted). Interactions are thereby a union of both logs.
/// - **Fields** of one entity (and of `me`, `scheme` and the top level) merge one by one: a field
///   changed on one side only takes that side's value; changed to the same value on both, that
///   value. Objects inside (a contact's `criteria`, `followUp`, `scheme.quadrants`,
///   `scheme.exitRules`) merge key by key; a `decision` is one value; `scheme.criteria` merge by id.
/// - **List fields** (`tags`, `competences`, `needs`, `emails`, `phones`, `kinds`, `members`,
///   `attendees`, `purposes`, `offers`, `seeks`) changed on both sides merge as sets: ours, minus
///   what theirs removed, then theirs' additions in their order. `ratingHistory` is a union too,
///   ordered by date; `updated` and `lastActivity` take the later value.
/// - **True conflicts** — one field changed to different values on both sides — keep ours and are
///   recorded as a `MergeConflict` with theirs and the base value.
/// - **No dangling references**: an entity that one side deleted but the merged file still refers
///   to (the other side made it a member, an attendee, an event's network, or logged an interaction
///   with it) is kept — the other side's version — and recorded as a whole-entity conflict. Its own
///   references to entities that are gone are dropped.
/// - **Earlier conflicts** (the file's `conflicts` list) merge as a set: one resolved on either
///   side stays resolved; this merge's conflicts are appended.
public enum Merge {
    public struct Outcome: Equatable, Sendable {
        /// The merged network; its `conflicts` hold the earlier unresolved ones and this merge's.
        public var network: Network
        /// The conflicts this merge found (also at the end of `network.conflicts`).
        public var conflicts: [MergeConflict]
        /// Problems the merged file has (none when the inputs were valid, except in cases no rule
        /// covers, such as one id used for a contact on one side and a network on the other).
        public var problems: [Problem]

        public var isClean: Bool { conflicts.isEmpty && problems.isEmpty }
    }

    /// List fields merged as sets when both sides changed them.
    public static let setFields: Set<String> = [
        "tags", "competences", "needs", "emails", "phones", "kinds", "members", "attendees", "purposes", "offers", "seeks",
    ]

    public static func merge(base: Network, ours: Network, theirs: Network) -> Outcome {
        var m = ThreeWayMerger()
        let merged = m.top(object(base), object(ours), object(theirs))
        var problems: [Problem] = []
        var network = NetworkCodec.decode(.object(merged), problems: &problems)
        problems += network.referenceProblems()
        for c in m.conflicts where !network.conflicts.contains(c) { network.conflicts.append(c) }
        return Outcome(network: network, conflicts: m.conflicts, problems: problems)
    }

    private static func object(_ n: Network) -> [JSONKey: JSON] {
        guard case .object(let o) = NetworkCodec.json(n) else { return [:] }
        return o
    }
}

/// One merge's working state: the conflicts found so far and what was deleted.
private struct ThreeWayMerger {
    var conflicts: [MergeConflict] = []

    typealias Entity = MergeConflict.Entity

    static let entityLists: [(key: String, entity: Entity)] = [
        ("contacts", .contact), ("networks", .network), ("events", .event), ("interactions", .interaction),
    ]
    static let latestFields: Set<String> = ["updated", "lastActivity"]
    /// Objects merged as one value: a decision's keys depend on its kind.
    static let atomicFields: Set<String> = ["decision"]

    /// Entities (as JSON objects by id) deleted by this merge, kept in case a reference needs them.
    /// Ids, as keys, are compared by their bytes (`JSONKey`): two spellings of one text are two ids.
    var deleted: [Entity: [JSONKey: (ours: JSON?, theirs: JSON?, base: JSON?)]] = [:]

    mutating func top(_ b: [JSONKey: JSON], _ o: [JSONKey: JSON], _ t: [JSONKey: JSON]) -> [JSONKey: JSON] {
        var out: [JSONKey: JSON] = [:]
        var lists: [Entity: [JSONKey: JSON]] = [:]
        for key in Set(b.keys).union(o.keys).union(t.keys).sorted() {
            if let list = Self.entityLists.first(where: { JSONKey($0.key) == key }) {
                lists[list.entity] = entities(list.entity, b[key], o[key], t[key])
            } else if key == "conflicts" {
                let merged = Self.setMerge(Self.array(b[key]), Self.array(o[key]), Self.array(t[key]))
                if !merged.isEmpty { out[key] = .array(merged) }
            } else {
                let entity: Entity = key == "me" ? .me : key == "scheme" ? .scheme : .file
                let path = entity == .file ? key.text : ""
                if let v = value(b[key], o[key], t[key], key: key.text, path: path, entity, "") { out[key] = v }
            }
        }
        repairReferences(&lists)
        for (key, entity) in Self.entityLists {
            let byID = lists[entity] ?? [:]
            out[JSONKey(key)] = .array(byID.keys.sorted().map { byID[$0]! })
        }
        return out
    }

    // MARK: - Entities

    static func array(_ v: JSON?) -> [JSON] {
        if case .array(let a)? = v { return a }
        return []
    }

    static func byID(_ v: JSON?) -> [JSONKey: JSON] {
        var out: [JSONKey: JSON] = [:]
        for item in array(v) {
            if case .object(let o) = item, case .string(let id)? = o["id"] { out[JSONKey(id)] = item }
        }
        return out
    }

    mutating func entities(_ entity: Entity, _ bj: JSON?, _ oj: JSON?, _ tj: JSON?) -> [JSONKey: JSON] {
        let b = Self.byID(bj), o = Self.byID(oj), t = Self.byID(tj)
        var out: [JSONKey: JSON] = [:]
        for id in Set(b.keys).union(o.keys).union(t.keys).sorted() {
            switch (b[id], o[id], t[id]) {
            case (let base, let ours?, let theirs?):
                out[id] = value(base, ours, theirs, key: "", path: "", entity, id.text)
            case (let base?, let ours?, nil):
                if ours == base {
                    deleted[entity, default: [:]][id] = (ours, nil, base)
                } else {
                    record(entity, id.text, "", ours, nil, base)
                    out[id] = ours
                }
            case (let base?, nil, let theirs?):
                if theirs != base { record(entity, id.text, "", nil, theirs, base) }
                deleted[entity, default: [:]][id] = (nil, theirs, base)
            case (nil, let ours?, nil): out[id] = ours
            case (nil, nil, let theirs?): out[id] = theirs
            default: break  // deleted on both sides
            }
        }
        return out
    }

    /// Brings back deleted contacts and networks that merged entities still refer to (recording a
    /// whole-entity conflict unless the deletion already is one), and drops the references of the
    /// brought-back ones that point at nothing.
    mutating func repairReferences(_ lists: inout [Entity: [JSONKey: JSON]]) {
        var restored: Set<JSONKey> = []
        func restore(_ entity: Entity, _ text: String) -> Bool {
            let id = JSONKey(text)
            if lists[entity]?[id] != nil { return true }
            guard let gone = deleted[entity]?[id], let version = gone.ours ?? gone.theirs ?? gone.base else { return false }
            lists[entity, default: [:]][id] = version
            restored.insert(id)
            if !conflicts.contains(where: { $0.entity == entity && sameBytes($0.id, text) && $0.field.isEmpty }) {
                record(entity, text, "", gone.ours, gone.theirs, gone.base)
            }
            return true
        }
        func strings(_ v: JSON?) -> [String] {
            Self.array(v).compactMap { if case .string(let s) = $0 { return s } else { return nil } }
        }
        // Events' networks first: a brought-back network's members are then checked with the rest.
        for (id, event) in lists[.event] ?? [:] {
            guard case .object(var e) = event, case .string(let n)? = e["network"] else { continue }
            if !restore(.network, n) { e["network"] = .null; lists[.event]![id] = .object(e) }
        }
        let contactRefs: [(Entity, JSONKey)] = [(.network, "members"), (.event, "attendees"), (.interaction, "contact")]
        for (entity, key) in contactRefs {
            for (id, item) in lists[entity] ?? [:] where !restored.contains(id) {
                guard case .object(var o) = item else { continue }
                if case .string(let c)? = o[key] {
                    if !restore(.contact, c), entity == .interaction { lists[entity]![id] = nil }  // nothing to bring back
                    continue
                }
                let refs = strings(o[key])
                let kept = refs.filter { restore(.contact, $0) }
                if kept != refs { o[key] = .array(kept.map(JSON.string)); lists[entity]![id] = .object(o) }
            }
        }
        // A brought-back network keeps only the members that are there (nothing is brought back for it).
        for id in restored {
            guard case .object(var o)? = lists[.network]?[id] else { continue }
            let refs = strings(o["members"]), kept = refs.filter { lists[.contact]?[JSONKey($0)] != nil }
            if kept != refs { o["members"] = .array(kept.map(JSON.string)); lists[.network]![id] = .object(o) }
        }
    }

    // MARK: - Values

    mutating func record(_ entity: Entity, _ id: String, _ field: String, _ ours: JSON?, _ theirs: JSON?, _ base: JSON?) {
        conflicts.append(MergeConflict(entity: entity, id: id, field: field, ours: ours ?? .null, theirs: theirs ?? .null, base: base ?? .null))
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// Merges one value; nil = absent. `key` is the value's own key, `path` its dotted path in the entity.
    mutating func value(_ b: JSON?, _ o: JSON?, _ t: JSON?, key: String, path: String, _ entity: Entity, _ id: String) -> JSON? {
        if o == t { return o }
        if o == b { return t }
        if t == b { return o }
        // Changed on both sides, differently.
        switch (b, o, t) {
        case (_, .array(let oa)?, .array(let ta)?) where entity == .scheme && path == "criteria":
            let before = conflicts
            let merged = criteria(Self.array(b), oa, ta, id)
            if merged.count <= Scheme.maxCriteria { return .array(merged) }
            conflicts = before  // too many criteria together: the whole list is one conflict
        case (_, .array(let oa)?, .array(let ta)?) where Merge.setFields.contains(key):
            return .array(Self.setMerge(Self.array(b), oa, ta))
        case (_, .array(let oa)?, .array(let ta)?) where key == "ratingHistory":
            let merged = Self.setMerge(Self.array(b), oa, ta)
            func date(_ v: JSON) -> String { if case .object(let h) = v, case .string(let d)? = h["date"] { return d } else { return "" } }
            return .array(merged.enumerated().sorted { (date($0.element), $0.offset) < (date($1.element), $1.offset) }.map(\.element))
        case (_, .string(let os)?, .string(let ts)?) where Self.latestFields.contains(key):
            return .string(max(os, ts))
        case (_, .object(let oo)?, .object(let to)?) where !Self.atomicFields.contains(key):
            var bo: [JSONKey: JSON] = [:]
            if case .object(let x)? = b { bo = x }
            var out: [JSONKey: JSON] = [:]
            for k in Set(bo.keys).union(oo.keys).union(to.keys).sorted() {
                if let v = value(bo[k], oo[k], to[k], key: k.text, path: Self.join(path, k.text), entity, id) { out[k] = v }
            }
            return .object(out)
        default: break
        }
        record(entity, id, path, o, t, b)
        return o
    }

    /// Scheme criteria, matched by id: ours in their order, then theirs' new ones; each merged field by field.
    mutating func criteria(_ b: [JSON], _ o: [JSON], _ t: [JSON], _ id: String) -> [JSON] {
        let bi = Self.byID(.array(b)), oi = Self.byID(.array(o)), ti = Self.byID(.array(t))
        var order: [JSONKey] = []
        for item in o + t {
            if case .object(let x) = item, case .string(let cid)? = x["id"], !order.contains(JSONKey(cid)) { order.append(JSONKey(cid)) }
        }
        var out: [JSON] = []
        for cid in order {
            let path = "criteria." + cid.text
            switch (bi[cid], oi[cid], ti[cid]) {
            case (let base, let ours?, let theirs?):
                if let v = value(base, ours, theirs, key: "", path: path, .scheme, id) { out.append(v) }
            case (let base?, let ours?, nil):
                if ours != base { record(.scheme, id, path, ours, nil, base); out.append(ours) }
            case (let base?, nil, let theirs?):
                if theirs != base { record(.scheme, id, path, nil, theirs, base) }
            case (nil, let ours?, nil): out.append(ours)
            case (nil, nil, let theirs?): out.append(theirs)
            default: break
            }
        }
        return out
    }

    /// Set arithmetic on lists: ours minus what theirs removed from base, then theirs' additions.
    /// Items are compared by their bytes (`JSONKey`): a list of ids (`members`) holds byte strings.
    static func setMerge(_ b: [JSON], _ o: [JSON], _ t: [JSON]) -> [JSON] {
        func key(_ v: JSON) -> JSONKey {
            if case .string(let s) = v { return JSONKey("s" + s) }
            return JSONKey("j" + String(decoding: JSONWriter.write(v), as: UTF8.self))
        }
        let base = Set(b.map(key)), theirs = Set(t.map(key))
        var seen: Set<JSONKey> = []
        var out: [JSON] = []
        for v in o {
            let k = key(v)
            if base.contains(k) && !theirs.contains(k) { continue }  // theirs removed it
            if seen.insert(k).inserted { out.append(v) }
        }
        for v in t {
            let k = key(v)
            if !base.contains(k), seen.insert(k).inserted { out.append(v) }
        }
        return out
    }
}
