import ArgumentParser
import Foundation
import NetModel

/// `nettui matrix [FILE]`: the segmentation matrix's four quadrants, printed for scripts and reports.
struct MatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Print the segmentation matrix: the four quadrants with their contacts, most overdue first.",
        discussion: """
            Reads FILE or --file FILE, else $NETTUI_FILE, else $XDG_DATA_HOME/nettui/network.json \
            (~/.local/share/nettui/network.json); --demo uses the built-in demo network. The file is only read.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @Argument(help: "The data file.")
    var file: String?

    @Option(name: .customLong("file"), help: "The data file, as an option.")
    var fileOption: String?

    @Option(help: "Output format: text, markdown or json.")
    var format: Format = .text

    @Flag(help: "Only the contacts that are overdue (no interaction within their quadrant's cadence).")
    var overdue = false

    @Flag(help: "Use the built-in demo network.")
    var demo = false

    func validate() throws {
        if file != nil && fileOption != nil { throw ValidationError("give the file once: either FILE or --file FILE") }
        if demo && (file != nil || fileOption != nil) { throw ValidationError("--demo uses the built-in network; it takes no file") }
    }

    func run() throws {
        let today = Clock.system.now().day
        let network: Network
        if demo {
            network = Demo.network(today: today)
        } else {
            let path = file ?? fileOption ?? OpenCommand.defaultPath(environment: ProcessInfo.processInfo.environment).path
            do {
                guard let loaded = try Store.load(path) else {
                    printError("nettui: \(path): no such file")
                    throw ExitCode(1)
                }
                network = loaded.network
            } catch let error as StoreError {
                printError("nettui: \(error.message)")
                for p in error.problems.prefix(10) { printError("  \(p)") }
                if error.problems.count > 10 { printError("  … and \(error.problems.count - 10) more") }
                throw ExitCode(1)
            }
        }
        let report = MatrixReport(network: network, today: today, overdueOnly: overdue)
        let out: String
        switch format {
        case .text: out = report.text()
        case .markdown: out = report.markdown()
        case .json: out = report.json()
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
