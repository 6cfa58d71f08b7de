import NetModel

/// The add/edit form of a contact: one text field per property, lists as comma-separated text.
struct ContactForm: Equatable, Sendable {
    enum Field: Int, CaseIterable, Sendable {
        case name, organization, role, emails, phones, tags, kinds, competences, needs, notes
        case importanceNow, importanceFuture, stage, chemistry, owner

        var label: String {
            switch self {
            case .name: return "Name"
            case .organization: return "Organisation"
            case .role: return "Role"
            case .emails: return "Emails"
            case .phones: return "Phones"
            case .tags: return "Tags"
            case .kinds: return "Kinds"
            case .competences: return "Can do"
            case .needs: return "Needs"
            case .notes: return "Notes"
            case .importanceNow: return "Importance now"
            case .importanceFuture: return "Importance future"
            case .stage: return "Stage"
            case .chemistry: return "Chemistry"
            case .owner: return "Owner"
            }
        }

        /// What may be typed, shown when the field has the focus.
        var hint: String {
            switch self {
            case .emails, .phones, .tags, .competences, .needs: return "comma-separated"
            case .kinds: return ContactKind.allCases.map(\.rawValue).joined(separator: ", ")
            case .importanceNow, .importanceFuture: return Rating.scaleText
            case .stage: return Stage.allCases.map(\.rawValue).joined(separator: ", ")
            case .chemistry: return "empty or " + Rating.scaleText
            case .name: return "required"
            default: return ""
            }
        }
    }

    /// The contact being edited; nil when adding.
    var original: Contact?
    var fields: [TextField]
    var focus: Field = .name
    /// Why the last submit was refused.
    var error: String?

    init(contact: Contact?) {
        original = contact
        let c = contact
        func list(_ items: [String]?) -> String { (items ?? []).joined(separator: ", ") }
        fields = Field.allCases.map { field in
            switch field {
            case .name: return TextField(c?.name ?? "")
            case .organization: return TextField(c?.organization ?? "")
            case .role: return TextField(c?.role ?? "")
            case .emails: return TextField(list(c?.emails))
            case .phones: return TextField(list(c?.phones))
            case .tags: return TextField(list(c?.tags))
            case .kinds: return TextField(list(c?.kinds.map(\.rawValue)))
            case .competences: return TextField(list(c?.competences))
            case .needs: return TextField(list(c?.needs))
            case .notes: return TextField(c?.notes ?? "")
            case .importanceNow: return TextField((c?.importanceNow ?? .tenth).text)
            case .importanceFuture: return TextField((c?.importanceFuture ?? .tenth).text)
            case .stage: return TextField((c?.stage ?? .interest).rawValue)
            case .chemistry: return TextField(c?.chemistry?.text ?? "")
            case .owner: return TextField(c?.owner ?? "")
            }
        }
    }

    var title: String { original == nil ? "New contact" : "Edit contact" }

    subscript(field: Field) -> TextField {
        get { fields[field.rawValue] }
        set { fields[field.rawValue] = newValue }
    }

    mutating func moveFocus(by delta: Int) {
        let n = Field.allCases.count
        focus = Field(rawValue: ((focus.rawValue + delta) % n + n) % n)!
    }

    static func splitList(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
    }

    /// The contact the form describes, or the first field that is wrong and why.
    func build(id: String, now: Timestamp) -> Result<Contact, FormError> {
        func text(_ f: Field) -> String { self[f].text.trimmingWhitespace }
        let name = text(.name)
        guard !name.isEmpty else { return .failure(FormError(field: .name, message: "A contact needs a name")) }
        var c = original ?? Contact(id: id, name: name, created: now)
        c.name = name
        c.organization = text(.organization)
        c.role = text(.role)
        c.emails = Self.splitList(text(.emails))
        c.phones = Self.splitList(text(.phones))
        c.tags = Self.splitList(text(.tags))
        var kinds: [ContactKind] = []
        for raw in Self.splitList(text(.kinds)) {
            guard let k = ContactKind(rawValue: raw.lowercased()) else {
                return .failure(FormError(field: .kinds, message: "Kinds: \"\(raw)\" is not one of \(Field.kinds.hint)"))
            }
            if !kinds.contains(k) { kinds.append(k) }
        }
        c.kinds = kinds
        c.competences = Self.splitList(text(.competences))
        c.needs = Self.splitList(text(.needs))
        c.notes = text(.notes)
        var ratings: [Rating] = []
        for f in [Field.importanceNow, .importanceFuture] {
            guard let r = Rating(text: text(f)) else {
                return .failure(FormError(field: f, message: "\(f.label) must be one of \(Rating.scaleText)"))
            }
            ratings.append(r)
        }
        // A change of rating is recorded in the contact's history (its path through the matrix).
        if original == nil {
            (c.importanceNow, c.importanceFuture) = (ratings[0], ratings[1])
        } else {
            c.setRatings(now: ratings[0], future: ratings[1], on: now.day)
        }
        guard let stage = Stage(rawValue: text(.stage).lowercased()) else {
            return .failure(FormError(field: .stage, message: "Stage must be one of \(Field.stage.hint)"))
        }
        c.stage = stage
        if text(.chemistry).isEmpty {
            c.chemistry = nil
        } else if let r = Rating(text: text(.chemistry)) {
            c.chemistry = r
        } else {
            return .failure(FormError(field: .chemistry, message: "Chemistry must be empty or one of \(Rating.scaleText)"))
        }
        c.owner = text(.owner)
        if c != original { c.updated = now }
        return .success(c)
    }
}

struct FormError: Error, Equatable {
    var field: ContactForm.Field
    var message: String
}
