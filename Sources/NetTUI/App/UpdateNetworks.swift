import NetModel
import Plumbing
import NetStore

/// The networks and exits panes' part of the update: their cursors, the network form, the member
/// picker, and the exit decisions.
extension AppState {
    // MARK: - Networks pane

    mutating func performInNetworks(_ action: Action) -> [Effect] {
        switch action {
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            guard let i = ListCursor.target(of: action, from: networkIndex ?? 0, count: networkRows.count, visible: layout.paneList.belowHeader.height),
                  !networkRows.isEmpty else { break }
            networks.selectedID = network.networks[networkRows[i]].id
        case .addNew:
            if editable() { modal = .form(NetworkForm.make(nil)) }
        case .editSelected:
            if let g = currentNetwork, editable() { modal = .form(NetworkForm.make(g)) }
        case .deleteSelected:
            if let g = currentNetwork, editable() { modal = .confirmDeleteNetwork(id: g.id) }
        case .pickMembers:
            if let g = currentNetwork, editable() { modal = .picker(MemberPicker(group: g)) }
        case .openCard:
            if currentNetwork != nil { modal = .card(scroll: 0) }
        default:
            return performShared(action)
        }
        keepSelectionVisible()
        return []
    }

    mutating func answerDeleteNetwork(_ action: Action, _ id: String) {
        modal = .none
        guard action == .confirm, let g = network.network(id: id) else { return }
        // Events of the network stay, no longer tied to it.
        var changes: [Change] = network.events.filter { $0.network.map { sameBytes($0, id) } == true }.map { e in
            var after = e
            after.network = nil
            return .event(before: e, after: after)
        }
        changes.append(.network(before: g, after: nil))
        commit(changes)
        message = StatusMessage(text: "Deleted \(g.name) (u undoes)", isError: false)
    }

    // MARK: - Member picker

    mutating func performInPicker(_ action: Action, _ picker: MemberPicker) {
        var p = picker
        if handleListKey(action, in: &p) {
            modal = .picker(p)
            return
        }
        switch action {
        case .toggle:
            let rows = p.rows(network)
            guard p.cursor.selected < rows.count else { break }
            let id = JSONKey(network.contacts[rows[p.cursor.selected]].id)
            if p.chosen.contains(id) { p.chosen.remove(id) } else { p.chosen.insert(id) }
        case .cancel:
            modal = .none
            message = StatusMessage(text: "Cancelled; members unchanged", isError: false)
            return
        case .submit:
            modal = .none
            switch p.target {
            case .network(let id):
                guard let g = network.network(id: id) else { return }
                var after = g
                after.members = p.members(before: g.members, network)
                guard after.members != g.members else {
                    message = StatusMessage(text: "Members unchanged", isError: false)
                    return
                }
                after.updated = clock.now()
                commit([.network(before: g, after: after)])
                message = StatusMessage(text: "\(g.name): \(after.members.count) members", isError: false)
            case .event(let id):
                guard let e = network.event(id: id) else { return }
                var after = e
                after.attendees = p.members(before: e.attendees, network)
                guard after.attendees != e.attendees else {
                    message = StatusMessage(text: "Attendees unchanged", isError: false)
                    return
                }
                commit([.event(before: e, after: after)])
                message = StatusMessage(text: "\(e.name): \(after.attendees.count) attendees", isError: false)
            }
            return
        default:
            break
        }
        modal = .picker(p)
    }

    // MARK: - Exits pane

    mutating func performInExits(_ action: Action) -> [Effect] {
        switch action {
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            exits.cursor.move(action, count: exitRows.count, visible: layout.exitsList.belowHeader.height)
        case .toggleAll:
            exits.showAll.toggle()
            refresh()
            message = StatusMessage(text: exits.showAll ? "Showing everything with a signal or a decision" : "Showing open candidates", isError: false)
        case .decide(let kind):
            guard let c = currentCandidate, editable() else { return [] }
            modal = .form(DecisionForm.make(kind, for: target(c), name: c.name, today: today))
        case .leave:
            guard let c = currentCandidate, editable() else { return [] }
            modal = .confirmLeave(target(c))
        case .editSelected:
            guard let c = currentCandidate, editable() else { return [] }
            if c.kind == .network, let g = network.network(id: c.id) { modal = .form(NetworkForm.make(g)) } else if let contact = network.contact(id: c.id) {
                modal = .form(ContactForm.make(contact))
            }
        case .openCard:
            if currentCandidate != nil { modal = .card(scroll: 0) }
        default:
            return performShared(action)
        }
        keepSelectionVisible()
        return []
    }

    private func target(_ c: ExitCandidate) -> DecisionTarget {
        c.kind == .network ? .network(c.id) : .contact(c.id)
    }

    /// Records an exit decision on a network or a contact as one undoable change.
    mutating func decide(_ decision: ExitDecision, for target: DecisionTarget) {
        let now = clock.now()
        let name: String
        switch target {
        case .network(let id):
            guard let g = network.network(id: id) else { return }
            var after = g
            after.decision = decision
            after.decisionExtra = [:]  // unknown keys belonged to the decision replaced here
            after.updated = now
            commit([.network(before: g, after: after)])
            name = g.name
        case .contact(let id):
            guard let c = network.contact(id: id) else { return }
            var after = c
            after.decision = decision
            after.decisionExtra = [:]
            after.updated = now
            commit([.contact(before: c, after: after)])
            name = c.name
        }
        message = StatusMessage(text: "\(name): \(decision.summary) (u undoes)", isError: false)
    }

    mutating func answerLeave(_ action: Action, _ target: DecisionTarget) {
        modal = .none
        if action == .confirm { decide(.leave(on: today), for: target) }
    }

    // MARK: - Forms of these panes

    mutating func submitOther(_ form: Form, now: Timestamp) -> FormError? {
        switch form.purpose {
        case .network(let original):
            switch NetworkForm.build(form, original: original, id: original?.id ?? clock.newID(), now: now) {
            case .failure(let e): return e
            case .success(let g):
                modal = .none
                guard g != original else {
                    message = StatusMessage(text: "No changes", isError: false)
                    return nil
                }
                commit([.network(before: original, after: g)])
                networks.selectedID = g.id
                keepSelectionVisible()
                message = StatusMessage(text: original == nil ? "Added \(g.name)" : "Updated \(g.name)", isError: false)
            }
        case .decision(let target, let kind):
            switch DecisionForm.build(form, kind: kind, today: today) {
            case .failure(let e): return e
            case .success(let d):
                modal = .none
                decide(d, for: target)
            }
        default:
            break
        }
        return nil
    }
}
