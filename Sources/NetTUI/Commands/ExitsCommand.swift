import ArgumentParser
import Foundation
import NetModel

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

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @Argument(help: "The data file.")
    var file: String?

    @Option(name: .customLong("file"), help: "The data file, as an option.")
    var fileOption: String?

    @Option(help: "Output format: text, markdown or json.")
    var format: Format = .text

    @Flag(help: "Also list left, kept and review-later items, and items with a decision but no signal.")
    var all = false

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
        let report = ExitReport(network: network, today: today, all: all)
        let out: String
        switch format {
        case .text: out = report.text()
        case .markdown: out = report.markdown()
        case .json: out = report.json()
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
