import Foundation
import NetModel
import Plumbing
import NetStore
import NetInterchange

/// Time and ids come from outside so that updates stay pure and tests are repeatable.
struct Clock: Sendable {
    var now: @Sendable () -> Timestamp
    var newID: @Sendable () -> String

    /// The real clock — unless NETTUI_TODAY=YYYY-MM-DD pins the day (at noon UTC), which makes the
    /// demo and the screen captures of docs/USER_GUIDE.md the same on any day.
    static let system = Clock(
        now: {
            if let pinned = pinnedDay { return Timestamp(seconds: Int64(pinned.ordinal) * 86_400 + 12 * 3600) }
            return Timestamp(seconds: Int64(Foundation.Date().timeIntervalSince1970))
        },
        newID: { UUID().uuidString.lowercased() }
    )

    /// Read once: the clock is asked for the day on every row drawn.
    private static let pinnedDay = ProcessInfo.processInfo.environment["NETTUI_TODAY"].flatMap(Day.init(iso:))
}

/// The column the contacts list is sorted by (`o` cycles it). Not Plumbing's `SortKey`, the text
/// collation key the lists and rules compare names with.
enum ContactSort: Int, CaseIterable, Sendable {
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
    var sort: ContactSort = .name
    var ascending = true
    /// Kept by id, so that the selection stays on its contact when the list is sorted or filtered.
    var selectedID: String?
    /// The first list row on screen (`ListCursor.offset`).
    var offset = 0
}

/// The matrix pane's cursor: the focused quadrant, and a selection and scroll position in each.
struct MatrixState: Sendable {
    var focus: Quadrant = .key
    var selectedID: [Quadrant: String] = [:]
    var offset: [Quadrant: Int] = [:]
}

struct BriefingState: Sendable {
    var scope: BriefingScope = .today
    var cursor = ListCursor()
    var selected: Int {
        get { cursor.selected }
        set { cursor.selected = newValue }
    }
}

struct NetworksState: Sendable {
    var selectedID: String?
    var offset = 0
}

struct ExitsState: Sendable {
    var cursor = ListCursor()
    var selected: Int {
        get { cursor.selected }
        set { cursor.selected = newValue }
    }
    /// Also show candidates that are decided or hidden until a review date.
    var showAll = false
}

/// What sits on top of the panes and takes the keys.
enum Modal: Equatable, Sendable {
    case none
    /// The full-screen card; `scroll`: its first line on screen.
    case card(scroll: Int)
    case form(Form)
    case confirmDelete(id: String)
    /// Quitting with unsaved edits: save and quit, discard and quit, or stay.
    case confirmQuit
    /// Edits rescued from an earlier run that was stopped by a signal: restore them?
    case confirmRestore(RescuedEdits)
    /// "Save as" onto another NetTUI data file that is already there: replace it?
    case confirmReplace(path: String, contacts: Int)
    case confirmDeleteNetwork(id: String)
    case confirmLeave(DecisionTarget)
    case picker(MemberPicker)
    case chooser(ScopeChooser)
    case palette(Palette)
    /// A report to read, such as an import's summary; scrolls.
    case summary(title: String, lines: [String], scroll: Int)
    /// The merge conflicts, with the cursor on one.
    case conflicts(ListCursor)
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
    /// Save to another file, which becomes the open one; a file already there is asked about first.
    case saveAs(String)
    /// Save as, replacing the file there: the person confirmed it.
    case replaceFile(String)
    /// Edit this text in the user's editor; the result goes back into the focused form field.
    case editText(String)
    /// Read a file of contacts and merge it in (one undoable step), then show the summary.
    case importFile(String, ImportFormat?)
    /// Write the contacts to a file as vCard or CSV.
    case exportFile(String, ExportFormat)
    /// Set the rescued edits of an earlier run aside (renamed, never deleted).
    case discardRecovery
    /// List the names in a folder that begin with `start` (not hidden ones), for Tab in the palette.
    case listFolder(String, start: String)
    case quit
    case suspend
}

