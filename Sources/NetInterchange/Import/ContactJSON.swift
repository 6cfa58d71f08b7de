import NetModel
import NetStore
import Plumbing

/// A bridge to the data file's codec for contact fields that vCard has no property for: the export
/// writes every such key of a contact's JSON (as the data file has it) as `X-NETTUI-EXTRA:key;json`,
/// and the import reads them back through the same codec. Fields added to `Contact` later (and
/// unknown keys kept in `extra`) therefore survive an export→import round trip without changes here.
enum ContactJSON {
    /// Contact fields the vCard export writes as their own properties.
    static let coreKeys: Set<JSONKey> = [
        "id", "name", "organization", "role", "emails", "phones", "tags", "kinds", "competences", "needs", "notes",
        "importanceNow", "importanceFuture", "stage", "chemistry", "owner", "criteria", "ratingHistory", "created", "updated",
    ]

    /// Whether an importer key's value has its own vCard property (URL, BDAY, KIND, …) that gives it
    /// back exactly; other values of these keys go as `X-NETTUI-EXTRA`.
    static func representable(_ key: JSONKey, _ value: JSON) -> Bool {
        func nonEmptyStrings(_ v: JSON) -> Bool {
            guard case .array(let items) = v, !items.isEmpty else { return false }
            return items.allSatisfy { if case .string(let s) = $0 { return !s.isEmpty && ImportText.isClean(s) } else { return false } }
        }
        switch key {
        case ImportKeys.sourceKeys, ImportKeys.urls, ImportKeys.organizationUnits: return nonEmptyStrings(value)
        case ImportKeys.birthday:
            if case .string(let s) = value { return !s.isEmpty && ImportText.isClean(s) && CardBuilder.birthday(s) == s }
            return false
        case ImportKeys.isOrganization: return value == .bool(true)
        default: return false
        }
    }

    /// The contact's JSON object as the codec writes it.
    static func object(_ c: Contact) -> [JSONKey: JSON] {
        guard case .object(let o) = NetworkCodec.json(c) else { return [:] }
        return o
    }

    /// The contact's JSON object as the codec writes it when it holds anything beyond the fields the
    /// export maps (an exit decision, keys from a newer version, …); empty when it does not, which is
    /// found without encoding: a copy with only the mapped fields equals the contact.
    static func unmappedObject(_ c: Contact) -> [JSONKey: JSON] {
        var probe = Contact(id: c.id, name: c.name, created: c.created)
        probe.updated = c.updated
        probe.organization = c.organization
        probe.role = c.role
        probe.emails = c.emails
        probe.phones = c.phones
        probe.tags = c.tags
        probe.kinds = c.kinds
        probe.competences = c.competences
        probe.needs = c.needs
        probe.notes = c.notes
        probe.importanceNow = c.importanceNow
        probe.importanceFuture = c.importanceFuture
        probe.stage = c.stage
        probe.chemistry = c.chemistry
        probe.criteria = c.criteria
        probe.ratingHistory = c.ratingHistory
        probe.owner = c.owner
        if representable(ImportKeys.sourceKeys, .array(c.sourceKeys.map(JSON.string))) { probe.sourceKeys = c.sourceKeys }
        if representable(ImportKeys.urls, .array(c.urls.map(JSON.string))) { probe.urls = c.urls }
        for (k, v) in c.extra where ImportKeys.all.contains(k) && representable(k, v) { probe.extra[k] = v }
        if probe == c { return [:] }
        return object(c)
    }

    /// The keys of a contact's JSON that have no vCard property of their own; a codec key whose
    /// value is null (its default) is left out.
    static func unmapped(_ object: [JSONKey: JSON], extra: [JSONKey: JSON]) -> [(String, JSON)] {
        object.keys.sorted().compactMap { key in
            guard !coreKeys.contains(key), let value = object[key] else { return nil }
            if ImportKeys.all.contains(key), representable(key, value) { return nil }
            if value == .null, extra[key] == nil { return nil }
            return (key.text, value)
        }
    }

    /// A contact read back from its JSON object by the codec; nil when the codec finds a problem.
    static func contact(from object: [JSONKey: JSON]) -> Contact? {
        var problems: [Problem] = []
        let c = NetworkCodec.contact(.object(object), problems: &problems)
        return problems.isEmpty ? c : nil
    }

    /// `contact` with `values` set in its JSON (only where it has nothing, when `fillOnly`), read
    /// back by the codec; the contact unchanged when the result does not read cleanly.
    static func setting(_ values: [JSONKey: JSON], on contact: Contact, fillOnly: Bool) -> Contact {
        guard !values.isEmpty else { return contact }
        var fields = object(contact)
        for (k, v) in values where !coreKeys.contains(k) {
            if fillOnly, let old = fields[k], old != .null { continue }
            if fillOnly, v == .null { continue }
            fields[k] = v
        }
        return self.contact(from: fields) ?? contact
    }
}
