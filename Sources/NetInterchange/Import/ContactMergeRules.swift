import NetModel
import Plumbing

/// How an imported record's value merges into a contact it matched, one rule per field: what the
/// contact has is kept, the record only fills gaps and adds list items. Each rule says both how it
/// merges (`merge`) and when it would change nothing (`addsNothing`, the quick look a re-import
/// takes before it copies the contact), side by side, so the two cannot drift apart; the common
/// kinds (`text`, `list`, `rating`) make both from one description. `SchemaTests` checks that every
/// field of the file's contact table has a rule here or is named in `notMerged`.
struct MergeRule: Sendable {
    /// The contact's field (its key in the file) or the unknown key the record fills.
    let field: String
    /// Merges the record's value into the contact, appending the names of the fields it changed.
    let merge: @Sendable (inout Contact, ImportedContact, inout [String]) -> Void
    /// True only when `merge` would change nothing (false when not sure). The contact is lent in
    /// place (`Lent`): passed as a value, even `borrowing`, it would be copied (`Merger.addsNothing`).
    let addsNothing: @Sendable (Lent<Contact>, ImportedContact) -> Bool

    // The common kinds: `read` is the contact's value for the quick look (lent in place), `modify`
    // gives the merge the value in place.

    /// A text the record fills when the contact's is empty.
    static func text(_ field: String, _ read: @escaping @Sendable (Lent<Contact>) -> String,
                     _ modify: @escaping @Sendable (inout Contact, (inout String) -> Void) -> Void,
                     from record: @escaping @Sendable (ImportedContact) -> String) -> MergeRule {
        MergeRule(field: field, merge: { c, r, fields in
            let value = record(r)
            guard !value.isEmpty else { return }
            modify(&c) { if $0.isEmpty { $0 = value; fields.append(field) } }
        }, addsNothing: { c, r in record(r).isEmpty || !read(c).isEmpty })
    }

    /// A list the record's items are added to (those whose `key` the list lacks).
    static func list(_ field: String, key: @escaping @Sendable (String) -> String,
                     _ read: @escaping @Sendable (Lent<Contact>) -> [String],
                     _ modify: @escaping @Sendable (inout Contact, (inout [String]) -> Void) -> Void,
                     from record: @escaping @Sendable (ImportedContact) -> [String]) -> MergeRule {
        MergeRule(field: field, merge: { c, r, fields in
            modify(&c) { if Merger.union(&$0, record(r), key: key) { fields.append(field) } }
        }, addsNothing: { c, r in
            let list = read(c)
            return record(r).allSatisfy { $0.isEmpty || list.contains($0) }
        })
    }

    /// A rating the record sets while the contact's is the default (a tenth).
    static func rating(_ field: String, _ read: @escaping @Sendable (Lent<Contact>) -> Rating,
                       _ modify: @escaping @Sendable (inout Contact, (inout Rating) -> Void) -> Void,
                       from record: @escaping @Sendable (ImportedContact) -> Rating?) -> MergeRule {
        MergeRule(field: field, merge: { c, r, fields in
            guard let value = record(r), value != .tenth else { return }
            modify(&c) { if $0 == .tenth { $0 = value; fields.append(field) } }
        }, addsNothing: { c, r in
            let value = record(r)
            return value == nil || value == .tenth || read(c) != .tenth
        })
    }
}