/// Everything the program knows. `handle(_:)` in Update.swift changes it; `render` draws it.
struct AppState: Sendable {
    static let minWidth = 40
    static let minHeight = 10

    var network: Network { didSet { revision &+= 1 } }
    /// The data file's path, as given; nil for the built-in demo, which is never saved.
    var path: String?
    /// What the file was when last read or saved: a save merges a change another program made
    /// since (`Store.save(_:base:onDisk:to:)`), with `base` as the merge's base.
    var onDisk: OnDisk
    /// The network as last read or saved, when the undo history cannot lead back to it (restored
    /// edits, an undone saved state overwritten, the oldest step dropped); nil while it can. Not
    /// kept as a copy otherwise: the first edit of each list would copy it whole (55 MB at 100,000
    /// contacts, docs/BENCHMARKS.md).
    var keptBase: Network?
    /// The network as the file was when last read or saved — made from the history only when a
    /// save finds the file changed outside, or edits are rescued.
    var base: Network { keptBase ?? history.savedVersion(of: network) ?? network }
    /// Why edits cannot be saved (a newer file format, another copy holds the lock); nil when writable.
    var readOnlyReason: String?
    var history = History()
    /// The offer of rescued edits was put off (Esc): FILE.unsaved.json stays for the next start,
    /// and a save does not remove it.
    var keepsRecovery = false
    /// Switching builds the new pane's lists if they are out of date.
    var pane: PaneID = .contacts { didSet { if pane != oldValue { refresh() } } }
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
    /// The home folder (`~/` in a path typed; the first name "save as" offers); the program
    /// passes `$HOME` in, so the update reads no environment.
    var home: String?
    /// A save is under way that is to end the program once it succeeds without merging (`:wq`,
    /// "save and quit"); a failed one, or a question, keeps the program up.
    var quitsAfterSave = false

    /// Counts every change of `network`, so that derived data knows when it is out of date.
    private(set) var revision = 0

    // Derived from `network`, the filter and the panes' settings; `refresh()` rebuilds what is out
    // of date after every change. Exits and the briefing are built when their pane is shown.
    private(set) var facts = ContactFacts()
    /// The day of the latest interaction with the contact with this id.
    func lastContact(_ id: String) -> Day? { contactIndex(id).flatMap { facts.lastContact[$0] } }
    /// Indexes into `network.contacts` of the rows the list shows, in order.
    private(set) var rows: [Int] = []
    /// The same for each quadrant of the matrix, sorted by name.
    private(set) var quadrantRows: [Quadrant: [Int]] = [:]
    /// How many of each quadrant's rows are overdue for contact.
    private(set) var quadrantOverdue: [Quadrant: Int] = [:]
    /// Indexes into `network.networks` of the networks pane's rows: active ones first, by name.
    private(set) var networkRows: [Int] = []
    /// The exits pane's rows, best candidate first.
    private(set) var exitRows: [ExitCandidate] = []
    /// The briefing on `brief.scope`.
    private(set) var briefing = Briefing(network: Network(), scope: .today, today: Day(ordinal: 0))
    private var built = BuiltFrom()

    /// `view`: the view of `network` loading it built (with its log's index), when there is one.
    init(network: Network, path: String?, readOnlyReason: String? = nil, width: Int = 80, height: Int = 24, clock: Clock = .system,
         view: NetworkView? = nil, onDisk: OnDisk = .unknown) {
        self.network = network
        self.onDisk = onDisk
        facts = ContactFacts(network, revision: revision, view: view)
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
        guard let id = list.selectedID, let i = contactIndex(id) else { return nil }
        return rows.firstIndex(of: i)
    }

    var selectedContact: Contact? {
        selectedIndex.map { network.contacts[rows[$0]] }
    }

    /// The index in `network.contacts` of the contact with this id.
    func contactIndex(_ id: String) -> Int? { Network.index(of: id, in: network.contacts) }

