import Foundation
import NetModel
import Plumbing
import NetStore
import NetInterchange

/// Key → action → a change of state. Everything here is pure but for the clock; saving, quitting and
/// suspending are returned as effects for the driver to carry out.
extension AppState {
    mutating func handle(_ event: Input) -> [Effect] {
        switch event {
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
            keepSelectionVisible()
            return []
        case .mouse(let m):
            if !isTooSmall { return handleMouse(m) }
            return []
        case .paste(let text):
            message = nil
            if !isTooSmall { paste(text, in: keyContext) }
            return []
        case .done(let outcome):
            return finished(outcome)
        case .key(let key):
            message = nil
            if isTooSmall {
                // Only quitting makes sense on a screen too small to show anything.
                if let action = Keymap.action(for: key, in: .global), action == .quit { return perform(.quit) }
                return []
            }
            let context = keyContext
            if let action = Keymap.action(for: key, in: context) { return perform(action) }
            if let c = key.printable { typeCharacter(c, in: context) }
            return []
        }
    }

    private mutating func typeCharacter(_ c: Character, in context: KeyContext) {
        switch context {
        case .filter:
            filter.insert(c)
            refresh()
        case .palette, .picker, .chooser:
            typeInList(CollectionOfOne(c))
        case .form:
            guard case .form(var form) = modal else { return }
            modal = .none  // the form is then edited in place, not copied (a long note)
            form.fields[form.focus].input.insert(c)
            form.error = nil
            modal = .form(form)
        default:
            break
        }
    }

    mutating func perform(_ action: Action) -> [Effect] {
        switch modal {
        case .form: return performInForm(action)
        case .confirmDelete(let id): return answerDelete(action, id)
        case .confirmQuit: return answerQuit(action)
        case .confirmRestore(let recovered): return answerRestore(action, recovered)
        case .confirmReplace(let path, _): return answerReplace(action, path)
        case .confirmDeleteNetwork(let id): answerDeleteNetwork(action, id); return []
        case .confirmLeave(let target): answerLeave(action, target); return []
        case .picker(let picker): performInPicker(action, picker); return []
        case .chooser(let chooser): performInChooser(action, chooser); return []
        case .palette(let palette): return performInPalette(action, palette)
        case .summary:
            if action == .back { modal = .none } else { scrollModal(action) }
            return []
        case .conflicts(let cursor): performInConflicts(action, cursor); return []
        case .help(_, let from): performInHelp(action, from); return []
        case .card: return performInCard(action)
        case .none: break
        }
        if editingFilter { performInFilter(action); return [] }
        switch pane {
        case .contacts: return performInContacts(action)
        case .matrix: return performInMatrix(action)
        case .exits: return performInExits(action)
        case .briefing: return performInBriefing(action)
        case .networks: return performInNetworks(action)
        }
    }

    // MARK: - The contacts pane

    private mutating func performInContacts(_ action: Action) -> [Effect] {
        switch action {
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            guard let i = ListCursor.target(of: action, from: selectedIndex ?? 0, count: rows.count, visible: layout.paneList.belowHeader.height),
                  !rows.isEmpty else { break }
            list.selectedID = network.contacts[rows[i]].id
            keepSelectionVisible()
        case .cycleSort:
            list.sort = ContactSort(rawValue: (list.sort.rawValue + 1) % ContactSort.allCases.count)!
            list.ascending = list.sort.defaultAscending
            refresh()
            message = StatusMessage(text: "Sorted by \(list.sort.title)", isError: false)
        case .reverseSort:
            list.ascending.toggle()
            refresh()
            message = StatusMessage(text: "Sorted by \(list.sort.title), \(list.ascending == list.sort.defaultAscending ? "normal" : "reversed") order", isError: false)
        case .addNew:
            if editable() { modal = .form(ContactForm.make(nil)) }
        case .deleteSelected:
            if let c = selectedContact, editable() { modal = .confirmDelete(id: c.id) }
        default:
            return performShared(action)
        }
        return []
    }

    /// Actions the contacts and matrix panes share: the filter, the card, editing, then the global keys.
    mutating func performShared(_ action: Action) -> [Effect] {
        switch action {
        case .filter:
            editingFilter = true
            filter.cursor = filter.text.count
        case .clearFilter:
            if !filter.text.isEmpty {
                filter = TextField()
                refresh()
            }
        case .openCard:
            if currentContact != nil { modal = .card(scroll: 0) }
        case .editSelected:
            if let c = currentContact, editable() { modal = .form(ContactForm.make(c)) }
        case .logInteraction: logInteraction()
        case .rateContact:
            if let c = currentContact, editable() {
                modal = .form(ContactForm.make(c, focus: .importanceNow))
            }
        default:
            return performGlobal(action)
        }
        return []
    }

