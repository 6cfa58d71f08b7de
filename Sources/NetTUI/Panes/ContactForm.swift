import NetModel
import NetInterchange

/// The add/edit form of a contact: one text field per property, lists as comma-separated text.
enum ContactForm {
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

    static func make(_ contact: Contact?, focus: Field = .name) -> Form {
        let c = contact
        func list(_ items: [String]?) -> String { (items ?? []).joined(separator: ", ") }
        let fields = Field.allCases.map { field -> Form.Field in
            let text: String
            switch field {
            case .name: text = c?.name ?? ""
            case .organization: text = c?.organization ?? ""
            case .role: text = c?.role ?? ""
            case .emails: text = list(c?.emails)
            case .phones: text = list(c?.phones)
            case .tags: text = list(c?.tags)
            case .kinds: text = list(c?.kinds.map(\.rawValue))
            case .competences: text = list(c?.competences)
            case .needs: text = list(c?.needs)
            case .notes: text = c?.notes ?? ""
            case .importanceNow: text = (c?.importanceNow ?? .tenth).text
            case .importanceFuture: text = (c?.importanceFuture ?? .tenth).text
            case .stage: text = (c?.stage ?? .interest).rawValue
            case .chemistry: text = c?.chemistry?.text ?? ""
            case .owner: text = c?.owner ?? ""
            }
            return Form.Field(label: field.label, hint: field.hint, input: TextField(text), multiline: field == .notes)
        }
        return Form(title: contact == nil ? "New contact" : "Edit contact", fields: fields, focus: focus.rawValue,
                    purpose: .contact(original: contact))
    }

    /// The contact the form describes, or the first field that is wrong and why.
    static func build(_ form: Form, original: Contact?, id: String, now: Timestamp) -> Result<Contact, FormError> {
        func text(_ f: Field) -> String { form.text(f.rawValue) }
        func fail(_ f: Field, _ message: String) -> Result<Contact, FormError> { .failure(FormError(field: f.rawValue, message: message)) }
        let name = text(.name)
        guard !name.isEmpty else { return fail(.name, "A contact needs a name") }
        var c = original ?? Contact(id: id, name: name, created: now)
        c.name = name
        c.organization = text(.organization)
        c.role = text(.role)
        c.emails = Form.splitList(text(.emails))
        c.phones = Form.splitList(text(.phones))
        c.tags = Form.splitList(text(.tags))
        var kinds: [ContactKind] = []
        for raw in Form.splitList(text(.kinds)) {
            guard let k = ContactKind(rawValue: raw.lowercased()) else {
                return fail(.kinds, "Kinds: \"\(raw)\" is not one of \(Field.kinds.hint)")
            }
            if !kinds.contains(k) { kinds.append(k) }
        }
        c.kinds = kinds
        c.competences = Form.splitList(text(.competences))
        c.needs = Form.splitList(text(.needs))
        c.notes = text(.notes)
        var ratings: [Rating] = []
        for f in [Field.importanceNow, .importanceFuture] {
            guard let r = Rating(text: text(f)) else { return fail(f, "\(f.label) must be one of \(Rating.scaleText)") }
            ratings.append(r)
        }
        // A change of rating is recorded in the contact's history (its path through the matrix).
        if original == nil {
            (c.importanceNow, c.importanceFuture) = (ratings[0], ratings[1])
        } else {
            c.setRatings(now: ratings[0], future: ratings[1], on: now.day)
        }
        guard let stage = Stage(rawValue: text(.stage).lowercased()) else {
            return fail(.stage, "Stage must be one of \(Field.stage.hint)")
        }
        c.stage = stage
        if text(.chemistry).isEmpty {
            c.chemistry = nil
        } else if let r = Rating(text: text(.chemistry)) {
            c.chemistry = r
        } else {
            return fail(.chemistry, "Chemistry must be empty or one of \(Rating.scaleText)")
        }
        c.owner = text(.owner)
        if c != original { c.updated = now }
        return .success(c)
    }
}

extension Form {
    /// A contact form's field by name (tests and the rating shortcut use it).
    subscript(field: ContactForm.Field) -> TextField { fields[field.rawValue].input }
}
