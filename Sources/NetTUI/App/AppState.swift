import Foundation
import NetModel

/// Time and ids come from outside so that updates stay pure and tests are repeatable.
struct Clock: Sendable {
    var now: @Sendable () -> Timestamp
    var newID: @Sendable () -> String

    /// The real clock — unless NETTUI_TODAY=YYYY-MM-DD pins the day (at noon UTC), which makes the
    /// demo and the screen captures of docs/USER_GUIDE.md the same on any day.
    static let system = Clock(
        now: {
            if let pinned = ProcessInfo.processInfo.environment["NETTUI_TODAY"].flatMap(Day.init(iso:)) {
                return Timestamp(seconds: Int64(pinned.ordinal) * 86_400 + 12 * 3600)
            }
            return Timestamp(seconds: Int64(Foundation.Date().timeIntervalSince1970))
        },
        newID: { UUID().uuidString.lowercased() }
    )
}

enum SortKey: Int, CaseIterable, Sendable {
    case name, organization, lastContact, importance, owner

    var title: String {
        switch self {
        case .name: return "name"
        case .organization: return "organisation"
        case .lastContact: return "last contact"
        case .importance: return "importance"
        case .owner: return "owner"
        }
    }

    /// Importance reads best highest first; the rest A→Z / oldest first.
    var defaultAscending: Bool { self != .importance }
}

/// What the contacts list shows and where its cursor is.
struct ContactListState: Sendable {
    var sort: SortKey = .name
    var ascending = true
    var selectedID: String?
    /// The first list row on screen.
    var top = 0
}

/// The matrix pane's cursor: the focused quadrant, and a selection and scroll position in each.
struct MatrixState: Sendable {
    var focus: Quadrant = .key
    var selectedID: [Quadrant: String] = [:]
    var top: [Quadrant: Int] = [:]
}

struct BriefingState: Sendable {
    var scope: BriefingScope = .today
    var selected = 0
    var top = 0
}

struct NetworksState: Sendable {
    var selectedID: String?
    var top = 0
}

struct ExitsState: Sendable {
    var selected = 0
    var top = 0
    /// Also show candidates that are decided or hidden until a review date.
    var showAll = false
}

/// What sits on top of the panes and takes the keys.
enum Modal: Equatable, Sendable {
    case none
    case card(scroll: Int)
    case form(Form)
    case confirmDelete(id: String)
    case confirmQuit
    /// Edits rescued from an earlier run that was stopped by a signal: restore them?
    case confirmRestore(Network)
    case confirmDeleteNetwork(id: String)
    case confirmLeave(DecisionTarget)
    case picker(MemberPicker)
    case chooser(ScopeChooser)
    case palette(Palette)
    /// A report to read, such as an import's summary; scrolls.
    case summary(title: String, lines: [String], scroll: Int)
    /// The merge conflicts, with the cursor on one.
    case conflicts(selected: Int)
    /// The help screen, opened from `from`, whose keys it lists first.
    case help(scroll: Int, from: KeyContext)
}

struct StatusMessage: Equatable, Sendable {
    var text: String
    var isError: Bool
}

/// Side effects the update asks for; the driver performs them and reports back.
enum Effect: Equatable, Sendable {
    case save
    /// Save to another file, which becomes the open one.
    case saveAs(String)
    /// Edit this text in the user's editor; the result goes back into the focused form field.
    case editText(String)
    /// Read a file of contacts and merge it in (one undoable step), then show the summary.
    case importFile(String, ImportFormat?)
    /// Write the contacts to a file as vCard or CSV.
    case exportFile(String, ExportFormat)
    /// Set the rescued edits of an earlier run aside (renamed, never deleted).
    case discardRecovery
    case quit
    case suspend
}

/// Everything the program knows. `handle(_:)` in Update.swift changes it; `render` draws it.
struct AppState: Sendable {
    static let minWidth = 40
    static let minHeight = 10

    var network: Network
    /// The data file's path, as given; nil for the built-in demo, which is never saved.
    var path: String?
    /// Why edits cannot be saved (a newer file format, another copy holds the lock); nil when writable.
    var readOnlyReason: String?
    var history = History()
    var pane: PaneID = .contacts
    var list = ContactListState()
    var matrix = MatrixState()
    var networks = NetworksState()
    var exits = ExitsState()
    var brief = BriefingState()
    /// The `/` filter; it narrows the contacts list and every quadrant of the matrix.
    var filter = TextField()
    var editingFilter = false
    var modal: Modal = .none
    var message: StatusMessage?
    /// How list dates read (the settings' dateFormat).
    var dateStyle = DateStyle.relative
    var width: Int
    var height: Int
    var clock: Clock