    // MARK: - The matrix pane

    /// Where each quadrant sits on the whiteboard: (column, row), now growing rightwards and future upwards.
    static func gridPosition(_ q: Quadrant) -> (col: Int, row: Int) {
        switch q {
        case .rising: return (0, 0)
        case .key: return (1, 0)
        case .lightTouch: return (0, 1)
        case .maintain: return (1, 1)
        }
    }

    static func quadrant(col: Int, row: Int) -> Quadrant {
        Quadrant.allCases.first { gridPosition($0) == (col, row) }!
    }

    private mutating func performInMatrix(_ action: Action) -> [Effect] {
        let q = matrix.focus
        let (col, row) = Self.gridPosition(q)
        let count = quadrantRows[q]?.count ?? 0
        let index = matrixIndex(q) ?? 0
        switch action {
        // Past the first or last contact, ↑ and ↓ go on to the quadrant above or below.
        case .moveDown where index + 1 >= count:
            if row == 0 { matrix.focus = Self.quadrant(col: col, row: 1) }
        case .moveUp where index == 0 || count == 0:
            if row == 1 { matrix.focus = Self.quadrant(col: col, row: 0) }
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            guard let i = ListCursor.target(of: action, from: index, count: count, visible: layout.quadrantRows(q).height),
                  let rows = quadrantRows[q], !rows.isEmpty else { break }
            matrix.selectedID[q] = network.contacts[rows[i]].id
        case .moveLeft: matrix.focus = Self.quadrant(col: 0, row: row)
        case .moveRight: matrix.focus = Self.quadrant(col: 1, row: row)
        case .moveContact(let move):
            guard let c = currentContact, editable() else { return [] }
            guard let (now, future) = network.scheme.ratings(after: move, now: c.importanceNow, future: c.importanceFuture) else {
                message = StatusMessage(text: "\(c.name) is already at that edge of the matrix", isError: false)
                return []
            }
            var after = c
            after.setRatings(now: now, future: future, on: today)
            after.updated = clock.now()
            commit([.contact(before: c, after: after)])
            select(c.id)
            let to = network.scheme.policy(network.scheme.quadrant(of: after)).name
            message = StatusMessage(text: "Moved \(c.name) to \(to) (now \(now.text), future \(future.text)); u undoes", isError: false)
        default:
            return performShared(action)
        }
        keepSelectionVisible()
        return []
    }

    /// Actions that work in every pane.
    private mutating func performGlobal(_ action: Action) -> [Effect] {
        switch action {
        case .undo: undo()
        case .redo: redo()
        case .save: return save()
        case .saveAs: openSaveAs(thenQuit: false)
        case .saveAndQuit: return saveAndQuit()
        case .discardAndQuit: return [.quit]
        case .help: modal = .help(scroll: 0, from: keyContext)
        case .suspend: return [.suspend]
        case .openPalette: modal = .palette(Palette())
        case .showConflicts:
            if network.conflicts.isEmpty {
                message = StatusMessage(text: "No merge conflicts", isError: false)
            } else {
                modal = .conflicts(ListCursor())
            }
        case .quit:
            // The demo too: its edits are lost as surely as a file's.
            if isDirty {
                modal = .confirmQuit
            } else {
                return [.quit]
            }
        case .nextPane, .previousPane, .goToPane:
            let panes = PaneID.allCases
            let i = panes.firstIndex(of: pane) ?? 0
            switch action {
            case .nextPane: pane = panes[(i + 1) % panes.count]
            case .previousPane: pane = panes[(i + panes.count - 1) % panes.count]
            case .goToPane(let p): pane = p
            default: break
            }
        default:
            break
        }
        return []
    }

    // MARK: - Command palette

