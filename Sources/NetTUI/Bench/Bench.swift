import Foundation
import NetModel
import NetStore
import NetInterchange

/// The figures of docs/BENCHMARKS.md for one network size: each one timed through the same code
/// the program runs (keys go through the update and a full render into the cell grid; commands
/// are this executable run as a child process).
struct Bench {
    var contacts: Int
    var runs: Int
    /// Key presses per run for the per-key figures.
    var keys: Int
    var folder: String
    var today: Day
    var executable: String

    /// Figure name → samples, in the order they were measured.
    private(set) var figures: [(name: String, samples: Samples)] = []
    private(set) var peakKiB = 0
    private(set) var fileBytes = 0

    init(contacts: Int, runs: Int, keys: Int, folder: String, today: Day, executable: String) {
        (self.contacts, self.runs, self.keys, self.folder, self.today, self.executable) = (contacts, runs, keys, folder, today, executable)
    }

    var file: String { folder + "/network-\(contacts).json" }

    private mutating func record(_ name: String, _ seconds: Double) {
        if let i = figures.firstIndex(where: { $0.name == name }) {
            figures[i].samples.add(seconds)
        } else {
            figures.append((name, Samples(values: [seconds])))
        }
    }

    func samples(_ name: String) -> Samples? { figures.first { $0.name == name }?.samples }

    mutating func run() throws {
        var network = Network()
        record(Figure.generate, timed {
            network = Demo.network(today: today, contacts: contacts, networks: Demo.defaultNetworks(contacts: contacts),
                                   interactions: Demo.defaultInteractions(contacts: contacts), seed: 1)
        })
        for _ in 0..<runs {
            try? FileManager.default.removeItem(atPath: file)
            try record(Figure.save, timed { try Store.save(network, to: file) })
        }
        try? FileManager.default.removeItem(atPath: file + ".bak")
        if case .regular(let size, _)? = Store.whatIsAt(file) { fileBytes = size }

        for _ in 0..<runs {
            var loaded: Store.Loaded?
            let load = try timed { loaded = try Store.load(file) }
            let build = timed { _ = Render.frame(state(loaded!.network, view: loaded!.view)) }
            record(Figure.load, load)
            record(Figure.state, build)
            record(Figure.firstFrame, load + build)
        }
        for _ in 0..<runs { try keyFigures() }
        for _ in 0..<runs { try commandFigures() }
    }

    /// A state on the file, as `nettui FILE` opens it.
    func open() throws -> AppState {
        guard let loaded = try Store.load(file) else { throw StoreError("\(file) vanished") }
        return state(loaded.network, view: loaded.view)
    }

    func state(_ network: Network, view: NetworkView? = nil) -> AppState {
        let now = Timestamp(seconds: Int64(today.ordinal) * 86_400 + 12 * 3600)
        return AppState(network: network, path: file, width: 80, height: 24,
                        clock: Clock(now: { now }, newID: { UUID().uuidString.lowercased() }), view: view)
    }

    /// Presses one key and draws the frame it leads to; returns the time both took.
    private static func press(_ key: Key, _ driver: inout Driver) -> Double {
        timed {
            _ = driver.send(.key(key))
            _ = Render.frame(driver.state)
        }
    }

    private mutating func keyFigures() throws {
        var fresh = try open()
        // What the program does between the first frame and the first key press (in slices, so a
        // key is never kept waiting long): the filter's search text and the cards' interaction index.
        record(Figure.idle, timed { while fresh.hasIdleWork { fresh.doIdleWork() } })
        // The first render of each pane, from a state that has not shown it yet.
        for (pane, figure) in [(PaneID.matrix, Figure.matrix), (.exits, Figure.exits), (.briefing, Figure.briefing)] {
            var d = Driver(state: fresh)
            record(figure, Self.press(.char(Character(String(pane.rawValue))), &d))
        }
        var d = Driver(state: fresh)
        // Typing a filter: a word from a name in the middle of the list, letter by letter, then erased.
        let c = d.state.network.contacts[d.state.network.contacts.count / 2]
        let word = String(SearchText.fold(c.name).split(separator: " ").first ?? "a").prefix(6)
        _ = Self.press(.char("/"), &d)
        for ch in word { record(Figure.filter, Self.press(.char(ch), &d)) }
        for _ in word { record(Figure.filter, Self.press(.backspace, &d)) }
        _ = Self.press(.escape, &d)
        for _ in 0..<keys {
            record(Figure.move, Self.press(.down, &d))
        }
        for _ in 0..<keys / 10 {
            record(Figure.move, Self.press(.pageDown, &d))
            record(Figure.move, Self.press(.up, &d))
        }
        for _ in 0..<keys / 10 {
            record(Figure.card, Self.press(.enter, &d))
            _ = Self.press(.escape, &d)
            _ = Self.press(.down, &d)
        }
        // Edits: move the selected contact down a quadrant in the matrix and back up (the focus follows it).
        _ = Self.press(.char("2"), &d)
        for _ in 0..<Swift.max(1, keys / 50) {
            record(Figure.edit, Self.press(.shiftDown, &d))
            record(Figure.edit, Self.press(.shiftUp, &d))
        }
        // Pane switches once every pane has been shown.
        for _ in 0..<2 { for p in PaneID.allCases { _ = Self.press(.char(Character(String(p.rawValue))), &d) } }
        for i in 0..<keys {
            record(Figure.paneSwitch, Self.press(.char(Character(String(PaneID.allCases[i % PaneID.allCases.count].rawValue))), &d))
        }
        // Editing a long note in the contact form: 100 KB, and 1 MB (the longest value an import
        // accepts): letters typed at the end, then in the middle, then Backspace there.
        for (characters, figure) in [(100_000, Figure.longNote), (1_000_000, Figure.longestNote)] {
            Self.openNotes(characters, &d)
            for _ in 0..<Swift.max(1, keys / 10) { record(figure, Self.press(.char("x"), &d)) }
            Self.moveNotesCursor(to: characters / 2, &d)
            for _ in 0..<Swift.max(1, keys / 10) { record(figure, Self.press(.char("y"), &d)) }
            for _ in 0..<Swift.max(1, keys / 10) { record(figure, Self.press(.backspace, &d)) }
            _ = Self.press(.escape, &d)
        }
    }

