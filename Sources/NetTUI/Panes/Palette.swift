import Foundation
import NetModel
import NetStore
import NetInterchange

/// The command palette (`:` or Ctrl-P): type to fuzzy-find any action of the keymap (its key shown),
/// any contact, network or event by name, or a command with an argument (`save-as PATH`,
/// `brief NAME`); Enter runs or jumps, Tab completes a path.
struct Palette: QueriedList, Equatable, Sendable {
    var query = TextField()
    var cursor = ListCursor()

    func rowCount(_ s: AppState) -> Int { entries(s).count }
    static func box(_ layout: Layout) -> Rect { layout.palette }

    /// What an entry does when chosen.
    enum Target: Equatable, Sendable {
        case action(Action)
        case contact(String)
        case network(String)
        /// Brief on an event or a network.
        case brief(BriefingScope)
        case saveAs(String)
        case importFile(String, ImportFormat?)
        case exportFile(String, ExportFormat)
        /// A command that takes an argument: choosing it types its name, ready for the argument.
        case fill(String)
    }

    struct Entry: Equatable, Sendable {
        var label: String
        var detail: String
        var target: Target
    }

    /// The commands that take an argument, with their help.
    static let commands: [(name: String, help: String)] = [
        ("save-as", "save-as PATH — save to another file (Tab completes the path)"),
        ("brief", "brief NAME — brief on an event or a network"),
        ("import", "import [vcard|linkedin|google] PATH — bring contacts in, never duplicating (Tab completes)"),
        ("export", "export vcard|csv PATH — write the contacts out (Tab completes)"),
    ]

    /// The entries matching the query, best first (at most 200).
    func entries(_ s: AppState) -> [Entry] {
        let text = query.text.trimmingWhitespace
        if let command = Self.commands.first(where: { text.hasPrefix($0.name + " ") }) {
            return argumentEntries(command.name, String(text.dropFirst(command.name.count + 1)), s)
        }
        var all: [Entry] = Self.commands.map { Entry(label: $0.name + " …", detail: $0.help, target: .fill($0.name + " ")) }
        let context = s.pane.keyContext
        for c in Keymap.chain(context) {
            for b in Keymap.table[c] ?? [] {
                if case .goToPane = b.action { continue }
                all.append(Entry(label: b.help, detail: b.keys.map(\.label).joined(separator: " "), target: .action(b.action)))
            }
        }
        all += PaneID.allCases.map { Entry(label: "Go to \($0.title)", detail: String($0.rawValue), target: .action(.goToPane($0))) }
        all += s.network.contacts.map { Entry(label: $0.name, detail: ["contact", $0.organization].filter { !$0.isEmpty }.joined(separator: " · "), target: .contact($0.id)) }
        all += s.network.networks.map { Entry(label: $0.name, detail: "network", target: .network($0.id)) }
        all += s.network.events.map { Entry(label: $0.name, detail: "event \($0.date)", target: .brief(.event($0.id))) }
        guard !text.isEmpty else { return Array(all.prefix(200)) }
        let q = Array(SearchText.fold(text))
        let found = all.compactMap { e in Self.score(q, SearchText.fold(e.label)).map { (e, $0) } }
            .sorted { $0.1 > $1.1 }.prefix(200).map(\.0)
        guard let vim = Self.vimEntry(text) else { return found }
        return [vim] + found.filter { $0.target != vim.target }
    }

    /// Vim's commands typed as such (`w`, `:w`, `q`, `wq`, `x`) come first as what they mean in vim:
    /// the fuzzy match would rank Quit first for `w` ("asks when…").
    static func vimEntry(_ query: String) -> Entry? {
        var command = Substring(query)
        while command.first == ":" { command = command.dropFirst() }
        switch command.trimmingWhitespace {
        case "w": return Entry(label: "Save", detail: "s · vim :w", target: .action(.save))
        case "q", "q!": return Entry(label: "Quit (asks when there are unsaved changes)", detail: "q · vim :q", target: .action(.quit))
        case "wq", "x": return Entry(label: "Save and quit", detail: "vim :wq :x", target: .action(.saveAndQuit))
        default: return nil
        }
    }

    /// A fuzzy score: every character of the query in order; runs and word starts count more. Nil when it does not match.
    static func score(_ query: [Character], _ text: String) -> Int? {
        var score = 0, run = 0
        var qi = 0
        var previous: Character = " "
        for c in text {
            if qi < query.count, c == query[qi] {
                run += 1
                score += run * 2 + (previous == " " ? 5 : 0)
                qi += 1
            } else {
                run = 0
            }
            previous = c
        }
        guard qi == query.count else { return nil }
        // The whole query as typed counts most: at the start, else anywhere.
        let typed = String(query)
        if text.hasPrefix(typed) { score += 30 } else if text.contains(typed) { score += 15 }
        return score - text.count / 8
    }

