import NetModel
import Plumbing

/// The one place that turns data-file bytes into a `Network` and back. Everything else reads and
/// writes through `Store`, which calls this, so a faster codec can replace it without touching the rest.
public enum NetworkCodec {
    /// The result of reading a file: the network when it could be read at all, and every problem found.
    public struct Decoded: Sendable {
        public var network: Network?
        public var problems: [Problem]
        /// `network` with its log's index, built for the reference check and kept for the rules.
        public var view: NetworkView?
    }

    /// A valid file takes the fast path (FastDecoder.swift); anything it does not take (any problem,
    /// anything unusual) is read again by the tree-based path below, which finds every problem.
    public static func decode(_ bytes: [UInt8]) -> Decoded {
        if let fast = FastDecoder.decoded(bytes) { return checked(fast) }
        return decodeTree(bytes)
    }

    /// `Store.decode` reads files at least this large a window at a time (`FastDecoder.decode(file:size:)`).
    static let windowedBytes = 8 << 20

    /// A network the fast path read, with the problems across its entities and its view (its log's
    /// index built on the decoder's table of contact ids when it made one).
    static func checked(_ fast: FastDecoder.Decoded) -> Decoded {
        let network = fast.network
        let view = NetworkView(network, logIndex: fast.contactIDs.map { LogIndex(network, table: $0) } ?? LogIndex(network))
        return Decoded(network: network, problems: view.referenceProblems(), view: view)
    }

