import NetModel
import Plumbing

/// A contact's fields in the file: the one table of them (see `Field`). A new field of `Contact`
/// is one entry here (its key and its value as each codec reads and writes it), plus its rule in
/// the import's merge (`ContactMergeRules`); `SchemaTests` fails until both are there.
enum ContactFields {
    static let schema = Schema<Contact>([
        Field("chemistry", encode: { w, c in w.rating(c.chemistry) },
              decode: { (d, c) throws(FastBail) in c.chemistry = try d.optionalRating() },
              tree: { .rating($0.chemistry) }, read: { r, c in c.chemistry = r.optionalRating("chemistry") }),
        Field("competences", encode: { w, c in w.strings(c.competences, indent: 3) },
              decode: { (d, c) throws(FastBail) in c.competences = try d.strings() },
              tree: { .strings($0.competences) }, read: { r, c in c.competences = r.strings("competences") }),
        Field("created", encode: { w, c in w.timestamp(c.created) },
              decode: { (d, c) throws(FastBail) in c.created = try d.optionalTimestamp() ?? IdentityDefaults.epoch },
              tree: { .string($0.created.description) }, read: nil),
        Field("criteria", encode: { w, c in w.ratings(c.criteria, indent: 3) },
              decode: { (d, c) throws(FastBail) in c.criteria = try d.ratingMap() },
              tree: { c in .object(Dictionary(uniqueKeysWithValues: c.criteria.map { (JSONKey($0.key), .rating($0.value)) })) },
              read: { r, c in c.criteria = r.ratingMap("criteria") }),
        Field("decision", encode: { w, c in w.json(NetworkCodec.decision(c.decision, c.decisionExtra), indent: 3) },
              decode: { (d, c) throws(FastBail) in (c.decision, c.decisionExtra) = try d.decision() },
              tree: { NetworkCodec.decision($0.decision, $0.decisionExtra) },
              read: { r, c in (c.decision, c.decisionExtra) = NetworkCodec.decision(&r) }),
        Field("emails", encode: { w, c in w.strings(c.emails, indent: 3) },
              decode: { (d, c) throws(FastBail) in c.emails = try d.uniqueStrings() },
              tree: { .strings($0.emails) }, read: { r, c in c.emails = r.strings("emails") }),
        Field("id", encode: { w, c in w.string(c.id) },
              decode: { (d, c) throws(FastBail) in c.id = try d.requiredString() },
              tree: { .string($0.id) }, read: nil),
        Field("importanceFuture", encode: { w, c in w.rating(c.importanceFuture) },
              decode: { (d, c) throws(FastBail) in c.importanceFuture = try d.optionalRating() ?? .tenth },
              tree: { .rating($0.importanceFuture) }, read: { r, c in c.importanceFuture = r.rating("importanceFuture", default: .tenth) }),
        Field("importanceNow", encode: { w, c in w.rating(c.importanceNow) },
              decode: { (d, c) throws(FastBail) in c.importanceNow = try d.optionalRating() ?? .tenth },
              tree: { .rating($0.importanceNow) }, read: { r, c in c.importanceNow = r.rating("importanceNow", default: .tenth) }),
        Field("kinds", encode: { w, c in w.array(c.kinds, indent: 3) { $0.string($1.rawValue) } },
              decode: { (d, c) throws(FastBail) in c.kinds = try d.enums(Keys.contactKinds) },
              tree: { .raws($0.kinds) }, read: { r, c in c.kinds = r.enums("kinds", ContactKind.self) }),
        Field("name", encode: { w, c in w.string(c.name) },
              decode: { (d, c) throws(FastBail) in c.name = try d.requiredString() },
              tree: { .string($0.name) }, read: nil),
        Field("needs", encode: { w, c in w.strings(c.needs, indent: 3) },
              decode: { (d, c) throws(FastBail) in c.needs = try d.strings() },
              tree: { .strings($0.needs) }, read: { r, c in c.needs = r.strings("needs") }),
        Field("notes", encode: { w, c in w.string(c.notes) },
              decode: { (d, c) throws(FastBail) in c.notes = try d.optionalSharedText() },
              tree: { .string($0.notes) }, read: { r, c in c.notes = r.string("notes") }),
        Field("organization", encode: { w, c in w.string(c.organization) },
              decode: { (d, c) throws(FastBail) in c.organization = try d.optionalSharedText() },
              tree: { .string($0.organization) }, read: { r, c in c.organization = r.string("organization") }),
        Field("owner", encode: { w, c in w.string(c.owner) },
              decode: { (d, c) throws(FastBail) in c.owner = try d.optionalSharedText() },
              tree: { .string($0.owner) }, read: { r, c in c.owner = r.string("owner") }),
        Field("phones", encode: { w, c in w.strings(c.phones, indent: 3) },
              decode: { (d, c) throws(FastBail) in c.phones = try d.strings() },
              tree: { .strings($0.phones) }, read: { r, c in c.phones = r.strings("phones") }),
        Field("ratingHistory", encode: { w, c in w.array(c.ratingHistory, indent: 3) { $0.ratingChange($1) } },
              decode: { (d, c) throws(FastBail) in
                  c.ratingHistory = try d.null() ? [] : d.array { (d: inout FastDecoder) throws(FastBail) in try d.ratingChange() }
              },
              tree: { .array($0.ratingHistory.map(NetworkCodec.json)) },
              read: { r, c in c.ratingHistory = NetworkCodec.ratingHistory(&r) }),
        Field("role", encode: { w, c in w.string(c.role) },
              decode: { (d, c) throws(FastBail) in c.role = try d.optionalSharedText() },
              tree: { .string($0.role) }, read: { r, c in c.role = r.string("role") }),
        // Written only when not empty; any other value under the key is kept as an unknown key.
        Field(ImportKeys.sourceKeys.text, encode: { w, c in w.strings(c.sourceKeys, indent: 3) },
              decode: { (d, c) throws(FastBail) in c.sourceKeys = try d.nonEmptyStrings(ImportKeys.sourceKeys, else: &c.extra) },
              tree: { .strings($0.sourceKeys) }, read: { r, c in c.sourceKeys = r.nonEmptyStrings(ImportKeys.sourceKeys.text) },
              omitted: { $0.sourceKeys.isEmpty }),
        Field("stage", encode: { w, c in w.string(c.stage.rawValue) },
              decode: { (d, c) throws(FastBail) in c.stage = try d.optionalEnum(Keys.stages) ?? .interest },
              tree: { .string($0.stage.rawValue) }, read: { r, c in c.stage = r.enumValue("stage", default: .interest) }),
        Field("tags", encode: { w, c in w.strings(c.tags, indent: 3) },
              decode: { (d, c) throws(FastBail) in c.tags = try d.strings() },
              tree: { .strings($0.tags) }, read: { r, c in c.tags = r.strings("tags") }),
        Field("updated", encode: { w, c in w.timestamp(c.updated) },
              decode: { (d, c) throws(FastBail) in c.updated = try d.optionalTimestamp() ?? IdentityDefaults.unset },
              tree: { .string($0.updated.description) }, read: nil),
        Field(ImportKeys.urls.text, encode: { w, c in w.strings(c.urls, indent: 3) },
              decode: { (d, c) throws(FastBail) in c.urls = try d.nonEmptyStrings(ImportKeys.urls, else: &c.extra) },
              tree: { .strings($0.urls) }, read: { r, c in c.urls = r.nonEmptyStrings(ImportKeys.urls.text) },
              omitted: { $0.urls.isEmpty }),
    ])

    /// The keys a contact must have.
    static let required: UInt64 = 1 << UInt64(schema.index("id")) | 1 << UInt64(schema.index("name"))
}

/// The defaults of the keys contacts and networks share, for the fast decoder: `created` absent or
/// `null` is the epoch, `updated` absent or `null` is `created`.
enum IdentityDefaults {
    static let epoch = Timestamp(seconds: 0)
    /// `updated` not read yet: made `created` once the object is read (`resolve`).
    static let unset = Timestamp(seconds: .min)

    /// Whether the id read is a usable one (not empty), with `updated` resolved.
    @inline(__always)
    static func resolve(id: String, created: Timestamp, updated: inout Timestamp) -> Bool {
        if updated == unset { updated = created }
        return !id.isEmpty
    }
}

extension JSON {
    static func strings(_ s: [String]) -> JSON { .array(s.map(JSON.string)) }
    static func raws<E: RawRepresentable>(_ s: [E]) -> JSON where E.RawValue == String { .array(s.map { .string($0.rawValue) }) }
    static func rating(_ r: Rating?) -> JSON { r.map { .number($0.value) } ?? .null }
    static func day(_ d: Day?) -> JSON { d.map { .string($0.description) } ?? .null }
}