    // Derived from `network` and `list`; rebuilt by `refresh()` after every change.
    private(set) var lastContact: [String: Day] = [:]
    /// Indexes into `network.contacts` of the rows the list shows, in order.
    private(set) var rows: [Int] = []
    /// The same for each quadrant of the matrix, sorted by name.
    private(set) var quadrantRows: [Quadrant: [Int]] = [:]
    /// Indexes into `network.networks` of the networks pane's rows: active ones first, by name.
    private(set) var networkRows: [Int] = []
    /// The exits pane's rows, best candidate first.
    private(set) var exitRows: [ExitCandidate] = []
    /// The briefing on `brief.scope`.
    private(set) var briefing = Briefing(network: Network(), scope: .today, today: Day(ordinal: 0))

    init(network: Network, path: String?, readOnlyReason: String? = nil, width: Int = 80, height: Int = 24, clock: Clock = .system) {
        self.network = network
        self.path = path
        self.readOnlyReason = readOnlyReason
        self.width = width
        self.height = height
        self.clock = clock
        refresh()
    }

    var isDirty: Bool { history.isDirty }
    var today: Day { clock.now().day }
    var isTooSmall: Bool { width < AppState.minWidth || height < AppState.minHeight }

    var selectedIndex: Int? {
        guard let id = list.selectedID else { return nil }
        return rows.firstIndex { network.contacts[$0].id == id }
    }

    var selectedContact: Contact? {
        selectedIndex.map { network.contacts[rows[$0]] }
    }

    /// Rebuilds the derived data: last contact per contact, and the filtered, sorted rows, keeping
    /// the selection on the same contact when it is still shown.
    mutating func refresh() {
        lastContact = network.lastContactDays()
        let query = ContactQuery(filter.text, me: network.me.name)
        var indexes = Array(network.contacts.indices)
        if !query.isEmpty {
            indexes = indexes.filter { query.matches(network.contacts[$0]) }
        }
        let contacts = network.contacts
        let names = indexes.reduce(into: [Int: String]()) { $0[$1] = SearchText.fold(contacts[$1].name) }
        let last = lastContact
        func less(_ a: Int, _ b: Int) -> Bool {
            let ca = contacts[a], cb = contacts[b]
            switch list.sort {
            case .name: break
            case .organization:
                let oa = SearchText.fold(ca.organization), ob = SearchText.fold(cb.organization)
                if oa != ob { return oa.isEmpty != ob.isEmpty ? !oa.isEmpty : oa < ob }
            case .lastContact:
                let da = last[ca.id]?.ordinal ?? Int.min, db = last[cb.id]?.ordinal ?? Int.min
                if da != db { return da < db }
            case .owner:
                // The team view: contacts grouped by who keeps them; unowned last.
                let oa = SearchText.fold(ca.owner), ob = SearchText.fold(cb.owner)
                if oa != ob { return oa.isEmpty != ob.isEmpty ? !oa.isEmpty : oa < ob }
            case .importance:
                let ia = ca.importanceNow.value + ca.importanceFuture.value
                let ib = cb.importanceNow.value + cb.importanceFuture.value
                if ia != ib { return ia < ib }
            }
            if names[a]! != names[b]! { return names[a]! < names[b]! }
            return ca.id < cb.id
        }
        var byQuadrant: [Quadrant: [Int]] = [:]
        for i in indexes { byQuadrant[network.scheme.quadrant(of: contacts[i]), default: []].append(i) }
        for q in Quadrant.allCases {
            byQuadrant[q] = (byQuadrant[q] ?? []).sorted { names[$0]! != names[$1]! ? names[$0]! < names[$1]! : contacts[$0].id < contacts[$1].id }
            if let id = matrix.selectedID[q], byQuadrant[q]!.contains(where: { contacts[$0].id == id }) { continue }
            matrix.selectedID[q] = byQuadrant[q]!.first.map { contacts[$0].id }
        }
        quadrantRows = byQuadrant
        let words = SearchText.words(filter.text)
        let groups = network.networks
        networkRows = groups.indices
            .filter { words.isEmpty || SearchText.matches(SearchText.fold(groups[$0].name + " " + groups[$0].kind + " " + groups[$0].notes), words: words) }
            .sorted { (groups[$0].isLeft ? 1 : 0, SearchText.fold(groups[$0].name), groups[$0].id) < (groups[$1].isLeft ? 1 : 0, SearchText.fold(groups[$1].name), groups[$1].id) }
        if networkIndex == nil { networks.selectedID = networkRows.first.map { groups[$0].id } }
        exitRows = network.exitCandidates(today: today, all: exits.showAll)
            .filter { words.isEmpty || SearchText.matches(SearchText.fold($0.name), words: words) }
        exits.selected = max(0, min(exits.selected, exitRows.count - 1))
        // A briefing whose event or network was deleted falls back to today.
        switch brief.scope {
        case .event(let id) where !network.events.contains { $0.id == id }: brief.scope = .today
        case .network(let id) where network.network(id: id) == nil: brief.scope = .today
        default: break
        }
        // The cursor stays on the same person when the order changes (after logging a talk, say).
        let selectedPerson = currentBriefingPerson?.contactID
        briefing = Briefing(network: network, scope: brief.scope, today: today)
        if let id = selectedPerson, let i = briefing.people.firstIndex(where: { $0.contactID == id }) { brief.selected = i }
        brief.selected = max(0, min(brief.selected, briefing.people.count - 1))
        let ascending = list.ascending
        indexes.sort { ascending ? less($0, $1) : less($1, $0) }
        rows = indexes
        if selectedIndex == nil { list.selectedID = rows.first.map { network.contacts[$0].id } }
        keepSelectionVisible()
    }

