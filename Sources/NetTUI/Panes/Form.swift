import NetModel
import NetStore
import NetInterchange

/// A form: labelled one-line text fields, the focused one, and why the last submit was refused.
/// What the form is for (`purpose`) decides how its text becomes a change of the document.
struct Form: Equatable, Sendable {
    struct Field: Equatable, Sendable {
        var label: String
        /// What may be typed, shown while the field has the focus.
        var hint: String
        var input: TextField
        /// A notes field: a line break pasted into it stays one (elsewhere it becomes a space).
        var multiline = false
    }

    var title: String
    var fields: [Field]
    var focus = 0
    var error: String?
    var purpose: FormPurpose

    mutating func moveFocus(by delta: Int) {
        let n = fields.count
        focus = ((focus + delta) % n + n) % n
    }

    /// The trimmed text of field `i`.
    func text(_ i: Int) -> String { fields[i].input.text.trimmingWhitespace }

    static func splitList(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
    }
}

/// What a form edits.
enum FormPurpose: Equatable, Sendable {
    case contact(original: Contact?)
    case network(original: NetworkGroup?)
    case decision(DecisionTarget, DecisionKind)
    case interaction(contactID: String)
    case event(original: Event?)
    /// `thenQuit`: chosen from the quit question; a successful save ends the program.
    case saveAs(thenQuit: Bool)
    /// Confirms replacing a file that is not a NetTUI data file: the word `replace` must be typed.
    case replaceOther(path: String)
}

/// A refused submit: which field is wrong and why.
struct FormError: Error, Equatable {
    var field: Int
    var message: String
}

/// What an exit decision form decides about.
enum DecisionTarget: Equatable, Sendable {
    case network(String)
    case contact(String)
}

/// The decisions that need a form (leaving is a yes/no question).
enum DecisionKind: Equatable, Sendable {
    case keep, reviewLater, windDown
}
