import NetModel
import NetStore
import NetInterchange

/// The help screen, generated from the keymap: the keys of where you are first, then the rest.
enum HelpView {
    static func lines(_ s: AppState, from here: KeyContext, width: Int) -> [StyledLine] {
        let first = Keymap.chain(here)
        let order = first + KeyContext.allCases.filter { !first.contains($0) }
        var out = idea(of: here, s).flatMap { $0.wrapped(to: width).map { StyledLine($0, .muted) } }
        let keyWidth = min(24, width / 3)
        for item in Keymap.helpLines(for: order) {
            if item.isTitle {
                out.append(.blank)
                out.append(StyledLine(item.keys, .bold))
            } else {
                let wrapped = item.help.wrapped(to: max(1, width - keyWidth))
                for (i, text) in wrapped.enumerated() {
                    out.append(StyledLine([((i == 0 ? item.keys : "").padded(to: keyWidth), .color(.accent)), (text, .plain)]))
                }
            }
        }
        return out
    }

    /// The idea of the pane the help was opened from, in a few lines.
    static func idea(of context: KeyContext, _ s: AppState) -> [String] {
        let scheme = s.network.scheme
        let quadrants = Quadrant.allCases.map { q in
            "\(ContactsPane.mark(q)) \(scheme.policy(q).name): \(q.isHighNow ? "high" : "low") now, \(q.isHighFuture ? "high" : "low") in future, contact every \(scheme.policy(q).cadenceDays) days."
        }
        switch context {
        case .exits:
            return ["Exit candidates: networks and relationships that cost more than they give, best candidate first."] + ExitRules.explanation
        case .briefing, .chooser:
            return ["The briefing: whom to talk to (b chooses today, an event or a network), in order: Key and Rising first, then the most overdue, then due follow-ups, then those who match what you seek or need what you offer.",
                    "Ask: their strengths that meet what you seek. Offer: what you offer that meets their needs. Introductions: one person's need meets another's strength.",
                    "i logs the conversation; on a card, c closes the follow-up due first."]
        case .networks, .picker:
            return ["Networks: what each costs (hours, money) and gives (yield on 0, 0.1, 1, 10), who is in it, and its buyer/seller/partner mix.",
                    "Marks: ✓ kept · ? review later · ↘ winding down · ✕ left (kept in the file, out of the active lists)."]
        case .matrix:
            return ["The matrix: importance now grows to the right, importance in future upwards. A rating at or above \(scheme.threshold.text) counts as high."]
                + quadrants + ["◆ moved quadrant in the last 90 days · ≠ the criteria suggest another quadrant (see the card) · +Nd overdue by N days.",
                               "Below 100 columns one quadrant shows at a time; its bar reads \"Rising 10/4!\": 10 contacts, 4 of them overdue."]
        default:
            return quadrants + ["A last-contact time in colour is overdue for its quadrant's cadence."]
        }
    }

    static func draw(_ s: AppState, scroll: Int, from: KeyContext, _ screen: inout Screen) {
        let layout = s.layout
        screen.box(layout.body, title: "Help — Esc closes")
        let inner = layout.boxedText
        guard inner.width > 0, inner.height > 0 else { return }
        screen.lines(lines(s, from: from, width: inner.width), from: scroll, in: inner)
    }
}