    /// Work that can wait until the keyboard is idle: the filter's search text and the cards'
    /// interaction index. The loop calls `doIdleWork()` while no key is pending.
    var hasIdleWork: Bool { !facts.isComplete }

    mutating func doIdleWork() {
        facts.prepare(network, limit: 2000)
    }

    /// Applies changes to the document, bringing the contact facts up to date in place when it can
    /// (an edited contact, a logged interaction) instead of rebuilding them for every contact.
    mutating func apply(_ changes: [Change]) {
        network.apply(changes)
        if !facts.update(after: changes, in: network, revision: revision) { facts.revision = -1 }
    }

    /// Rebuilds the derived data that is out of date, keeping each selection on the same item when
    /// it is still shown.
    mutating func refresh() {
        if facts.revision != revision {
            // The old facts go before the new are built: both at once would be the peak.
            facts = ContactFacts()
            facts = ContactFacts(network, revision: revision)
        }
        // Lists of indexes built before the network changed can point past its end: a pane not on
        // screen drops them, and builds them again when it is shown.
        if built.rows?.revision != revision { (rows, built.rows) = ([], nil) }
        if built.quadrants?.revision != revision { (quadrantRows, built.quadrants) = ([:], nil) }
        if built.networks?.revision != revision { (networkRows, built.networks) = ([], nil) }
        switch pane {
        case .contacts: refreshRows()
        case .matrix: refreshQuadrants()
        case .exits: refreshExits()
        case .briefing: refreshBriefing()
        case .networks: refreshNetworks()
        }
        keepSelectionVisible()
    }

    private var filterKey: BuiltFrom.Filter { BuiltFrom.Filter(revision: revision, today: today, value: filter.text) }

    /// Which contacts the filter lets through (nil: all). A filter seen lately (typed, then erased
    /// back to) is remembered; one that only narrows a remembered one (more letters typed) looks
    /// again only at the contacts that one let through.
    private mutating func refreshMatches() {
        let key = filterKey
        guard built.matches != key else { return }
        defer { built.matches = key }
        let query = ContactQuery(filter.text, me: network.me.name)
        guard !query.isEmpty else { built.matched = nil; return }
        built.recent.removeAll { $0.key.revision != revision }
        if let seen = built.recent.firstIndex(where: { $0.key == key }) {
            built.matched = built.recent[seen].matched
            return
        }
        if !query.words.isEmpty && !facts.hasSearchText { facts.prepare(network) }
        let narrowed = query.terms.isEmpty ? built.recent
            .filter { filter.text.hasPrefix($0.key.value) && ContactQuery($0.key.value, me: network.me.name).terms.isEmpty }
            .max { $0.key.value.count < $1.key.value.count } : nil
        var matched = facts.matching(narrowed?.matched ?? Array(network.contacts.indices), words: query.words.map { Array($0.utf8) })
        if !query.terms.isEmpty {
            var terms = query
            terms.words = []
            let contacts = network.contacts
            matched = matched.filter { terms.matches(contacts[$0]) }
        }
        built.matched = matched
        built.recent.append((key, matched))
        if built.recent.count > 8 { built.recent.removeFirst() }
    }

    /// The contacts list: every contact in the sort order, then the filter applied.
    private mutating func refreshRows() {
        let sortKey = BuiltFrom.Key(revision: revision, today: today, value: BuiltFrom.Order(sort: list.sort, ascending: list.ascending))
        if built.sort != sortKey {
            built.sort = sortKey
            built.sorted = sortedContacts()
            built.rows = nil
        }
        let rowsKey = filterKey
        if built.rows != rowsKey {
            refreshMatches()
            built.rows = rowsKey
            if let matched = built.matched {
                var keep = [Bool](repeating: false, count: network.contacts.count)
                for i in matched { keep[i] = true }
                rows = built.sorted.filter { keep[$0] }
            } else {
                rows = built.sorted
            }
        }
        if selectedIndex == nil { list.selectedID = rows.first.map { network.contacts[$0].id } }
    }