    private mutating func performInPalette(_ action: Action, _ palette: Palette) -> [Effect] {
        var p = palette
        if handleListKey(action, in: &p) {
            modal = .palette(p)
            return []
        }
        switch action {
        case .cancel:
            modal = .none
            return []
        case .complete:
            // The folder is listed by the driver (`finished(.folderListed)` completes).
            if let path = p.pathToComplete(home: home) {
                modal = .palette(p)
                return [.listFolder(path.folder, start: path.start)]
            }
        case .submit:
            let entries = p.entries(self)
            guard entries.indices.contains(p.cursor.selected) else { return [] }
            modal = .none
            switch entries[p.cursor.selected].target {
            case .fill(let text):
                p.query = TextField(text)
                p.cursor = ListCursor()
            case .action(let a):
                return perform(a)
            case .contact(let id):
                pane = .contacts
                if !filter.text.isEmpty {
                    filter = TextField()
                    refresh()
                }
                select(id)
                keepSelectionVisible()
                return []
            case .network(let id):
                pane = .networks
                networks.selectedID = id
                keepSelectionVisible()
                return []
            case .brief(let scope):
                pane = .briefing
                brief.scope = scope
                brief.selected = 0
                refresh()
                return []
            case .saveAs(let path):
                return [.saveAs(path)]
            case .importFile(let path, let format):
                return editable() ? [.importFile(path, format)] : []
            case .exportFile(let path, let format):
                return [.exportFile(path, format)]
            }
        default:
            break
        }
        modal = .palette(p)
        return []
    }

    // MARK: - Merge conflicts

    private mutating func performInConflicts(_ action: Action, _ cursor: ListCursor) {
        var cursor = cursor
        let selected = cursor.selected
        if cursor.move(action, count: network.conflicts.count, visible: layout.conflictsList.height) {
            modal = .conflicts(cursor)
            return
        }
        switch action {
        case .back: modal = .none
        case .keepOurs, .takeTheirs:
            guard editable(), network.conflicts.indices.contains(selected) else { return }
            let summary = network.conflicts[selected].summary(in: network)
            guard let resolved = network.resolvingConflict(at: selected, takeTheirs: action == .takeTheirs) else {
                message = StatusMessage(text: "Theirs cannot be taken here (it would break the file); keep ours or edit by hand", isError: true)
                return
            }
            commit(network.changes(to: resolved))
            message = StatusMessage(text: (action == .keepOurs ? "Kept ours: " : "Took theirs: ") + summary, isError: false)
            cursor.settle(count: network.conflicts.count, visible: layout.conflictsList.height)
            modal = network.conflicts.isEmpty ? .none : .conflicts(cursor)
        default:
            break
        }
    }

    // MARK: - Filter line

    private mutating func performInFilter(_ action: Action) {
        switch action {
        case .submit:
            editingFilter = false
        case .cancel:
            editingFilter = false
            filter = TextField()
            refresh()
        default:
            if filter.edit(action) { refresh() }
        }
    }

    // MARK: - Card, help

    private mutating func performInCard(_ action: Action) -> [Effect] {
        if scrollModal(action) { return [] }
        switch action {
        case .back: modal = .none
        case .editSelected:
            if let g = currentNetwork, editable() { modal = .form(NetworkForm.make(g)) } else if let c = currentContact, editable() {
                modal = .form(ContactForm.make(c))
            }
        case .deleteSelected:
            if let g = currentNetwork, editable() { modal = .confirmDeleteNetwork(id: g.id) } else if let c = currentContact, editable() {
                modal = .confirmDelete(id: c.id)
            }
        case .logInteraction: logInteraction()
        case .closeFollowUp: closeFollowUp()
        case .pickMembers:
            if let g = currentNetwork, editable() { modal = .picker(MemberPicker(group: g)) }
        case .help: modal = .help(scroll: 0, from: keyContext)
        case .undo, .redo, .save, .saveAs, .quit, .saveAndQuit, .suspend: return performGlobal(action)
        default: break
        }
        return []
    }

    private mutating func performInHelp(_ action: Action, _ from: KeyContext) {
        if action == .back { modal = from == .card || from == .networkCard ? .card(scroll: 0) : .none } else { scrollModal(action) }
    }

    // MARK: - Form

