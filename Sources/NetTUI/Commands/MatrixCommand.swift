import ArgumentParser
import Foundation
import NetModel
import NetStore

/// `nettui matrix [FILE]`: the segmentation matrix's four quadrants, printed for scripts and reports.
struct MatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Print the segmentation matrix: the four quadrants with their contacts, most overdue first.",
        discussion: """
            Reads FILE or --file FILE, else $NETTUI_FILE, else $XDG_DATA_HOME/nettui/network.json \
            (~/.local/share/nettui/network.json); --demo uses the built-in demo network. The file is only read.
            """)

    @OptionGroup var source: DataSource

    @Option(help: "Output format: text, markdown or json.")
    var format: ReportFormat = .text

    @Flag(help: "Only the contacts that are overdue (no interaction within their quadrant's cadence).")
    var overdue = false

    func run() throws {
        let today = Clock.system.now().day
        let report = MatrixReport(try source.load(today: today), today: today, overdueOnly: overdue)
        format.print(report)
        exitNow()
    }
}