    /// The row of the selected contact within the focused quadrant.
    func matrixIndex(_ q: Quadrant) -> Int? {
        guard let id = matrix.selectedID[q] else { return nil }
        return quadrantRows[q]?.firstIndex { network.contacts[$0].id == id }
    }

    var networkIndex: Int? {
        guard let id = networks.selectedID else { return nil }
        return networkRows.firstIndex { network.networks[$0].id == id }
    }

    var currentBriefingPerson: Briefing.Person? {
        briefing.people.indices.contains(brief.selected) ? briefing.people[brief.selected] : nil
    }

    var currentCandidate: ExitCandidate? {
        exitRows.indices.contains(exits.selected) ? exitRows[exits.selected] : nil
    }

    /// The contact the current pane has selected: the list's, the focused quadrant's, or the exit candidate.
    var currentContact: Contact? {
        switch pane {
        case .contacts: return selectedContact
        case .matrix: return matrix.selectedID[matrix.focus].flatMap { network.contact(id: $0) }
        case .exits: return currentCandidate.flatMap { $0.kind == .contact ? network.contact(id: $0.id) : nil }
        case .briefing: return currentBriefingPerson.flatMap { network.contact(id: $0.contactID) }
        case .networks: return nil
        }
    }

    /// The network the current pane has selected.
    var currentNetwork: NetworkGroup? {
        switch pane {
        case .networks: return networkIndex.map { network.networks[networkRows[$0]] }
        case .exits: return currentCandidate.flatMap { $0.kind == .network ? network.network(id: $0.id) : nil }
        default: return nil
        }
    }

    /// Selects a contact in the current pane (after an edit or a move).
    mutating func select(_ id: String) {
        list.selectedID = id
        if let c = network.contact(id: id) {
            let q = network.scheme.quadrant(of: c)
            matrix.selectedID[q] = id
            if pane == .matrix { matrix.focus = q }
        }
    }

    /// Scrolls the list so the selected row is on screen.
    mutating func keepSelectionVisible() {
        list.top = Self.scrolled(list.top, selected: selectedIndex ?? 0, count: rows.count, visible: ContactsPane.listHeight(self))
        networks.top = Self.scrolled(networks.top, selected: networkIndex ?? 0, count: networkRows.count, visible: NetworksPane.listHeight(self) - 1)
        brief.top = Self.scrolled(brief.top, selected: brief.selected, count: briefing.people.count, visible: BriefingPane.listHeight(self) - 1)
        exits.top = Self.scrolled(exits.top, selected: exits.selected, count: exitRows.count, visible: ExitsPane.listHeight(self) - 1)
        let visible = MatrixPane.rowsVisible(self)
        for q in Quadrant.allCases {
            matrix.top[q] = Self.scrolled(matrix.top[q] ?? 0, selected: matrixIndex(q) ?? 0, count: quadrantRows[q]?.count ?? 0, visible: visible)
        }
    }

    /// The first row to show so that `selected` is within a window of `visible` rows.
    static func scrolled(_ top: Int, selected: Int, count: Int, visible: Int) -> Int {
        let visible = max(1, visible)
        var top = top
        if selected < top { top = selected }
        if selected >= top + visible { top = selected - visible + 1 }
        return max(0, min(top, max(0, count - visible)))
    }

    /// The key context: which keymap table reads the next key.
    var keyContext: KeyContext {
        switch modal {
        case .form: return .form
        case .confirmDelete, .confirmQuit, .confirmRestore, .confirmDeleteNetwork, .confirmLeave: return .confirm
        case .picker: return .picker
        case .chooser: return .chooser
        case .palette: return .palette
        case .summary: return .help
        case .conflicts: return .conflicts
        case .help: return .help
        case .card: return currentNetwork != nil ? .networkCard : .card
        case .none:
            return editingFilter ? .filter : pane.keyContext
        }
    }
}
