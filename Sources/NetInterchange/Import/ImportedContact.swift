import NetModel
import NetStore
import Plumbing

/// The formats `nettui import` reads.
public enum ImportFormat: String, CaseIterable, Sendable {
    /// vCard 2.1, 3.0 or 4.0 (`.vcf`).
    case vcard
    /// LinkedIn's connections export (`Connections.csv`).
    case linkedin
    /// Google Contacts' CSV export (`contacts.csv`).
    case google
}

/// Why an import was refused: the file, the line (when one is to blame) and the problem.
public struct ImportError: Error, Equatable, CustomStringConvertible, Sendable {
    public var path: String
    /// 1-based line in `path`; nil when the problem is the file as a whole.
    public var line: Int?
    public var message: String

    public init(path: String, line: Int? = nil, _ message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(path), line \(line): \(message)" }
        return "\(path): \(message)"
    }
}

/// One record read from an import source, cleaned and ready to merge. Empty strings and lists
/// mean "the source says nothing"; optional values are nil when the source does not give them.
public struct ImportedContact: Equatable, Sendable {
    /// Where the record starts in the source file (1-based).
    public var line: Int
    /// When set, the record is not merged and the summary lists it as skipped with this reason.
    public var skipReason: String?

    public var name = ""
    public var organization = ""
    /// vCard `ORG` units after the organisation name (department, team).
    public var organizationUnits: [String] = []
    /// vCard `KIND:org` (or Apple's `X-ABShowAs:COMPANY`): the card is an organisation.
    public var isOrganization = false
    public var role = ""
    public var emails: [String] = []
    public var phones: [String] = []
    public var urls: [String] = []
    /// `YYYY-MM-DD`, `--MM-DD` when the year is unknown, else the source text.
    public var birthday = ""
    public var tags: [String] = []
    public var notes = ""
    /// Stable keys of the record in its source: `vcard:UID`, `linkedin:www.linkedin.com/in/slug`.
    public var sourceKeys: [String] = []

    // Our own fields, from `X-NETTUI-…` properties (a NetTUI export).
    public var id: String?
    public var kinds: [ContactKind] = []
    public var competences: [String] = []
    public var needs: [String] = []
    public var importanceNow: Rating?
    public var importanceFuture: Rating?
    public var stage: Stage?
    public var chemistry: Rating?
    public var owner = ""
    public var criteria: [String: Rating] = [:]
    public var ratingHistory: [RatingChange] = []
    /// The first-contact date (LinkedIn's "Connected On", or `X-NETTUI-CREATED`).
    public var created: Timestamp?
    /// Only from a NetTUI export (`REV` on a card with `X-NETTUI-ID`).
    public var updated: Timestamp?
    /// Other keys of the contact's `extra`, from `X-NETTUI-EXTRA`.
    public var extra: [JSONKey: JSON] = [:]

    public init(line: Int) { self.line = line }
}