    /// All contacts in the list's order: by the sort key, then by name and id.
    private func sortedContacts() -> [Int] {
        var order = facts.byName
        let contacts = network.contacts
        // Sorting the by-name order stably on one key leaves equal keys by name and id.
        switch list.sort {
        case .name: break
        case .organization, .owner:
            let folded = contacts.map { SearchText.fold(list.sort == .owner ? $0.owner : $0.organization) }
            let keys = folded.map(SortKey.init)  // compared as the strings are, quicker
            order.sort { a, b in
                if keys[a] == keys[b] { return false }
                let (emptyA, emptyB) = (folded[a].isEmpty, folded[b].isEmpty)
                return emptyA != emptyB ? !emptyA : keys[a] < keys[b]
            }
        case .lastContact:
            let days = facts.lastContact.map { $0?.ordinal ?? Int.min }
            order.sort { days[$0] < days[$1] }
        case .importance:
            let sums = contacts.map { $0.importanceNow.value + $0.importanceFuture.value }
            order.sort { sums[$0] < sums[$1] }
        }
        return list.ascending ? order : order.reversed()
    }

    private mutating func refreshQuadrants() {
        let key = filterKey
        if built.quadrants != key {
            built.quadrants = key
            refreshMatches()
            var keep: [Bool]?
            if let matched = built.matched {
                keep = [Bool](repeating: false, count: network.contacts.count)
                for i in matched { keep![i] = true }
            }
            var byQuadrant = Dictionary(uniqueKeysWithValues: Quadrant.allCases.map { ($0, [Int]()) })
            var overdue = Dictionary(uniqueKeysWithValues: Quadrant.allCases.map { ($0, 0) })
            let cadences = Quadrant.allCases.map { network.scheme.policy($0).cadenceDays }
            for i in facts.byName where keep?[i] ?? true {
                let q = facts.quadrants[i]
                byQuadrant[q]!.append(i)
                let since = facts.lastContact[i] ?? network.contacts[i].created.day
                if Scheme.overdueDays(since: since, today: key.today, cadence: cadences[Quadrant.allCases.firstIndex(of: q)!]) != nil { overdue[q]! += 1 }
            }
            quadrantRows = byQuadrant
            quadrantOverdue = overdue
        }
        for q in Quadrant.allCases {
            if let id = matrix.selectedID[q], let i = contactIndex(id), quadrantRows[q]!.contains(i) { continue }
            matrix.selectedID[q] = quadrantRows[q]!.first.map { network.contacts[$0].id }
        }
    }

    private mutating func refreshNetworks() {
        let key = filterKey
        if built.networks != key {
            let groups = network.networks
            if built.networks?.revision != revision {
                // Folded once per version of the network, not per key press.
                built.networkText = groups.map { SearchText.fold($0.name + " " + $0.kind + " " + $0.notes) }
                let names = groups.map { SearchText.fold($0.name) }
                built.networkOrder = groups.indices.sorted { (groups[$0].isLeft ? 1 : 0, names[$0], groups[$0].id) < (groups[$1].isLeft ? 1 : 0, names[$1], groups[$1].id) }
            }
            built.networks = key
            let words = SearchText.words(filter.text), text = built.networkText
            networkRows = words.isEmpty ? built.networkOrder : built.networkOrder.filter { SearchText.matches(text[$0], words: words) }
        }
        if networkIndex == nil { networks.selectedID = networkRows.first.map { network.networks[$0].id } }
    }

    private mutating func refreshExits() {
        let key = BuiltFrom.Key(revision: revision, today: today, value: exits.showAll)
        if built.exits != key {
            built.exits = key
            built.candidates = facts.view(of: network).exitCandidates(today: key.today, all: key.value)
            built.exitsFilter = nil
        }
        if built.exitsFilter != filter.text {
            built.exitsFilter = filter.text
            let words = SearchText.words(filter.text)
            exitRows = words.isEmpty ? built.candidates : built.candidates.filter { SearchText.matches(SearchText.fold($0.name), words: words) }
        }
        exits.selected = ListCursor.clamped(exits.selected, count: exitRows.count)
    }