    /// The contact form on the middle contact given a note of `characters`, its Notes field focused.
    /// (In a function of its own, so that the form is held by the state alone when keys arrive.)
    private static func openNotes(_ characters: Int, _ d: inout Driver) {
        var contact = d.state.network.contacts[d.state.network.contacts.count / 2]
        contact.notes = note(characters)
        d.state.modal = .form(ContactForm.make(contact, focus: .notes))
    }

    private static func moveNotesCursor(to position: Int, _ d: inout Driver) {
        guard case .form(var form) = d.state.modal else { return }
        d.state.modal = .none
        form.fields[form.focus].input.cursor = position
        d.state.modal = .form(form)
    }

    /// A note of `count` characters: words in lines, as an imported one.
    static func note(_ count: Int) -> String {
        let line = "Met at the Tampere fair; wants introductions to Nordic buyers, café owners in Järvinen's circle.\n"
        let whole = String(repeating: line, count: count / line.count + 1)
        return String(whole.prefix(count))
    }

    private mutating func commandFigures() throws {
        for (command, figure) in [("matrix", Figure.matrixCommand), ("exits", Figure.exitsCommand), ("brief", Figure.briefCommand)] {
            let (seconds, kib) = try spawn([command, file])
            record(figure, seconds)
            peakKiB = max(peakKiB, kib)
        }
        let cards = folder + "/contacts-\(contacts).vcf", target = folder + "/imported-\(contacts).json"
        if access(cards, F_OK) != 0 {
            let network = try open().network
            try Store.write(to: cards) { try VCardExport.export(network.contacts, to: $0) }
        }
        unlink(target)
        unlink(target + ".bak")
        record(Figure.importCards, try spawn(["import", "vcard", cards, "--file", target]).seconds)
        record(Figure.reimport, try spawn(["import", "vcard", cards, "--file", target]).seconds)
    }

    /// Runs this program with `arguments`, output discarded; returns the wall time and peak memory.
    /// The peak is the child's own high-water mark (`VmHWM` in /proc/PID/status), read every few
    /// milliseconds while it runs: `wait4`'s `ru_maxrss` would report this process's size instead,
    /// as a spawned child starts out sharing its parent's memory.
    private func spawn(_ arguments: [String]) throws -> (seconds: Double, kib: Int) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var env = ProcessInfo.processInfo.environment
        env["NETTUI_TODAY"] = today.description
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let start = monotonicSeconds()
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else {
            throw StoreError("cannot run \(executable)")
        }
        var status: Int32 = 0
        var peak = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done == -1 && errno != EINTR { throw StoreError("lost `nettui \(arguments.joined(separator: " "))`") }
            peak = max(peak, Self.highWaterKiB(of: pid) ?? 0)
            usleep(2000)
        }
        let seconds = monotonicSeconds() - start
        guard status == 0 else { throw StoreError("`nettui \(arguments.joined(separator: " "))` failed (status \(status))") }
        return (seconds, peak)
    }

    /// The peak resident memory of a running process, in KiB (`VmHWM`); nil once it has ended.
    static func highWaterKiB(of pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }
}

/// The figures' names, as the table prints them.
enum Figure {
    static let generate = "generate the network"
    static let load = "load the file"
    static let state = "build the state and draw the first frame"
    static let firstFrame = "open → first frame (the two above)"
    static let idle = "work between first frame and first key"
    static let filter = "/ filter keystroke (update + render)"
    static let move = "cursor movement"
    static let paneSwitch = "pane switch"
    static let card = "open a contact card"
    static let edit = "edit: move a contact in the matrix"
    static let matrix = "Matrix pane, first render"
    static let exits = "Exits pane, first render"
    static let briefing = "Briefing pane, first render"
    static let matrixCommand = "nettui matrix FILE, end to end"
    static let exitsCommand = "nettui exits FILE, end to end"
    static let briefCommand = "nettui brief FILE, end to end"
    static let save = "save (atomic, fsync'd)"
    static let importCards = "import N vCards into a new file, end to end"
    static let reimport = "re-import the same file (no changes)"
    static let longNote = "a key in a 100 KB note (form: update + render)"
    static let longestNote = "a key in a 1 MB note (form: update + render)"

    /// Figures taken once per key press: the table shows median and 99th percentile.
    static let perKey: Set<String> = [filter, move, paneSwitch, card, edit, longNote, longestNote]

    /// The issue's target for each figure, in words.
    static let targets: [String: String] = [
        firstFrame: "≤ abook", filter: "p99 ≤ 16", move: "p99 ≤ 5", paneSwitch: "p99 ≤ 5", card: "p99 ≤ 5",
        matrix: "≤ 50", exits: "≤ 50", briefing: "≤ 50", matrixCommand: "≤ 1000", exitsCommand: "≤ 1000",
        briefCommand: "≤ 1000", save: "≤ 1000", importCards: "≤ abook", reimport: "≤ import",
        longNote: "p99 ≤ 16", longestNote: "p99 ≤ 16",
    ]
}
