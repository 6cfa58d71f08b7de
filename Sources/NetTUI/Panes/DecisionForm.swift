import NetModel
import NetInterchange

/// The small forms of the exit decisions: keep (a reason), review later (a date), wind down (a date
/// and what to hand over). Leaving needs only a yes.
enum DecisionForm {
    static func make(_ kind: DecisionKind, for target: DecisionTarget, name: String, today: Day) -> Form {
        let later = today.adding(days: 90).description
        let fields: [Form.Field]
        let title: String
        switch kind {
        case .keep:
            title = "Keep \(name)"
            fields = [Form.Field(label: "Why keep it", hint: "the reason, shown on the card", input: TextField())]
        case .reviewLater:
            title = "Review \(name) later"
            fields = [Form.Field(label: "Review after", hint: "YYYY-MM-DD; hidden from the exits until then", input: TextField(later))]
        case .windDown:
            title = "Wind down \(name)"
            fields = [
                Form.Field(label: "By", hint: "YYYY-MM-DD", input: TextField(later)),
                Form.Field(label: "Hand over", hint: "what to hand over, and to whom", input: TextField()),
            ]
        }
        return Form(title: title, fields: fields, purpose: .decision(target, kind))
    }

    static func build(_ form: Form, kind: DecisionKind, today: Day) -> Result<ExitDecision, FormError> {
        func date(_ i: Int) -> Result<Day, FormError> {
            let t = form.text(i)
            guard let d = Day(iso: t), t.count == 10 else { return .failure(FormError(field: i, message: "\(form.fields[i].label): a date YYYY-MM-DD")) }
            guard d > today else { return .failure(FormError(field: i, message: "\(form.fields[i].label): a date after today")) }
            return .success(d)
        }
        switch kind {
        case .keep:
            let reason = form.text(0)
            guard !reason.isEmpty else { return .failure(FormError(field: 0, message: "Say why it is kept: the reason shows on the card")) }
            return .success(.keep(reason: reason, on: today))
        case .reviewLater:
            return date(0).map { .reviewLater(until: $0, on: today) }
        case .windDown:
            return date(0).map { .windDown(by: $0, handover: form.text(1), on: today) }
        }
    }
}