enum ContactMergeRules {
    /// The rules, in the order the fields they change are named in the import's summary.
    static let all: [MergeRule] = [
        .text("name", { $0.name }, { c, f in f(&c.name) }, from: { $0.name }),
        .text("organization", { $0.organization }, { c, f in f(&c.organization) }, from: { $0.organization }),
        .text("role", { $0.role }, { c, f in f(&c.role) }, from: { $0.role }),
        .list("emails", key: ImportText.emailKey, { $0.emails }, { c, f in f(&c.emails) }, from: { $0.emails }),
        .list("phones", key: ImportText.phoneKey, { $0.phones }, { c, f in f(&c.phones) }, from: { $0.phones }),
        .list("tags", key: ImportText.foldKey, { $0.tags }, { c, f in f(&c.tags) }, from: { $0.tags }),
        MergeRule(field: "kinds", merge: { c, r, fields in
            var kinds = c.kinds.map(\.rawValue)
            if Merger.union(&kinds, r.kinds.map(\.rawValue), key: { $0 }) {
                c.kinds = kinds.compactMap(ContactKind.init(rawValue:))
                fields.append("kinds")
            }
        }, addsNothing: { c, r in r.kinds.allSatisfy(c.kinds.contains) }),
        .list("competences", key: ImportText.foldKey, { $0.competences }, { c, f in f(&c.competences) }, from: { $0.competences }),
        .list("needs", key: ImportText.foldKey, { $0.needs }, { c, f in f(&c.needs) }, from: { $0.needs }),
        .text("notes", { $0.notes }, { c, f in f(&c.notes) }, from: { $0.notes }),
        .rating("importanceNow", { $0.importanceNow }, { c, f in f(&c.importanceNow) }, from: { $0.importanceNow }),
        .rating("importanceFuture", { $0.importanceFuture }, { c, f in f(&c.importanceFuture) }, from: { $0.importanceFuture }),
        MergeRule(field: "stage", merge: { c, r, fields in
            if let s = r.stage, c.stage == .interest, s != .interest { c.stage = s; fields.append("stage") }
        }, addsNothing: { c, r in r.stage == nil || r.stage == .interest || c.stage != .interest }),
        MergeRule(field: "chemistry", merge: { c, r, fields in
            if c.chemistry == nil, let ch = r.chemistry { c.chemistry = ch; fields.append("chemistry") }
        }, addsNothing: { c, r in r.chemistry == nil || c.chemistry != nil }),
        MergeRule(field: "ratingHistory", merge: { c, r, fields in
            if c.ratingHistory.isEmpty, !r.ratingHistory.isEmpty { c.ratingHistory = r.ratingHistory; fields.append("ratingHistory") }
        }, addsNothing: { c, r in r.ratingHistory.isEmpty || !c.ratingHistory.isEmpty }),
        MergeRule(field: "criteria", merge: { c, r, fields in
            var changed = false
            for (k, v) in r.criteria where c.criteria[k] == nil { c.criteria[k] = v; changed = true }
            if changed { fields.append("criteria") }
        }, addsNothing: { c, r in r.criteria.keys.allSatisfy { c.criteria[$0] != nil } }),
        .text("owner", { $0.owner }, { c, f in f(&c.owner) }, from: { $0.owner }),
        MergeRule(field: "created", merge: { c, r, fields in
            if let created = r.created, created < c.created { c.created = created; fields.append("created") }
        }, addsNothing: { c, r in r.created.map { $0 >= c.created } ?? true }),
        // An unknown value under the same key (not a list of strings) gives way to the list.
        MergeRule(field: ImportKeys.sourceKeys.text, merge: { c, r, fields in
            if Merger.union(&c.sourceKeys, r.sourceKeys, key: { $0 }) { c.extra[ImportKeys.sourceKeys] = nil; fields.append("sourceKeys") }
        }, addsNothing: { c, r in r.sourceKeys.allSatisfy { $0.isEmpty || c.sourceKeys.contains($0) } }),
        MergeRule(field: ImportKeys.urls.text, merge: { c, r, fields in
            if Merger.union(&c.urls, r.urls, key: { $0 }) { c.extra[ImportKeys.urls] = nil; fields.append("urls") }
        }, addsNothing: { c, r in r.urls.allSatisfy { $0.isEmpty || c.urls.contains($0) } }),
        // Record values the file keeps among the contact's unknown keys.
        MergeRule(field: ImportKeys.birthday.text, merge: { c, r, fields in
            if !r.birthday.isEmpty, c.extra[ImportKeys.birthday] == nil { c.extra[ImportKeys.birthday] = .string(r.birthday); fields.append("birthday") }
        }, addsNothing: { c, r in r.birthday.isEmpty || c.extra[ImportKeys.birthday] != nil }),
        MergeRule(field: ImportKeys.organizationUnits.text, merge: { c, r, fields in
            if !r.organizationUnits.isEmpty, c.organization == r.organization, c.extra[ImportKeys.organizationUnits] == nil {
                c.extra[ImportKeys.organizationUnits] = .array(r.organizationUnits.map(JSON.string))
                fields.append("organizationUnits")
            }
        }, addsNothing: { c, r in
            r.organizationUnits.isEmpty || c.organization != r.organization || c.extra[ImportKeys.organizationUnits] != nil
        }),
        MergeRule(field: ImportKeys.isOrganization.text, merge: { c, r, fields in
            if r.isOrganization, c.extra[ImportKeys.isOrganization] == nil { c.extra[ImportKeys.isOrganization] = .bool(true); fields.append("isOrganization") }
        }, addsNothing: { c, r in !r.isOrganization || c.extra[ImportKeys.isOrganization] != nil }),
        // Other fields of a NetTUI export (X-NETTUI-EXTRA), read by the data file's codec.
        MergeRule(field: "extra", merge: { c, r, fields in
            guard !r.extra.isEmpty else { return }
            let filled = ContactJSON.setting(r.extra, on: c, fillOnly: true)
            if filled != c {
                fields += r.extra.keys.sorted().map(\.text)
                c = filled
            }
        }, addsNothing: { _, r in r.extra.isEmpty }),
    ]

    /// The contact's fields an import never changes in a contact it matched (`Merger.update` sets
    /// `updated` itself).
    static let notMerged: Set<String> = ["id", "updated", "decision"]
}
