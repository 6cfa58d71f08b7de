import NetModel
import NetStore
import NetInterchange

/// The briefing pane's part of the update, and logging interactions and closing follow-ups, which
/// work wherever a contact is selected.
extension AppState {
    mutating func performInBriefing(_ action: Action) -> [Effect] {
        let count = briefing.people.count
        let page = max(1, BriefingPane.listHeight(self) - 1)
        switch action {
        case .moveDown: brief.selected = min(count - 1, brief.selected + 1)
        case .moveUp: brief.selected = max(0, brief.selected - 1)
        case .pageDown: brief.selected = min(count - 1, brief.selected + page)
        case .pageUp: brief.selected = max(0, brief.selected - page)
        case .top: brief.selected = 0
        case .bottom: brief.selected = count - 1
        case .chooseScope: modal = .chooser(ScopeChooser())
        case .addEvent:
            if editable() { modal = .form(EventForm.make(nil, network: network, today: today)) }
        case .editEvent:
            guard case .event(let id) = brief.scope, let e = network.event(id: id) else {
                message = StatusMessage(text: "Choose an event first (b)", isError: false)
                return []
            }
            if editable() { modal = .form(EventForm.make(e, network: network, today: today)) }
        case .pickAttendees:
            guard case .event(let id) = brief.scope, let e = network.event(id: id) else {
                message = StatusMessage(text: "Choose an event first (b)", isError: false)
                return []
            }
            if editable() { modal = .picker(MemberPicker(event: e)) }
        case .openCard:
            if currentContact != nil { modal = .card(scroll: 0) }
        default:
            return performShared(action)
        }
        brief.selected = max(0, brief.selected)
        keepSelectionVisible()
        return []
    }

    mutating func performInChooser(_ action: Action, _ chooser: ScopeChooser) {
        var c = chooser
        let options = c.options(self)
        switch action {
        case .moveDown: c.cursor = min(options.count - 1, c.cursor + 1)
        case .moveUp: c.cursor = max(0, c.cursor - 1)
        case .cancel:
            modal = .none
            return
        case .submit:
            modal = .none
            guard options.indices.contains(c.cursor) else { return }
            brief.scope = options[c.cursor].scope
            brief.selected = 0
            refresh()
            return
        default:
            if c.query.edit(action) { c.cursor = 0 }
        }
        c.cursor = max(0, min(c.cursor, c.options(self).count - 1))
        c.top = AppState.scrolled(c.top, selected: c.cursor, count: c.options(self).count, visible: height - 3 - 3 - 2)
        modal = .chooser(c)
    }

    /// `i`: log an interaction with the selected contact.
    mutating func logInteraction() {
        guard let c = currentContact, editable() else { return }
        modal = .form(InteractionForm.make(contact: c, today: today))
    }

    /// Closes the contact's open follow-up that is due first.
    mutating func closeFollowUp() {
        guard let c = currentContact, editable() else { return }
        guard let open = network.openFollowUps(contact: c.id).first,
              let change = network.changeClosingFollowUp(interaction: open.interaction.id, on: today) else {
            message = StatusMessage(text: "\(c.name) has no open follow-up", isError: false)
            return
        }
        commit([change])
        message = StatusMessage(text: "Closed the follow-up “\(open.followUp.what)” (u undoes)", isError: false)
    }

    mutating func submitBriefingForm(_ form: Form) -> FormError? {
        switch form.purpose {
        case .interaction(let contactID):
            switch InteractionForm.build(form, contactID: contactID, id: clock.newID(), today: today) {
            case .failure(let e): return e
            case .success(let i):
                modal = .none
                commit([.interaction(before: nil, after: i)])
                let name = network.contact(id: contactID)?.name ?? "the contact"
                message = StatusMessage(text: "Logged a \(i.kind.rawValue) with \(name)" + (i.followUp.map { "; follow up on \($0.due)" } ?? ""), isError: false)
            }
        case .event(let original):
            switch EventForm.build(form, original: original, id: original?.id ?? clock.newID(), network: network) {
            case .failure(let e): return e
            case .success(let e):
                modal = .none
                guard e != original else {
                    message = StatusMessage(text: "No changes", isError: false)
                    return nil
                }
                commit([.event(before: original, after: e)])
                brief.scope = .event(e.id)
                refresh()
                message = StatusMessage(text: (original == nil ? "Added " : "Updated ") + "\(e.name); m chooses the attendees", isError: false)
            }
        default:
            break
        }
        return nil
    }
}
