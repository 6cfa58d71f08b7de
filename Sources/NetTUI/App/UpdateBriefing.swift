import NetModel
import NetStore

/// The briefing pane's part of the update, and logging interactions and closing follow-ups, which
/// work wherever a contact is selected.
extension AppState {
    mutating func performInBriefing(_ action: Action) -> [Effect] {
        switch action {
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            brief.cursor.move(action, count: briefing.people.count, visible: layout.briefingList.belowHeader.height)
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
        keepSelectionVisible()
        return []
    }

    mutating func performInChooser(_ action: Action, _ chooser: ScopeChooser) {
        var c = chooser
        if handleListKey(action, in: &c) {
            modal = .chooser(c)
            return
        }
        switch action {
        case .cancel:
            modal = .none
            return
        case .submit:
            modal = .none
            let options = c.options(self)
            guard options.indices.contains(c.cursor.selected) else { return }
            brief.scope = options[c.cursor.selected].scope
            brief.selected = 0
            refresh()
            return
        default:
            break
        }
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
