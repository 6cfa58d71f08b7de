/// A bracketed paste is text, never keys: it goes into the text field being edited, and nowhere
/// else. Pasted line breaks and letters run no commands (a newline does not submit a form, a `u`
/// does not undo); outside a text field a paste is ignored with a word on the status line.
extension AppState {
    mutating func paste(_ text: String, in context: KeyContext) {
        switch context {
        case .form:
            guard case .form(var form) = modal else { return }
            modal = .none  // the form is then edited in place, not copied (a long note)
            let field = form.fields[form.focus]
            form.fields[form.focus].input.insert(contentsOf: Self.pastedText(text, multiline: field.multiline))
            form.error = nil
            modal = .form(form)
        case .filter:
            filter.insert(contentsOf: Self.pastedText(text, multiline: false))
            refresh()
        case .palette, .picker, .chooser:
            typeInList(Self.pastedText(text, multiline: false))
        default:
            message = StatusMessage(text: "Paste ignored: paste into a form field or the filter (/)", isError: false)
        }
    }

    /// Pasted text as a field takes it: line breaks (CR, LF or CR LF) stay line breaks in a notes
    /// field and become spaces elsewhere; a tab becomes a space; other control characters are dropped.
    static func pastedText(_ text: String, multiline: Bool) -> [Character] {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for s in text.unicodeScalars {
            defer { afterCR = s == "\r" }
            switch s.value {
            case 0x0A where afterCR: continue  // the LF of a CR LF
            case 0x0A, 0x0D: out.append(multiline ? "\n" : " ")
            case 0x09: out.append(" ")
            case 0..<0x20, 0x7F..<0xA0: continue
            default: out.append(s)
            }
        }
        return Array(String(out))
    }
}
