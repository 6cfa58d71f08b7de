/// Where keys are read. Each context has its own table; the panes also take the global table.
enum KeyContext: String, CaseIterable, Sendable {
    case global, palette, conflicts, contacts, matrix, exits, briefing, networks, picker, chooser, card, networkCard, form, textField, filter, confirm, quitting, help

    var title: String {
        switch self {
        case .global: return "Everywhere (outside forms)"
        case .conflicts: return "Merge conflicts (!)"
        case .palette: return "Command palette (: or Ctrl-P)"
        case .contacts: return "Contacts pane"
        case .matrix: return "Matrix pane"
        case .exits: return "Exits pane"
        case .briefing: return "Briefing pane"
        case .chooser: return "Choosing what to brief on"
        case .networks: return "Networks pane"
        case .picker: return "Member picker"
        case .card: return "Contact card (full screen)"
        case .networkCard: return "Network card (full screen)"
        case .form: return "Forms"
        case .textField: return "Text fields (forms and filter)"
        case .filter: return "Filter line (/)"
        case .confirm: return "Questions (delete, leave, restore rescued edits)"
        case .quitting: return "Quitting with unsaved changes"
        case .help: return "Help screen"
        }
    }
}

/// One line of the keymap: keys, the action they trigger, and how the help and status line name it.
struct Binding: Sendable {
    var keys: [Key]
    var action: Action
    /// For the help screen and docs/KEYS.md.
    var help: String
    /// A one- or two-word label for the status line; nil keeps the binding off it.
    var status: String?

    init(_ keys: [Key], _ action: Action, _ help: String, status: String? = nil) {
        self.keys = keys
        self.action = action
        self.help = help
        self.status = status
    }
}