    private mutating func refreshBriefing() {
        // A briefing whose event or network was deleted falls back to today.
        switch brief.scope {
        case .event(let id) where network.event(id: id) == nil: brief.scope = .today
        case .network(let id) where network.network(id: id) == nil: brief.scope = .today
        default: break
        }
        let key = BuiltFrom.Key(revision: revision, today: today, value: brief.scope)
        guard built.briefing != key else { return }
        // The cursor stays on the same person when the order changes (after logging a talk, say).
        let selectedPerson = built.briefing == nil ? nil : currentBriefingPerson?.contactID
        built.briefing = key
        briefing = Briefing(facts.view(of: network), scope: brief.scope, today: key.today)
        if let id = selectedPerson, let i = briefing.people.firstIndex(where: { sameBytes($0.contactID, id) }) { brief.selected = i }
        brief.selected = ListCursor.clamped(brief.selected, count: briefing.people.count)
    }

    /// The row of the selected contact within the focused quadrant.
    func matrixIndex(_ q: Quadrant) -> Int? {
        guard let id = matrix.selectedID[q], let i = contactIndex(id) else { return nil }
        return quadrantRows[q]?.firstIndex(of: i)
    }

    var networkIndex: Int? {
        guard let id = networks.selectedID else { return nil }
        return networkRows.firstIndex { sameBytes(network.networks[$0].id, id) }
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

    /// Settles every list's window on the rows the layout gives it, so that its selection is on
    /// screen — after a move, a change of the lists, a resize. (The view settles the same way.)
    mutating func keepSelectionVisible() {
        let layout = layout
        list.offset = ListCursor.offset(list.offset, showing: selectedIndex ?? 0, count: rows.count, visible: layout.paneList.belowHeader.height)
        networks.offset = ListCursor.offset(networks.offset, showing: networkIndex ?? 0, count: networkRows.count,
                                            visible: layout.paneList.belowHeader.height)
        brief.cursor.settle(count: briefing.people.count, visible: layout.briefingList.belowHeader.height)
        exits.cursor.settle(count: exitRows.count, visible: layout.exitsList.belowHeader.height)
        for q in Quadrant.allCases {
            matrix.offset[q] = ListCursor.offset(matrix.offset[q] ?? 0, showing: matrixIndex(q) ?? 0, count: quadrantRows[q]?.count ?? 0,
                                                 visible: layout.quadrantRows(q).height)
        }
        settleModal()
    }

    /// The key context: which keymap table reads the next key.
    var keyContext: KeyContext {
        switch modal {
        case .form: return .form
        case .confirmQuit: return .quitting
        case .confirmDelete, .confirmRestore, .confirmReplace, .confirmDeleteNetwork, .confirmLeave: return .confirm
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

/// What each derived list was last built from, and the intermediate lists kept between refreshes.
private struct BuiltFrom: Sendable {
    /// The network's revision and the day a list was built on, and what else it depends on.
    struct Key<Value: Equatable & Sendable>: Equatable, Sendable {
        var revision: Int
        var today: Day
        var value: Value
    }
    typealias Filter = Key<String>
    struct Order: Equatable, Sendable {
        var sort: ContactSort
        var ascending: Bool
    }

    var matches: Filter?
    /// The contacts the filter lets through, by index; nil when there is no filter.
    var matched: [Int]?
    /// The last few filters and what they let through, newest last.
    var recent: [(key: Filter, matched: [Int])] = []
    var sort: Key<Order>?
    /// Every contact in the list's sort order.
    var sorted: [Int] = []
    var rows: Filter?
    var quadrants: Filter?
    var networks: Filter?
    /// Each network's folded searchable text, and all networks in the pane's order.
    var networkText: [String] = []
    var networkOrder: [Int] = []
    var exits: Key<Bool>?
    var candidates: [ExitCandidate] = []
    var exitsFilter: String?
    var briefing: Key<BriefingScope>?
}