    private func argumentEntries(_ command: String, _ argument: String, _ s: AppState) -> [Entry] {
        switch command {
        case "import":
            var words = argument.split(separator: " ", maxSplits: 1).map(String.init)
            let format = words.first.flatMap { ImportFormat(rawValue: $0.lowercased()) }
            if format != nil { words.removeFirst() }
            let path = Self.expand(words.first ?? "", home: s.home)
            return path.isEmpty ? [] : [Entry(label: "Import \(path)", detail: format.map { "as \($0.rawValue)" } ?? "format from the content",
                                             target: .importFile(path, format))]
        case "export":
            let words = argument.split(separator: " ", maxSplits: 1).map(String.init)
            guard let format = words.first.flatMap({ ExportFormat(rawValue: $0.lowercased()) }) else {
                return ExportFormat.allCases.map { Entry(label: "export \($0.rawValue) …", detail: "choose the format", target: .fill("export \($0.rawValue) ")) }
            }
            let path = Self.expand(words.count > 1 ? words[1] : "", home: s.home)
            return path.isEmpty ? [] : [Entry(label: "Export \(s.network.contacts.count) contacts to \(path)", detail: format.rawValue, target: .exportFile(path, format))]
        case "save-as":
            let path = Self.expand(argument, home: s.home)
            return path.isEmpty ? [] : [Entry(label: "Save as \(path)", detail: "Enter saves", target: .saveAs(path))]
        default:
            let q = SearchText.fold(argument)
            let events = Briefing.events(s.network, around: s.today).filter { q.isEmpty || SearchText.fold($0.name).contains(q) }
                .map { Entry(label: "Brief on \($0.name)", detail: "event \($0.date)", target: .brief(.event($0.id))) }
            let networks = s.network.networks.filter { q.isEmpty || SearchText.fold($0.name).contains(q) }
                .map { Entry(label: "Brief on \($0.name)", detail: "network", target: .brief(.network($0.id))) }
            return events + networks
        }
    }

    /// `~/x` is in the home folder (`AppState.home`).
    static func expand(_ path: String, home: String?) -> String {
        let p = path.trimmingWhitespace
        if p.hasPrefix("~/"), let home { return home + p.dropFirst() }
        return p
    }

    /// The path argument of `save-as`, `import` or `export` being typed, to complete with Tab: the
    /// folder to list and the start of a name in it.
    struct PathToComplete: Equatable {
        /// The query before the path (the command, the format).
        var head: String
        var argument: String
        var folder: String
        var start: String
    }

    /// What Tab would complete; nil when the query has no path argument.
    func pathToComplete(home: String?) -> PathToComplete? {
        let text = query.text
        guard let command = Self.commands.first(where: { text.hasPrefix($0.name + " ") }), command.name != "brief" else { return nil }
        var head = command.name + " "
        var argument = String(text.dropFirst(command.name.count + 1))
        if command.name == "import" || command.name == "export", let first = argument.split(separator: " ").first,
           ImportFormat(rawValue: String(first).lowercased()) != nil || ExportFormat(rawValue: String(first).lowercased()) != nil,
           argument.contains(" ") {
            head += first + " "
            argument = String(argument.dropFirst(first.count + 1))
        }
        let path = Self.expand(argument, home: home)
        return PathToComplete(head: head, argument: argument, folder: path.hasSuffix("/") ? path : Store.directory(of: path),
                              start: path.hasSuffix("/") ? "" : Store.baseName(of: path))
    }

    /// Completes the path to the longest common start of `names` (the folder's names that start so,
    /// listed by the driver); a single name that is a folder gets its `/`.
    mutating func complete(_ path: PathToComplete, with names: [FolderName]) {
        let matches = names.sorted { $0.name < $1.name }
        guard var common = matches.first?.name else { return }
        for m in matches.dropFirst() { while !m.name.hasPrefix(common) { common.removeLast() } }
        let dir = path.folder
        var completed = (dir == "." && !path.argument.hasPrefix("./") ? "" : (dir.hasSuffix("/") ? dir : dir + "/")) + common
        if matches.count == 1, matches[0].isFolder { completed += "/" }
        query = TextField(path.head + completed)
        cursor = ListCursor()
    }

    static func draw(_ p: Palette, _ s: AppState, _ screen: inout Screen) -> (Int, Int)? {
        let entries = p.entries(s)
        return FilterList.draw(title: "Command palette", prompt: ": ", query: p.query, count: entries.count,
                               row: { FilterList.Row(label: entries[$0].label, detail: entries[$0].detail) },
                               cursor: p.cursor, empty: "Nothing matches.", in: box(s.layout), &screen)
    }
}

/// What `export` writes.
enum ExportFormat: String, CaseIterable, Sendable {
    case vcard, csv

    /// Writes `contacts` in this format to `sink` as they are made (never whole in memory).
    func export(_ contacts: [Contact], to sink: ByteSink) throws(WriteFailure) {
        if self == .vcard { try VCardExport.export(contacts, to: sink) } else { try CSVExport.export(contacts, to: sink) }
    }

    /// The whole export in memory (for a terminal, which is shown it sanitised).
    func export(_ contacts: [Contact]) -> [UInt8] {
        self == .vcard ? VCardExport.export(contacts) : CSVExport.export(contacts)
    }
}

extension PaneID {
    /// The keymap context of the pane itself.
    var keyContext: KeyContext {
        switch self {
        case .contacts: return .contacts
        case .matrix: return .matrix
        case .exits: return .exits
        case .briefing: return .briefing
        case .networks: return .networks
        }
    }
}