/// The one table of keys. Dispatch, the help screen, the status line and docs/KEYS.md all read it.
enum Keymap {
    static let table: [KeyContext: [Binding]] = [
        .global: [
            Binding([.tab], .nextPane, "Next pane"),
            Binding([.backTab], .previousPane, "Previous pane"),
            Binding(PaneID.allCases.map { .char(Character(String($0.rawValue))) }, .goToPane(.contacts),
                    "Go to pane by number (" + PaneID.allCases.map { "\($0.rawValue) \($0.title)" }.joined(separator: ", ") + ")"),
            Binding([.char("u")], .undo, "Undo the last change", status: "undo"),
            Binding([.ctrl("r")], .redo, "Redo"),
            Binding([.char("s"), .ctrl("s")], .save, "Save", status: "save"),
            Binding([.char("S")], .saveAs, "Save as another file (the demo, a read-only file, or when saving fails)"),
            Binding([.char("?"), .function(1)], .help, "Help: all keys", status: "help"),
            Binding([.ctrl("z")], .suspend, "Suspend to the shell (fg to return)"),
            Binding([.char(":"), .ctrl("p")], .openPalette, "Command palette: find any action, contact, network or event; save-as PATH, brief NAME", status: "palette"),
            Binding([.char("!")], .showConflicts, "The conflicts a git merge left (see docs/TEAM.md)"),
            Binding([.char("q"), .ctrl("c")], .quit, "Quit (asks when there are unsaved changes)", status: "quit"),
        ],
        .contacts: [
            Binding([.down, .char("j")], .moveDown, "Next contact"),
            Binding([.up, .char("k")], .moveUp, "Previous contact"),
            Binding([.pageDown, .ctrl("f")], .pageDown, "Page down"),
            Binding([.pageUp, .ctrl("b")], .pageUp, "Page up"),
            Binding([.home, .char("g")], .top, "First contact"),
            Binding([.end, .char("G")], .bottom, "Last contact"),
            Binding([.char("/")], .filter, "Filter: name, organisation, tags, competences, needs, notes; kind:customer, tag:…, stage:…, owner:…, mine", status: "filter"),
            Binding([.escape], .clearFilter, "Clear the filter"),
            Binding([.char("o")], .cycleSort, "Sort by the next column (name, organisation, last contact, importance, owner: the team view)", status: "sort"),
            Binding([.char("O")], .reverseSort, "Reverse the sort order"),
            Binding([.enter], .openCard, "Open the contact card", status: "card"),
            Binding([.char("a")], .addNew, "Add a contact", status: "add"),
            Binding([.char("i")], .logInteraction, "Log an interaction: date, kind, note, gave, got, follow-up", status: "log"),
            Binding([.char("e")], .editSelected, "Edit the contact", status: "edit"),
            Binding([.char("d"), .delete], .deleteSelected, "Delete the contact (asks first)", status: "delete"),
        ],
        .matrix: [
            Binding([.down, .char("j")], .moveDown, "Next contact in the quadrant; from the bottom, the quadrant below"),
            Binding([.up, .char("k")], .moveUp, "Previous contact; from the top, the quadrant above"),
            Binding([.left, .char("h")], .moveLeft, "The quadrant to the left (lower importance now)"),
            Binding([.right, .char("l")], .moveRight, "The quadrant to the right (higher importance now)"),
            Binding([.pageDown, .ctrl("f")], .pageDown, "Page down in the quadrant"),
            Binding([.pageUp, .ctrl("b")], .pageUp, "Page up in the quadrant"),
            Binding([.home, .char("g")], .top, "First contact of the quadrant"),
            Binding([.end, .char("G")], .bottom, "Last contact of the quadrant"),
            Binding([.shiftRight, .char("L")], .moveContact(.raiseNow), "Move the contact right: raise importance now to the threshold", status: "move"),
            Binding([.shiftLeft, .char("H")], .moveContact(.lowerNow), "Move the contact left: lower importance now below the threshold"),
            Binding([.shiftUp, .char("K")], .moveContact(.raiseFuture), "Move the contact up: raise importance in future to the threshold"),
            Binding([.shiftDown, .char("J")], .moveContact(.lowerFuture), "Move the contact down: lower importance in future below the threshold"),
            Binding([.char("r")], .rateContact, "Set both ratings (the form, at Importance now)", status: "rate"),
            Binding([.char("i")], .logInteraction, "Log an interaction with the contact", status: "log"),
            Binding([.enter], .openCard, "Open the contact card", status: "card"),
            Binding([.char("e")], .editSelected, "Edit the contact", status: "edit"),
            Binding([.char("/")], .filter, "Filter every quadrant (also kind:customer, tag:…, stage:…, owner:…)", status: "filter"),
            Binding([.escape], .clearFilter, "Clear the filter"),
        ],
        .exits: [
            Binding([.down, .char("j")], .moveDown, "Next candidate"),
            Binding([.up, .char("k")], .moveUp, "Previous candidate"),
            Binding([.pageDown, .ctrl("f")], .pageDown, "Page down"),
            Binding([.pageUp, .ctrl("b")], .pageUp, "Page up"),
            Binding([.home, .char("g")], .top, "Best candidate"),
            Binding([.end, .char("G")], .bottom, "Last candidate"),
            Binding([.char("c")], .decide(.keep), "Keep it, with a reason (hidden from the candidates)", status: "keep"),
            Binding([.char("v")], .decide(.reviewLater), "Review later: hidden until a date", status: "review"),
            Binding([.char("w")], .decide(.windDown), "Wind down: by when, what to hand over", status: "wind down"),
            Binding([.char("x")], .leave, "Leave: marked left, kept in the file, out of the active lists", status: "leave"),
            Binding([.char("a")], .toggleAll, "Show decided and hidden ones too, or only the open candidates", status: "all"),
            Binding([.enter], .openCard, "Open the card of the network or contact"),
            Binding([.char("e")], .editSelected, "Edit the network or contact"),
            Binding([.char("i")], .logInteraction, "Log an interaction with the contact"),
            Binding([.char("/")], .filter, "Filter the candidates by name"),
            Binding([.escape], .clearFilter, "Clear the filter"),
        ],
        .briefing: [
            Binding([.down, .char("j")], .moveDown, "Next person"),
            Binding([.up, .char("k")], .moveUp, "Previous person"),
            Binding([.pageDown, .ctrl("f")], .pageDown, "Page down"),
            Binding([.pageUp, .ctrl("b")], .pageUp, "Page up"),
            Binding([.home, .char("g")], .top, "First person"),
            Binding([.end, .char("G")], .bottom, "Last person"),
            Binding([.char("b")], .chooseScope, "Brief on today, an event or a network", status: "brief on"),
            Binding([.char("i")], .logInteraction, "Log the conversation with the person", status: "log"),
            Binding([.enter], .openCard, "Open the person's card", status: "card"),
            Binding([.char("n")], .addEvent, "Add an event", status: "new event"),
            Binding([.char("e")], .editEvent, "Edit the event being briefed on"),
            Binding([.char("m")], .pickAttendees, "Choose the event's attendees", status: "attendees"),
        ],
        .chooser: [
            Binding([.down], .moveDown, "Next"),
            Binding([.up], .moveUp, "Previous"),
            Binding([.enter], .submit, "Brief on it", status: "choose"),
            Binding([.escape], .cancel, "Cancel", status: "cancel"),
        ],
        .networks: [
            Binding([.down, .char("j")], .moveDown, "Next network"),
            Binding([.up, .char("k")], .moveUp, "Previous network"),
            Binding([.pageDown, .ctrl("f")], .pageDown, "Page down"),
            Binding([.pageUp, .ctrl("b")], .pageUp, "Page up"),
            Binding([.home, .char("g")], .top, "First network"),
            Binding([.end, .char("G")], .bottom, "Last network"),
            Binding([.enter], .openCard, "Open the network's card", status: "card"),
            Binding([.char("a")], .addNew, "Add a network", status: "add"),
            Binding([.char("e")], .editSelected, "Edit the network", status: "edit"),
            Binding([.char("m")], .pickMembers, "Choose members from the contacts", status: "members"),
            Binding([.char("d"), .delete], .deleteSelected, "Delete the network (asks first; leaving is an exit decision)", status: "delete"),
            Binding([.char("/")], .filter, "Filter the networks by name, kind, notes", status: "filter"),
            Binding([.escape], .clearFilter, "Clear the filter"),
        ],
        .picker: [
            Binding([.down], .moveDown, "Next contact"),
            Binding([.up], .moveUp, "Previous contact"),
            Binding([.pageDown], .pageDown, "Page down"),
            Binding([.pageUp], .pageUp, "Page up"),
            Binding([.tab], .toggle, "Add or remove the contact", status: "toggle"),
            Binding([.enter, .ctrl("s")], .submit, "Apply the members", status: "apply"),
            Binding([.escape], .cancel, "Cancel", status: "cancel"),
        ],
        .palette: [
            Binding([.down, .ctrl("n")], .moveDown, "Next entry"),
            Binding([.up], .moveUp, "Previous entry"),
            Binding([.enter], .submit, "Run it or go there", status: "run"),
            Binding([.tab], .complete, "Complete the path", status: "complete"),
            Binding([.escape], .cancel, "Close", status: "close"),
        ],
        .networkCard: [
            Binding([.escape, .enter, .char("q")], .back, "Back to the list", status: "back"),
            Binding([.down, .char("j")], .moveDown, "Scroll down"),
            Binding([.up, .char("k")], .moveUp, "Scroll up"),
            Binding([.char("e")], .editSelected, "Edit the network", status: "edit"),
            Binding([.char("m")], .pickMembers, "Choose members", status: "members"),
            Binding([.char("d")], .deleteSelected, "Delete the network (asks first)", status: "delete"),
            Binding([.char("?")], .help, "Help", status: "help"),
        ],
        .conflicts: [
            Binding([.down, .char("j")], .moveDown, "Next conflict"),
            Binding([.up, .char("k")], .moveUp, "Previous conflict"),
            Binding([.char("o")], .keepOurs, "Keep ours (the value the merge kept)", status: "keep ours"),
            Binding([.char("t")], .takeTheirs, "Take theirs", status: "take theirs"),
            Binding([.escape, .char("q"), .char("!")], .back, "Close", status: "close"),
        ],
        .card: [
            Binding([.escape, .enter, .char("q")], .back, "Back to the list", status: "back"),
            Binding([.down, .char("j")], .moveDown, "Scroll down"),
            Binding([.up, .char("k")], .moveUp, "Scroll up"),
            Binding([.char("e")], .editSelected, "Edit the contact", status: "edit"),
            Binding([.char("d")], .deleteSelected, "Delete the contact (asks first)", status: "delete"),
            Binding([.char("i")], .logInteraction, "Log an interaction with the contact", status: "log"),
            Binding([.char("c")], .closeFollowUp, "Close the open follow-up due first", status: "close follow-up"),
            Binding([.char("?")], .help, "Help", status: "help"),
        ],
        .form: [
            Binding([.tab, .down], .nextField, "Next field", status: "next"),
            Binding([.backTab, .up], .previousField, "Previous field"),
            Binding([.enter, .ctrl("s")], .submit, "Save the form", status: "save"),
            Binding([.escape], .cancel, "Cancel: discard the form's changes", status: "cancel"),
            Binding([.ctrl("o")], .openEditor, "Edit the field in $EDITOR (else $VISUAL, else vi): long notes", status: "editor"),
        ],
        .textField: [
            Binding([.left], .cursorLeft, "Cursor left"),
            Binding([.right], .cursorRight, "Cursor right"),
            Binding([.home, .ctrl("a")], .cursorHome, "Start of the field"),
            Binding([.end, .ctrl("e")], .cursorEnd, "End of the field"),
            Binding([.backspace, .ctrl("h")], .deleteBackward, "Delete the character before the cursor"),
            Binding([.delete, .ctrl("d")], .deleteForward, "Delete the character under the cursor"),
            Binding([.ctrl("u")], .clearField, "Clear the field"),
        ],
        .filter: [
            Binding([.enter, .down], .submit, "Keep the filter and go back to the list", status: "keep"),
            Binding([.escape], .cancel, "Clear the filter", status: "clear"),
        ],
        .confirm: [
            Binding([.char("y"), .char("Y")], .confirm, "Yes", status: "yes"),
            Binding([.char("n"), .char("N")], .decline, "No (restoring rescued edits: set them aside as FILE.unsaved.json.discarded)", status: "no"),
            Binding([.escape, .char("c")], .cancel, "Cancel: close the question, change nothing (rescued edits stay in FILE.unsaved.json for the next start)", status: "cancel"),
        ],
        // Explicit choices, none of them y/n: a vim user's `n` ("don't quit") must not lose the edits.
        // `y` does nothing here; `n` cancels, like Esc.
        .quitting: [
            Binding([.char("s"), .ctrl("s")], .saveAndQuit, "Save, then quit (the demo or a read-only file: asks for a file to save as first)", status: "save and quit"),
            Binding([.char("d")], .discardAndQuit, "Discard the unsaved changes and quit", status: "discard and quit"),
            Binding([.escape, .char("c"), .char("n"), .char("N")], .cancel, "Cancel: stay, nothing is lost (y does nothing)", status: "cancel"),
        ],
        .help: [
            Binding([.escape, .char("q"), .char("?"), .enter], .back, "Close the help", status: "close"),
            Binding([.down, .char("j")], .moveDown, "Scroll down"),
            Binding([.up, .char("k")], .moveUp, "Scroll up"),
            Binding([.pageDown, .char(" ")], .pageDown, "Page down"),
            Binding([.pageUp], .pageUp, "Page up"),
            Binding([.home, .char("g")], .top, "To the start"),
            Binding([.end, .char("G")], .bottom, "To the end"),
        ],
    ]

