import ArgumentParser
import Foundation
import NetModel
import NetStore

/// `nettui exits [FILE]`: the exit candidates — networks and relationships ranked by exit score, with why.
struct ExitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exits",
        abstract: "Print the exit candidates: networks and relationships ranked by exit score, with the reasons.",
        discussion: """
            Reads FILE or --file FILE, else $NETTUI_FILE, else $XDG_DATA_HOME/nettui/network.json \
            (~/.local/share/nettui/network.json); --demo uses the built-in demo network. The file is only read. \
            Left networks, kept items and items to review later (until their date) are left out unless --all. \
            The score rule is in docs/EXITS.md.
            """)

    @OptionGroup var source: DataSource

    @Option(help: "Output format: text, markdown or json.")
    var format: ReportFormat = .text

    @Flag(help: "Also list left, kept and review-later items, and items with a decision but no signal.")
    var all = false

    func run() throws {
        let today = Clock.system.now().day
        let report = ExitReport(try source.load(today: today), today: today, all: all)
        format.print(report)
        exitNow()
    }
}
