import NetModel
import NetInterchange

/// Logging an interaction with a contact: when, what kind, what happened, what I gave and got, and
/// an optional follow-up.
enum InteractionForm {
    enum Field: Int, CaseIterable, Sendable {
        case date, kind, note, gave, got, followUpDue, followUpWhat

        var label: String {
            switch self {
            case .date: return "Date"
            case .kind: return "Kind"
            case .note: return "Note"
            case .gave: return "I gave"
            case .got: return "I got"
            case .followUpDue: return "Follow up on"
            case .followUpWhat: return "Follow-up"
            }
        }

        var hint: String {
            switch self {
            case .date: return "YYYY-MM-DD"
            case .kind: return InteractionKind.allCases.map(\.rawValue).joined(separator: ", ")
            case .gave, .got: return "in words; counts in the give/get tally"
            case .followUpDue: return "YYYY-MM-DD, or empty for no follow-up"
            case .followUpWhat: return "what to do then"
            case .note: return ""
            }
        }
    }

    static func make(contact: Contact, today: Day) -> Form {
        let fields = Field.allCases.map { f -> Form.Field in
            let text: String
            switch f {
            case .date: text = today.description
            case .kind: text = InteractionKind.meeting.rawValue
            default: text = ""
            }
            return Form.Field(label: f.label, hint: f.hint, input: TextField(text, suggestion: f == .date || f == .kind), multiline: f == .note)
        }
        return Form(title: "Log: \(contact.name)", fields: fields, focus: Field.note.rawValue, purpose: .interaction(contactID: contact.id))
    }

    static func build(_ form: Form, contactID: String, id: String, today: Day) -> Result<Interaction, FormError> {
        func text(_ f: Field) -> String { form.text(f.rawValue) }
        func fail(_ f: Field, _ m: String) -> Result<Interaction, FormError> { .failure(FormError(field: f.rawValue, message: m)) }
        guard let date = Day(iso: text(.date)), text(.date).count == 10 else { return fail(.date, "Date must be YYYY-MM-DD") }
        guard let kind = InteractionKind(rawValue: text(.kind).lowercased()) else {
            return fail(.kind, "Kind must be one of \(Field.kind.hint)")
        }
        var i = Interaction(id: id, contact: contactID, date: date, kind: kind)
        i.note = text(.note)
        i.gave = text(.gave)
        i.got = text(.got)
        let due = text(.followUpDue), what = text(.followUpWhat)
        if !due.isEmpty || !what.isEmpty {
            guard let d = Day(iso: due), due.count == 10 else { return fail(.followUpDue, "A follow-up needs a date YYYY-MM-DD") }
            guard !what.isEmpty else { return fail(.followUpWhat, "Say what to do on \(d)") }
            i.followUp = FollowUp(due: d, what: what)
        }
        guard !i.note.isEmpty || !i.gave.isEmpty || !i.got.isEmpty || i.followUp != nil else {
            return fail(.note, "Write a note, what was given or got, or a follow-up")
        }
        return .success(i)
    }
}
