import NetModel
import NetStore
import NetInterchange

/// The add/edit form of a network.
enum NetworkForm {
    enum Field: Int, CaseIterable, Sendable {
        case name, kind, purposes, hoursPerMonth, costPerYear, yield, bestBefore, fair, ambitionFit, lastActivity, notes

        var label: String {
            switch self {
            case .name: return "Name"
            case .kind: return "Kind"
            case .purposes: return "Purposes"
            case .hoursPerMonth: return "Hours per month"
            case .costPerYear: return "Cost per year"
            case .yield: return "Yield"
            case .bestBefore: return "Best before"
            case .fair: return "Fair"
            case .ambitionFit: return "Ambition fits"
            case .lastActivity: return "Last activity"
            case .notes: return "Notes"
            }
        }

        var hint: String {
            switch self {
            case .name: return "required"
            case .kind: return "association, club, forum, consortium, customer group, online community"
            case .purposes: return Purpose.allCases.map(\.rawValue).joined(separator: ", ")
            case .hoursPerMonth, .costPerYear: return "a number, e.g. 3.5"
            case .yield: return Rating.scaleText
            case .bestBefore, .lastActivity: return "YYYY-MM-DD, or empty"
            case .fair, .ambitionFit: return "yes or no"
            case .notes: return ""
            }
        }
    }

    static func number(_ d: Double) -> String {
        d == d.rounded() ? String(Int(d)) : String(d)
    }

    static func make(_ g: NetworkGroup?) -> Form {
        let fields = Field.allCases.map { f -> Form.Field in
            let text: String
            switch f {
            case .name: text = g?.name ?? ""
            case .kind: text = g?.kind ?? ""
            case .purposes: text = (g?.purposes ?? []).map(\.rawValue).joined(separator: ", ")
            case .hoursPerMonth: text = number(g?.hoursPerMonth ?? 0)
            case .costPerYear: text = number(g?.costPerYear ?? 0)
            case .yield: text = (g?.yield ?? .one).text
            case .bestBefore: text = g?.bestBefore?.description ?? ""
            case .fair: text = (g?.fair ?? true) ? "yes" : "no"
            case .ambitionFit: text = (g?.ambitionFit ?? true) ? "yes" : "no"
            case .lastActivity: text = g?.lastActivity?.description ?? ""
            case .notes: text = g?.notes ?? ""
            }
            return Form.Field(label: f.label, hint: f.hint, input: TextField(text), multiline: f == .notes)
        }
        return Form(title: g == nil ? "New network" : "Edit network", fields: fields, purpose: .network(original: g))
    }

    static func build(_ form: Form, original: NetworkGroup?, id: String, now: Timestamp) -> Result<NetworkGroup, FormError> {
        func text(_ f: Field) -> String { form.text(f.rawValue) }
        func fail(_ f: Field, _ m: String) -> Result<NetworkGroup, FormError> { .failure(FormError(field: f.rawValue, message: m)) }
        let name = text(.name)
        guard !name.isEmpty else { return fail(.name, "A network needs a name") }
        var g = original ?? NetworkGroup(id: id, name: name, created: now)
        g.name = name
        g.kind = text(.kind)
        var purposes: [Purpose] = []
        for raw in Form.splitList(text(.purposes)) {
            guard let p = Purpose.allCases.first(where: { $0.rawValue.lowercased() == raw.lowercased() }) else {
                return fail(.purposes, "Purposes: \"\(raw)\" is not one of \(Field.purposes.hint)")
            }
            if !purposes.contains(p) { purposes.append(p) }
        }
        g.purposes = purposes
        for f in [Field.hoursPerMonth, .costPerYear] {
            let t = text(f).replacingOccurrences(of: ",", with: ".")
            guard let v = t.isEmpty ? 0 : Double(t), v.isFinite, v >= 0 else { return fail(f, "\(f.label) must be a number of at least 0") }
            if f == .hoursPerMonth { g.hoursPerMonth = v } else { g.costPerYear = v }
        }
        guard let y = Rating(text: text(.yield)) else { return fail(.yield, "Yield must be one of \(Rating.scaleText)") }
        g.yield = y
        for f in [Field.bestBefore, .lastActivity] {
            let t = text(f)
            var day: Day?
            if !t.isEmpty {
                guard let d = Day(iso: t), t.count == 10 else { return fail(f, "\(f.label) must be a date YYYY-MM-DD, or empty") }
                day = d
            }
            if f == .bestBefore { g.bestBefore = day } else { g.lastActivity = day }
        }
        for f in [Field.fair, .ambitionFit] {
            guard let b = yesNo(text(f)) else { return fail(f, "\(f.label): answer yes or no") }
            if f == .fair { g.fair = b } else { g.ambitionFit = b }
        }
        g.notes = text(.notes)
        if g != original { g.updated = now }
        return .success(g)
    }

    static func yesNo(_ t: String) -> Bool? {
        switch t.lowercased() {
        case "yes", "y", "true", "1", "kyllä", "ja": return true
        case "no", "n", "false", "0", "ei", "nej": return false
        default: return nil
        }
    }
}