    private mutating func performInForm(_ action: Action) -> [Effect] {
        guard case .form(var form) = modal else { return [] }
        switch action {
        case .nextField: form.moveFocus(by: 1)
        case .previousField: form.moveFocus(by: -1)
        case .openEditor:
            return [.editText(form.fields[form.focus].input.text)]
        case .cancel:
            modal = .none
            message = StatusMessage(text: "Cancelled; nothing changed", isError: false)
            return []
        case .submit:
            if case .saveAs(let thenQuit) = form.purpose {
                var target = form.text(0)
                if target.hasPrefix("~/"), let home { target = home + target.dropFirst() }
                guard !target.isEmpty else {
                    form.error = "Name a file"
                    modal = .form(form)
                    return []
                }
                modal = .none
                // Quits once the save succeeded (a failed one keeps the program up).
                quitsAfterSave = thenQuit
                message = StatusMessage(text: "Saving \(Store.baseName(of: target))…", isError: false)
                return [.saveAs(target)]
            }
            if case .replaceOther(let target) = form.purpose {
                guard form.text(0).lowercased() == "replace" else {
                    form.error = "Type the word replace to overwrite \(Store.baseName(of: target)), or Esc to keep it"
                    modal = .form(form)
                    return []
                }
                modal = .none
                return [.replaceFile(target)]
            }
            if let error = submit(form) {
                form.focus = error.field
                form.error = error.message
            } else {
                return []
            }
        default:
            modal = .none  // the form is then edited in place, not copied (a long note)
            if form.fields[form.focus].input.edit(action) { form.error = nil }
        }
        modal = .form(form)
        return []
    }

    /// Turns a submitted form into a change; returns why it was refused, or nil when it closed.
    private mutating func submit(_ form: Form) -> FormError? {
        let now = clock.now()
        switch form.purpose {
        case .contact(let original):
            switch ContactForm.build(form, original: original, id: original?.id ?? clock.newID(), now: now) {
            case .failure(let e): return e
            case .success(let contact):
                modal = .none
                guard contact != original else {
                    message = StatusMessage(text: "No changes", isError: false)
                    return nil
                }
                commit([.contact(before: original, after: contact)])
                select(contact.id)
                if selectedIndex == nil {
                    // Added or edited out of the current filter: clear it so the contact shows.
                    filter = TextField()
                    refresh()
                    select(contact.id)
                }
                keepSelectionVisible()
                message = StatusMessage(text: original == nil ? "Added \(contact.name)" : "Updated \(contact.name)", isError: false)
            }
        case .saveAs, .replaceOther:
            return nil
        case .interaction, .event:
            return submitBriefingForm(form)
        case .network, .decision:
            return submitOther(form, now: now)
        }
        return nil
    }

    // MARK: - Questions

    private mutating func answerDelete(_ action: Action, _ id: String) -> [Effect] {
        switch action {
        case .confirm:
            modal = .none
            guard let c = network.contact(id: id) else { return [] }
            let next = selectedIndex.map { min($0 + 1, rows.count - 1) }.map { network.contacts[rows[$0]].id }
            commit(network.changesDeletingContact(id, at: clock.now()))
            if let next, !sameBytes(next, id) { list.selectedID = next } else { list.selectedID = nil }
            refresh()
            message = StatusMessage(text: "Deleted \(c.name) (u undoes)", isError: false)
        case .decline, .cancel:
            modal = .none
        default:
            break
        }
        return []
    }

    mutating func offerRecovery(_ recovered: RescuedEdits) {
        modal = .confirmRestore(recovered)
    }

    private mutating func answerRestore(_ action: Action, _ recovered: RescuedEdits) -> [Effect] {
        switch action {
        case .confirm:
            if let why = recovered.unmergeable {
                message = StatusMessage(text: "Not restored: the file has changed since and \(why); n sets them aside", isError: true)
                return []
            }
            modal = .none
            keptBase = base
            network = recovered.network
            history = History()
            history.markUnsaved()
            refresh()
            let k = recovered.merge?.conflicts.count ?? 0
            message = StatusMessage(text: recovered.merge == nil ? "Restored the unsaved edits; s saves them"
                                    : "Restored the unsaved edits, merged into the file as it is now: \(k) conflict\(k == 1 ? "" : "s")\(k == 0 ? "" : " — ! to see them"); s saves them",
                                    isError: false)
        case .decline:
            modal = .none
            message = StatusMessage(text: "Set aside: the rescued edits are kept as \(Store.baseName(of: Store.recoveryPath(for: path ?? ""))).discarded", isError: false)
            return [.discardRecovery]
        case .cancel:
            // Put off: nothing changes, and the file stays to be offered again at the next start.
            modal = .none
            keepsRecovery = true
            message = StatusMessage(text: "Not restored: the rescued edits stay in \(Store.baseName(of: Store.recoveryPath(for: path ?? ""))) for the next start", isError: false)
        default:
            break
        }
        return []
    }

