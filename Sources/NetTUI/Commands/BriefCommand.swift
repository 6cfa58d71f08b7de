import ArgumentParser
import Foundation
import NetModel
import Plumbing
import NetStore

/// `nettui brief [FILE]`: the pre-meeting briefing — who to talk to, what to ask, what to offer, and
/// the introductions to make — for today, an event or a network.
struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Print the briefing: who to talk to, in order, what to ask and offer, and introductions to make.",
        discussion: """
            Reads FILE or --file FILE, else $NETTUI_FILE, else $XDG_DATA_HOME/nettui/network.json \
            (~/.local/share/nettui/network.json); --demo uses the built-in demo network (built around --date). \
            The file is only read. Without --event or --network the briefing is for today: today's events, \
            or when there are none, the overdue contacts and the follow-ups due. NAME is an id or a name \
            (case and accents ignored); when several events share a name, the next one (or else the latest) \
            is used. An unknown name is an error that lists the close matches. The ranking rule is in docs/BRIEFING.md.
            """)

    @OptionGroup var source: DataSource

    @Option(help: ArgumentHelp("The event to brief for, by name or id.", valueName: "name|id"))
    var event: String?

    @Option(help: ArgumentHelp("The network to brief for, by name or id.", valueName: "name|id"))
    var network: String?

    @Option(help: ArgumentHelp("The day to brief for, instead of today.", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(help: "Output format: text, markdown or json.")
    var format: ReportFormat = .text

    func validate() throws {
        if event != nil && network != nil { throw ValidationError("brief for an event or a network, not both") }
        if let date, Self.day(date) == nil { throw ValidationError("--date \(date) is not a day (YYYY-MM-DD)") }
    }

    static func day(_ text: String) -> Day? {
        let t = text.trimmingWhitespace
        return t.count == 10 ? Day(iso: t) : nil
    }

    func run() throws {
        let today = date.flatMap(Self.day) ?? Clock.system.now().day
        let view = try source.load(today: today), loaded = view.network
        let scope: BriefingScope
        if let event {
            scope = .event(try Self.resolveEvent(event, in: loaded, today: today))
        } else if let network {
            scope = .network(try Self.resolveNetwork(network, in: loaded))
        } else {
            scope = .today
        }
        let briefing = Briefing(view, scope: scope, today: today)
        format.print(briefing)
        exitNow()
    }

    /// The id of the event `query` names: an id, or a name (case and accents ignored; of several
    /// events with that name, the first in picker order — the next one, else the latest).
    static func resolveEvent(_ query: String, in network: Network, today: Day) throws -> String {
        let events = Briefing.events(network, around: today)
        if let e = events.first(where: { sameBytes($0.id, query) }) { return e.id }
        let q = SearchText.fold(query.trimmingWhitespace)
        if let e = events.first(where: { SearchText.fold($0.name.trimmingWhitespace) == q }) { return e.id }
        let label = { (e: Event) in "\(e.name) (\(e.date))" }
        throw unknown("event", query, close: events.filter { Matching.isClose(query, to: $0.name) }.map(label), all: events.map(label))
    }

    /// The id of the network `query` names: an id, or a name (case and accents ignored).
    static func resolveNetwork(_ query: String, in network: Network) throws -> String {
        // Each name folded once, not in every comparison of the sort.
        let keyed = network.networks.map { (group: $0, key: SearchText.fold($0.name)) }
        let groups = keyed.sorted { $0.key < $1.key }.map(\.group)
        if let g = groups.first(where: { sameBytes($0.id, query) }) { return g.id }
        let q = SearchText.fold(query.trimmingWhitespace)
        if let g = groups.first(where: { SearchText.fold($0.name.trimmingWhitespace) == q }) { return g.id }
        throw unknown("network", query, close: groups.filter { Matching.isClose(query, to: $0.name) }.map(\.name), all: groups.map(\.name))
    }

    /// Reports an unknown name with the close matches (or, when none is close, what there is) and exits 1.
    /// Text for one line of the terminal: control characters and bidirectional overrides dropped.
    static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { s in
            s.properties.generalCategory != .control && !(0x202A...0x202E).contains(s.value) && !(0x2066...0x2069).contains(s.value)
        }))
    }

    static func unknown(_ kind: String, _ query: String, close: [String], all: [String]) -> ExitCode {
        printError("nettui: no \(kind) named \"\(clean(query))\"")
        if !close.isEmpty {
            printError("close matches:")
            for c in close.prefix(10) { printError("  \(clean(c))") }
        } else if all.isEmpty {
            printError("the file has no \(kind)s")
        } else {
            printError("no close matches; the \(kind)s are:")
            for c in all.prefix(10) { printError("  \(clean(c))") }
            if all.count > 10 { printError("  … and \(all.count - 10) more") }
        }
        return ExitCode(1)
    }
}