    /// The validating path: parse the whole file into a `JSON` tree, then map it with `FieldReader`.
    static func decodeTree(_ bytes: [UInt8]) -> Decoded {
        let json: JSON
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            return Decoded(network: nil, problems: [Problem(.syntax, "line \(error.line), column \(error.column)", error.message)], view: nil)
        }
        var problems: [Problem] = []
        let network = decode(json, problems: &problems)
        let view = NetworkView(network)
        problems += view.referenceProblems()
        return Decoded(network: network, problems: problems, view: view)
    }

    /// The file's bytes, written directly by `FastEncoder`: the same bytes as `encodeTree`.
    public static func encode(_ network: Network) -> [UInt8] {
        FastEncoder.encode(network)
    }

    /// The network as a `JSON` tree, written by `JSONWriter`: what `encode` must equal byte for byte.
    static func encodeTree(_ network: Network) -> [UInt8] {
        JSONWriter.write(json(network))
    }

    // MARK: - Reading

    static func decode(_ json: JSON, problems: inout [Problem]) -> Network {
        var r = FieldReader(json, location: "top level", problems: &problems)
        var n = Network()
        if let v = r.int("schemaVersion", required: true) {
            n.schemaVersion = v
            if v > Network.currentSchemaVersion {
                problems.append(Problem(.futureSchema, "top level.schemaVersion",
                    "schemaVersion \(v) is newer than this program supports (\(Network.currentSchemaVersion))"))
            }
        }
        n.me = me(r.nested("me"), problems: &problems)
        n.scheme = scheme(r.nested("scheme"), problems: &problems)
        n.contacts = list(r.nested("contacts"), "contacts", problems: &problems, contact)
        n.networks = list(r.nested("networks"), "networks", problems: &problems, group)
        n.events = list(r.nested("events"), "events", problems: &problems, event)
        n.interactions = list(r.nested("interactions"), "interactions", problems: &problems, interaction)
        n.conflicts = list(r.nested("conflicts"), "conflicts", problems: &problems, conflict)
        n.extra = r.extra
        problems += r.problems
        return n
    }

    static func list<T>(_ json: JSON, _ key: String, problems: inout [Problem],
                        _ read: (inout FieldReader) -> T?) -> [T] {
        guard case .array(let items) = json else {
            if case .object(let o) = json, o.isEmpty { return [] }  // the key is absent
            problems.append(Problem(.wrongType, "top level.\(key)", "expected an array, found \(json.typeName)"))
            return []
        }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            var label = "\(key)[\(i)]"
            if case .object(let o) = item, case .string(let name)? = o["name"] { label += " \"\(name)\"" }
            var r = FieldReader(item, location: label, problems: &problems)
            if let value = read(&r) { out.append(value) }
            problems += r.problems
        }
        return out
    }

    /// A contact read from its JSON object as an item of the file's `contacts` list is read.
    package static func contact(_ object: JSON, problems: inout [Problem]) -> Contact? {
        list(.array([object]), "contacts", problems: &problems, contact).first
    }

    private static func id(_ r: inout FieldReader) -> String? {
        let id = r.string("id", required: true)
        if id.isEmpty, r.object["id"] == .string("") { r.problem(.invalidValue, "id", "must not be empty") }
        return id.isEmpty ? nil : id
    }

    private static let epoch = IdentityDefaults.epoch

    /// A contact: its id, name and times first (without an id, nothing else is read), then the
    /// rest of its fields as its table says (`ContactFields`).
    private static func contact(_ r: inout FieldReader) -> Contact? {
        guard let id = id(&r) else { return nil }
        let created = r.timestamp("created", default: epoch)
        var c = Contact(id: id, name: r.string("name", required: true), created: created)
        c.updated = r.timestamp("updated", default: created)
        ContactFields.schema.read(&r, into: &c)
        c.extra = r.extra
        return c
    }

    /// A contact's `ratingHistory`: the changes with a date (one without is reported and left out).
    static func ratingHistory(_ r: inout FieldReader) -> [RatingChange] {
        var out: [RatingChange] = []
        for (i, item) in r.array("ratingHistory").enumerated() {
            var h = r.child(item, "ratingHistory[\(i)]")
            if let date = h.optionalDay("date", required: true) {
                var change = RatingChange(date: date, fromNow: h.rating("fromNow", default: .tenth), fromFuture: h.rating("fromFuture", default: .tenth),
                                          toNow: h.rating("toNow", default: .tenth), toFuture: h.rating("toFuture", default: .tenth))
                change.extra = h.extra
                out.append(change)
            }
            r.absorb(h)
        }
        return out
    }

    /// A network: its id, name and times first (without an id, nothing else is read), then the
    /// rest of its fields as its table says (`GroupFields`).
    private static func group(_ r: inout FieldReader) -> NetworkGroup? {
        guard let id = id(&r) else { return nil }
        let created = r.timestamp("created", default: epoch)
        var g = NetworkGroup(id: id, name: r.string("name", required: true), created: created)
        g.updated = r.timestamp("updated", default: created)
        GroupFields.schema.read(&r, into: &g)
        g.extra = r.extra
        return g
    }

    /// The decision a `decision` key holds, or nil when reading it finds a problem (for the fast decoder).
    static func decision(_ value: JSON) -> (ExitDecision?, [JSONKey: JSON])? {
        var problems: [Problem] = []
        var r = FieldReader(.object(["decision": value]), location: "", problems: &problems)
        let decision = decision(&r)
        return r.problems.isEmpty ? decision : nil
    }

    /// An exit decision: `null`/absent, or `{"kind", "date", …}` with the keys of its kind. Keys that
    /// do not belong to the kind are kept as unknown keys.
    static func decision(_ r: inout FieldReader) -> (ExitDecision?, [JSONKey: JSON]) {
        let present = r.object["decision"] != nil
        let json = r.nested("decision")
        switch json {
        case .null: return (nil, [:])
        case .object(let o) where o.isEmpty && !present: return (nil, [:])
        case .object: break
        default:
            r.problem(.wrongType, "decision", "expected an object or null, found \(json.typeName)")
            return (nil, [:])
        }
        var d = r.child(json, "decision")
        defer { r.absorb(d) }
        let kind = d.optionalString("kind", required: true)
        let date = d.optionalDay("date", required: true)
        var result: ExitDecision?
        switch kind {
        case nil: break
        case "keep"?:
            let reason = d.string("reason")
            result = date.map { .keep(reason: reason, on: $0) }
        case "reviewLater"?:
            let until = d.optionalDay("until", required: true)
            if let until, let date { result = .reviewLater(until: until, on: date) }
        case "windDown"?:
            let by = d.optionalDay("by", required: true), handover = d.string("handover")
            if let by, let date { result = .windDown(by: by, handover: handover, on: date) }
        case "leave"?:
            result = date.map { .leave(on: $0) }
        case let other?:
            d.problem(.invalidValue, "kind", "\"\(other)\" is not one of \(ExitDecision.kindNames.joined(separator: ", "))")
        }
        return (result, result == nil ? [:] : d.extra)
    }

    /// An event: its id, name and day first (without an id or a day, nothing else is read), then
    /// the rest of its fields as its table says (`EventFields`).
    private static func event(_ r: inout FieldReader) -> Event? {
        guard let id = id(&r) else { return nil }
        let name = r.string("name", required: true)
        guard let date = r.optionalDay("date", required: true) else { return nil }
        var e = Event(id: id, name: name, date: date)
        EventFields.schema.read(&r, into: &e)
        e.extra = r.extra
        return e
    }

    private static func interaction(_ r: inout FieldReader) -> Interaction? {
        guard let id = id(&r) else { return nil }
        let contact = r.string("contact", required: true)
        guard let date = r.optionalDay("date", required: true) else { return nil }
        var i = Interaction(id: id, contact: contact, date: date, kind: r.enumValue("kind", default: .meeting))
        i.note = r.string("note")
        i.gave = r.string("gave")
        i.got = r.string("got")
        i.followUp = followUp(&r)
        i.extra = r.extra
        return i
    }

    /// An interaction's follow-up: `null`/absent, or `{"due", "what", "done"}`; `due` is required
    /// (a follow-up without it is left out and reported), `done` is a day or `null` while open.
    private static func followUp(_ r: inout FieldReader) -> FollowUp? {
        let json = r.nested("followUp")
        switch json {
        case .null: return nil
        case .object(let o) where o.isEmpty && r.object["followUp"] == nil: return nil
        case .object: break
        default:
            r.problem(.wrongType, "followUp", "expected an object or null, found \(json.typeName)")
            return nil
        }
        var f = r.child(json, "followUp")
        defer { r.absorb(f) }
        let what = f.string("what")
        let done = f.optionalDay("done")
        guard let due = f.optionalDay("due", required: true) else { return nil }
        var followUp = FollowUp(due: due, what: what, done: done)
        followUp.extra = f.extra
        return followUp
    }

    /// A merge conflict: `entity`, `id`, `field` and the three values (any JSON, `null` when absent).
    static func conflict(_ r: inout FieldReader) -> MergeConflict? {
        guard let raw = r.optionalString("entity", required: true) else { return nil }
        guard let entity = MergeConflict.Entity(rawValue: raw) else {
            r.problem(.invalidValue, "entity", "\"\(raw)\" is not one of \(MergeConflict.Entity.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        func value(_ key: String, _ r: inout FieldReader) -> JSON {
            _ = r.nested(key)  // marks the key as known
            return r.object[JSONKey(key)] ?? .null
        }
        var c = MergeConflict(entity: entity, id: r.string("id"), field: r.string("field"),
                              ours: value("ours", &r), theirs: value("theirs", &r), base: value("base", &r))
        c.extra = r.extra
        return c
    }

    static func me(_ json: JSON, problems: inout [Problem]) -> Me {
        var r = FieldReader(json, location: "me", problems: &problems)
        var m = Me()
        m.name = r.string("name")
        m.offers = r.strings("offers")
        m.seeks = r.strings("seeks")
        m.pitch = r.string("pitch")
        m.extra = r.extra
        problems += r.problems
        return m
    }

    static func scheme(_ json: JSON, problems: inout [Problem]) -> Scheme {
        var r = FieldReader(json, location: "scheme", problems: &problems)
        var s = Scheme()
        s.axisNow = r.optionalString("axisNow") ?? s.axisNow
        s.axisFuture = r.optionalString("axisFuture") ?? s.axisFuture
        s.threshold = r.rating("threshold", default: s.threshold)
        var q = FieldReader(r.nested("quadrants"), location: "scheme.quadrants", problems: &problems)
        for quadrant in Quadrant.allCases {
            guard let value = q.object[JSONKey(quadrant.rawValue)] else { continue }
            var p = FieldReader(value, location: "scheme.quadrants.\(quadrant.rawValue)", problems: &problems)
            let d = Scheme.defaultPolicies[quadrant]!
            var policy = QuadrantPolicy(name: p.optionalString("name") ?? d.name,
                                        cadenceDays: p.int("cadenceDays") ?? d.cadenceDays,
                                        policy: p.optionalString("policy") ?? d.policy)
            if policy.cadenceDays < 1 {
                problems.append(Problem(.invalidValue, "scheme.quadrants.\(quadrant.rawValue).cadenceDays", "must be at least 1 day"))
                policy.cadenceDays = d.cadenceDays
            }
            policy.extra = p.extra
            s.quadrants[quadrant] = policy
            problems += p.problems
            _ = q.nested(quadrant.rawValue)
        }
        for (i, item) in r.array("criteria").enumerated() {
            var c = r.child(item, "criteria[\(i)]")
            let id = c.string("id", required: true), name = c.string("name", required: true)
            let axis: Axis = c.enumValue("axis", default: .now)
            if id.isEmpty, c.object["id"] == .string("") { c.problem(.invalidValue, "id", "must not be empty") }
            if s.criteria.contains(where: { sameBytes($0.id, id) }) { c.problem(.duplicateID, "id", "criterion id \(id) is used twice") }
            if !id.isEmpty {
                var criterion = Criterion(id: id, name: name, axis: axis)
                criterion.extra = c.extra
                s.criteria.append(criterion)
            }
            r.absorb(c)
        }
        if s.criteria.count > Scheme.maxCriteria {
            problems.append(Problem(.invalidValue, "scheme.criteria", "\(s.criteria.count) criteria; at most \(Scheme.maxCriteria) keep segmenting simple"))
        }
        s.exitRules = exitRules(&r, problems: &problems)
        s.extra = r.extra
        s.quadrantsExtra = q.extra
        problems += q.problems + r.problems
        return s
    }

    private static func exitRules(_ r: inout FieldReader, problems: inout [Problem]) -> ExitRules {
        var rules = ExitRules()
        let json = r.nested("exitRules")
        if json == .null { return rules }
        var e = FieldReader(json, location: "scheme.exitRules", problems: &problems)
        let d = ExitRules()
        if let v = e.number("lowYieldHoursPerMonth") {
            if v >= 0 { rules.lowYieldHoursPerMonth = v } else { e.problem(.invalidValue, "lowYieldHoursPerMonth", "must be 0 or more") }
        }
        if let v = e.int("silenceDays") {
            if v >= 1 { rules.silenceDays = v } else { e.problem(.invalidValue, "silenceDays", "must be at least 1 day") }
        }
        if let v = e.int("bestBeforeWarningDays") {
            if v >= 0 { rules.bestBeforeWarningDays = v } else { e.problem(.invalidValue, "bestBeforeWarningDays", "must be 0 or more") }
        }
        if let v = e.number("lopsidedRatio") {
            if v > 0 { rules.lopsidedRatio = v } else { e.problem(.invalidValue, "lopsidedRatio", "must be more than 0") }
        }
        rules.difficultTag = e.optionalString("difficultTag") ?? d.difficultTag
        rules.extra = e.extra
        problems += e.problems
        return rules
    }

    // MARK: - Writing

    /// The first text of `n` (a value or a key) that would be written longer than the reader takes
    /// (`JSONParser.maxStringBytes`), in words: `notes of Aino Järvinen would be 18.0 MiB written,
    /// over the 16 MiB a text may be`; nil when there is none. Only for the message of a save the
    /// encoder stopped (`FastEncoder.Stop.overlongString`): it maps every entity to a tree.
    static func overlongString(in n: Network) -> String? {
        let limit = JSONParser.maxStringBytes
        func found(_ v: JSON, _ path: String) -> (path: String, bytes: Int)? {
            switch v {
            case .string(let s):
                let length = JSONWriter.writtenLength(s)
                return length > limit ? (path, length) : nil
            case .array(let items):
                for (i, item) in items.enumerated() { if let f = found(item, "\(path)[\(i)]") { return f } }
            case .object(let members):
                for key in members.keys.sorted() {
                    let length = JSONWriter.writtenLength(key.text)
                    if length > limit { return ("a key in \(path.isEmpty ? "it" : path)", length) }
                    if let f = found(members[key]!, path.isEmpty ? key.text : "\(path).\(key)") { return f }
                }
            default: break
            }
            return nil
        }
        func words(_ f: (path: String, bytes: Int), _ owner: String) -> String {
            let tenths = (f.bytes * 10 + (1 << 20) - 1) >> 20
            return "\(f.path) of \(owner) would be \(tenths / 10).\(tenths % 10) MiB written, over the \(limit >> 20) MiB a text may be"
        }
        /// A name for a message: the first 40 characters (a name may be the long text).
        func short(_ s: String) -> String { s.count > 40 ? s.prefix(40) + "…" : s }
        for c in n.contacts { if let f = found(json(c), "") { return words(f, short(c.name)) } }
        for g in n.networks { if let f = found(json(g), "") { return words(f, "the network \(short(g.name))") } }
        for e in n.events { if let f = found(json(e), "") { return words(f, "the event \(short(e.name))") } }
        for i in n.interactions { if let f = found(json(i), "") { return words(f, "the interaction \(short(i.id))") } }
        var rest = n
        (rest.contacts, rest.networks, rest.events, rest.interactions) = ([], [], [], [])
        return found(json(rest), "").map { words($0, "the file") }
    }

    static func json(_ n: Network) -> JSON {
        var o = n.extra
        o["schemaVersion"] = .number(Double(n.schemaVersion))
        o["me"] = json(n.me)
        o["scheme"] = json(n.scheme)
        // Entities are written sorted by the bytes of their ids so that a file diffs and merges well.
        o["contacts"] = .array(n.contacts.sorted { ByteStrings.precedes($0.id, $1.id) }.map(json))
        o["networks"] = .array(n.networks.sorted { ByteStrings.precedes($0.id, $1.id) }.map(json))
        o["events"] = .array(n.events.sorted { ByteStrings.precedes($0.id, $1.id) }.map(json))
        o["interactions"] = .array(n.interactions.sorted { ByteStrings.precedes($0.id, $1.id) }.map(json))
        // Merge conflicts, in the order they were found; the key is left out when there are none.
        if !n.conflicts.isEmpty { o["conflicts"] = .array(n.conflicts.map(json)) }
        return .object(o)
    }

    static func json(_ m: Me) -> JSON {
        .object(m.extra.merging([
            "name": .string(m.name), "offers": JSON.strings(m.offers), "seeks": JSON.strings(m.seeks), "pitch": .string(m.pitch),
        ]) { $1 })
    }

    static func json(_ c: MergeConflict) -> JSON {
        .object(c.extra.merging([
            "entity": .string(c.entity.rawValue), "id": .string(c.id), "field": .string(c.field),
            "ours": c.ours, "theirs": c.theirs, "base": c.base,
        ]) { $1 })
    }


    static func json(_ s: Scheme) -> JSON {
        var quadrants = s.quadrantsExtra
        for q in Quadrant.allCases {
            let p = s.policy(q)
            quadrants[JSONKey(q.rawValue)] = .object(p.extra.merging([
                "name": .string(p.name), "cadenceDays": .number(Double(p.cadenceDays)), "policy": .string(p.policy),
            ]) { $1 })
        }
        return .object(s.extra.merging([
            "axisNow": .string(s.axisNow), "axisFuture": .string(s.axisFuture),
            "threshold": JSON.rating(s.threshold), "quadrants": .object(quadrants),
            "exitRules": .object(s.exitRules.extra.merging([
                "lowYieldHoursPerMonth": .number(s.exitRules.lowYieldHoursPerMonth),
                "silenceDays": .number(Double(s.exitRules.silenceDays)),
                "bestBeforeWarningDays": .number(Double(s.exitRules.bestBeforeWarningDays)),
                "lopsidedRatio": .number(s.exitRules.lopsidedRatio), "difficultTag": .string(s.exitRules.difficultTag),
            ]) { $1 }),
            "criteria": .array(s.criteria.map { c in
                .object(c.extra.merging(["id": .string(c.id), "name": .string(c.name), "axis": .string(c.axis.rawValue)]) { $1 })
            }),
        ]) { $1 })
    }

    package static func json(_ c: Contact) -> JSON {
        ContactFields.schema.json(c, extra: c.extra)
    }

    static func json(_ h: RatingChange) -> JSON {
        .object(h.extra.merging([
            "date": JSON.day(h.date), "fromNow": JSON.rating(h.fromNow), "fromFuture": JSON.rating(h.fromFuture),
            "toNow": JSON.rating(h.toNow), "toFuture": JSON.rating(h.toFuture),
        ]) { $1 })
    }

    private static func json(_ g: NetworkGroup) -> JSON {
        GroupFields.schema.json(g, extra: g.extra)
    }

    static func decision(_ d: ExitDecision?, _ extra: [JSONKey: JSON]) -> JSON {
        guard let d else { return .null }
        var o: [JSONKey: JSON] = ["kind": .string(d.kindName), "date": JSON.day(d.date)]
        switch d {
        case .keep(let reason, _): o["reason"] = .string(reason)
        case .reviewLater(let until, _): o["until"] = JSON.day(until)
        case .windDown(let by, let handover, _): o["by"] = JSON.day(by); o["handover"] = .string(handover)
        case .leave: break
        }
        return .object(extra.merging(o) { $1 })
    }

    private static func json(_ e: Event) -> JSON {
        EventFields.schema.json(e, extra: e.extra)
    }

    private static func json(_ i: Interaction) -> JSON {
        .object(i.extra.merging([
            "id": .string(i.id), "contact": .string(i.contact), "date": JSON.day(i.date),
            "kind": .string(i.kind.rawValue), "note": .string(i.note), "gave": .string(i.gave), "got": .string(i.got),
            "followUp": i.followUp.map { f in
                .object(f.extra.merging(["due": JSON.day(f.due), "what": .string(f.what), "done": JSON.day(f.done)]) { $1 })
            } ?? .null,
        ]) { $1 })
    }
}