    /// "Save as" found a file at `path`: ask before replacing it — `y` for a NetTUI data file, the
    /// typed word `replace` for anything else. Nothing changes until then (the open file stays open).
    mutating func askToReplace(_ path: String, _ existing: ExistingFile) {
        switch existing {
        case .dataFile(let contacts):
            modal = .confirmReplace(path: path, contacts: contacts)
        case .other(let what):
            let name = Store.baseName(of: path)
            modal = .form(Form(title: "\(name) exists and is not a NetTUI data file\(what.map { " (\($0))" } ?? ""). Replace it?",
                               fields: [Form.Field(label: "Type replace", hint: "the word replace, then Enter, overwrites \(name); Esc keeps it",
                                                   input: TextField())],
                               purpose: .replaceOther(path: path)))
        }
    }

    private mutating func answerReplace(_ action: Action, _ path: String) -> [Effect] {
        switch action {
        case .confirm:
            modal = .none
            return [.replaceFile(path)]
        case .decline, .cancel:
            modal = .none
            message = StatusMessage(text: "Not saved as \(Store.baseName(of: path)): it is left as it was", isError: false)
        default:
            break
        }
        return []
    }

    /// Only the named choices act; any other key (y and n included: n cancels) leaves the edits alone.
    private mutating func answerQuit(_ action: Action) -> [Effect] {
        switch action {
        case .saveAndQuit:
            modal = .none
            return saveAndQuit()
        case .discardAndQuit: return [.quit]
        case .cancel: modal = .none
        default: break
        }
        return []
    }

    /// Saves, then quits; the demo and a read-only file ask for a file to save as first. Quits at
    /// once when there is nothing to save.
    private mutating func saveAndQuit() -> [Effect] {
        guard isDirty else { return [.quit] }
        if path == nil || readOnlyReason != nil {
            openSaveAs(thenQuit: true)
            return []
        }
        let effects = save()
        quitsAfterSave = !effects.isEmpty
        return effects
    }

    private mutating func openSaveAs(thenQuit: Bool) {
        let current = path ?? (home.map { $0 + "/network.json" } ?? "network.json")
        modal = .form(Form(title: thenQuit ? "Save as, then quit" : "Save as",
                           fields: [Form.Field(label: "File", hint: "a path; ~ is your home folder", input: TextField(current, suggestion: true))],
                           purpose: .saveAs(thenQuit: thenQuit)))
    }

    // MARK: - Editing the document

    /// True when edits are allowed; otherwise says why on the status line.
    mutating func editable() -> Bool {
        guard let why = readOnlyReason else { return true }
        message = StatusMessage(text: "Read-only: \(why)", isError: true)
        return false
    }

    /// Applies one user step to the document and records it for undo.
    mutating func commit(_ changes: [Change]) {
        guard !changes.isEmpty else { return }
        if keptBase == nil && history.recordingLosesSavedVersion { keptBase = base }
        apply(changes)
        history.record(changes)
        refresh()
    }

    private mutating func undo() {
        guard let changes = history.undo() else {
            message = StatusMessage(text: "Nothing to undo", isError: false)
            return
        }
        apply(changes)
        refresh()
        message = StatusMessage(text: "Undone: \(describe(changes))", isError: false)
    }

    private mutating func redo() {
        guard let changes = history.redo() else {
            message = StatusMessage(text: "Nothing to redo", isError: false)
            return
        }
        apply(changes)
        refresh()
        message = StatusMessage(text: "Redone: \(describe(changes))", isError: false)
    }

    private func describe(_ changes: [Change]) -> String {
        let contacts = changes.filter { if case .contact = $0 { return true }; return false }.count
        if contacts > 1 { return "\(contacts) contacts changed at once (an import, a delete with its interactions…)" }
        guard case .contact(let b, let a)? = changes.last(where: { if case .contact = $0 { return true }; return false }) else {
            return "\(changes.count) change\(changes.count == 1 ? "" : "s")"
        }
        switch (b, a) {
        case (nil, let a?): return "added \(a.name)"
        case (let b?, nil): return "deleted \(b.name)"
        case (_, let a?): return "edit of \(a.name)"
        default: return "change"
        }
    }

    private mutating func save() -> [Effect] {
        if path == nil {
            message = StatusMessage(text: "The demo is not saved to a file until you choose one: S saves it as…", isError: true)
            return []
        }
        if let why = readOnlyReason {
            message = StatusMessage(text: "Not saved: \(why); S saves as another file", isError: true)
            return []
        }
        message = StatusMessage(text: "Saving \(Store.baseName(of: path ?? ""))…", isError: false)
        return [.save]
    }
}
