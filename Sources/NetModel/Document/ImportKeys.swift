import Plumbing

/// The keys under which importers keep what they find in a contact's JSON (documented in
/// docs/IMPORT.md): the first two are `Contact` fields, written when not empty; the others are
/// kept in `Contact.extra`.
public enum ImportKeys {
    /// `Contact.sourceKeys`.
    public static let sourceKeys: JSONKey = "sourceKeys"
    /// `Contact.urls`.
    public static let urls: JSONKey = "urls"
    /// String: `YYYY-MM-DD` or `--MM-DD`.
    public static let birthday: JSONKey = "birthday"
    /// Array of strings: vCard `ORG` units after the organisation's name.
    public static let organizationUnits: JSONKey = "organizationUnits"
    /// `true` when the contact is an organisation rather than a person (vCard `KIND:org`).
    public static let isOrganization: JSONKey = "isOrganization"

    package static let all: Set<JSONKey> = [sourceKeys, urls, birthday, organizationUnits, isOrganization]
}

extension Contact {
    public var birthday: String {
        if case .string(let s)? = extra[ImportKeys.birthday] { return s }
        return ""
    }
    public var organizationUnits: [String] { Contact.strings(extra[ImportKeys.organizationUnits]) }
    public var isOrganization: Bool { extra[ImportKeys.isOrganization] == .bool(true) }

    static func strings(_ json: JSON?) -> [String] {
        guard case .array(let items)? = json else { return [] }
        return items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
    }
}
