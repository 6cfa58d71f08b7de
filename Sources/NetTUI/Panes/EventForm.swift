import NetModel
import NetStore
import NetInterchange

/// Adding or editing an event: a dated occasion, optionally of one of our networks.
enum EventForm {
    enum Field: Int, CaseIterable, Sendable {
        case name, date, network, location, notes

        var label: String {
            switch self {
            case .name: return "Name"
            case .date: return "Date"
            case .network: return "Network"
            case .location: return "Location"
            case .notes: return "Notes"
            }
        }

        var hint: String {
            switch self {
            case .name: return "required"
            case .date: return "YYYY-MM-DD"
            case .network: return "a network's name (or the start of it), or empty"
            default: return ""
            }
        }
    }

    static func make(_ e: Event?, network: Network, today: Day) -> Form {
        let fields = Field.allCases.map { f -> Form.Field in
            let text: String
            switch f {
            case .name: text = e?.name ?? ""
            case .date: text = (e?.date ?? today).description
            case .network: text = e?.network.flatMap { network.network(id: $0)?.name } ?? ""
            case .location: text = e?.location ?? ""
            case .notes: text = e?.notes ?? ""
            }
            return Form.Field(label: f.label, hint: f.hint, input: TextField(text), multiline: f == .notes)
        }
        return Form(title: e == nil ? "New event" : "Edit event", fields: fields, purpose: .event(original: e))
    }

    static func build(_ form: Form, original: Event?, id: String, network: Network) -> Result<Event, FormError> {
        func text(_ f: Field) -> String { form.text(f.rawValue) }
        func fail(_ f: Field, _ m: String) -> Result<Event, FormError> { .failure(FormError(field: f.rawValue, message: m)) }
        let name = text(.name)
        guard !name.isEmpty else { return fail(.name, "An event needs a name") }
        guard let date = Day(iso: text(.date)), text(.date).count == 10 else { return fail(.date, "Date must be YYYY-MM-DD") }
        var e = original ?? Event(id: id, name: name, date: date)
        e.name = name
        e.date = date
        let wanted = SearchText.fold(text(.network))
        if wanted.isEmpty {
            e.network = nil
        } else {
            let exact = network.networks.filter { SearchText.fold($0.name) == wanted }
            let prefix = network.networks.filter { SearchText.fold($0.name).hasPrefix(wanted) }
            let found = exact.isEmpty ? prefix : exact
            guard found.count == 1 else {
                let names = (found.isEmpty ? network.networks : found).map(\.name).sorted()
                return fail(.network, (found.isEmpty ? "No network is called that; one of: " : "Which one? ") + names.joined(separator: ", "))
            }
            e.network = found[0].id
        }
        e.location = text(.location)
        e.notes = text(.notes)
        return .success(e)
    }
}