    /// The contexts searched, in order, for a key typed in `context`.
    static func chain(_ context: KeyContext) -> [KeyContext] {
        switch context {
        case .contacts, .matrix, .exits, .briefing, .networks: return [context, .global]
        case .form, .filter, .picker, .chooser, .palette: return [context, .textField]
        case .card, .networkCard: return [context, .global]  // its own keys first: q and Esc go back
        default: return [context]
        }
    }

    static func action(for key: Key, in context: KeyContext) -> Action? {
        for c in chain(context) {
            for b in table[c] ?? [] {
                if let i = b.keys.firstIndex(of: key) {
                    // The pane-number binding names its pane by the digit pressed.
                    if case .goToPane = b.action, case .char(let ch) = b.keys[i],
                       let n = Int(String(ch)), let pane = PaneID(rawValue: n) {
                        return .goToPane(pane)
                    }
                    return b.action
                }
            }
        }
        return nil
    }

    /// The status line's key hints for a context: "/ filter  a add  …".
    static func statusHints(_ context: KeyContext) -> String {
        var shown = Set<String>()  // a key a context and the global table both give ("? help") shows once
        return chain(context).flatMap { table[$0] ?? [] }
            .compactMap { b in b.status.map { "\(b.keys[0].label) \($0)" } }
            .filter { shown.insert($0).inserted }
            .joined(separator: "  ")
    }

    /// The help text: every context's bindings, keys and what they do.
    static func helpLines(for contexts: [KeyContext] = KeyContext.allCases) -> [(keys: String, help: String, isTitle: Bool)] {
        var out: [(String, String, Bool)] = []
        for c in contexts {
            out.append((c.title, "", true))
            for b in table[c] ?? [] {
                out.append((b.keys.map(\.label).joined(separator: " "), b.help, false))
            }
        }
        return out
    }

    /// docs/KEYS.md, generated from the table (a test checks the file matches).
    static func markdown() -> String {
        var s = "# Keys\n\nGenerated from `Sources/NetTUI/App/Keymap.swift` by `nettui keys`; a test checks that this file matches.\n"
        for c in KeyContext.allCases {
            s += "\n## \(c.title)\n\n| keys | what they do |\n| --- | --- |\n"
            for b in table[c] ?? [] {
                let keys = b.keys.map { "`" + ($0.label == "|" ? "\\|" : $0.label) + "`" }.joined(separator: " ")
                s += "| \(keys) | \(b.help) |\n"
            }
        }
        return s
    }
}
