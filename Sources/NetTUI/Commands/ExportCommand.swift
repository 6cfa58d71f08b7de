import ArgumentParser
import Foundation
import NetModel
import NetStore

/// `nettui export vcard|csv`: every contact, as vCard 4.0 or CSV.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the contacts as vCard 4.0 or CSV.",
        discussion: """
            vCard keeps every contact field (ours as X-NETTUI-… properties): `nettui import vcard` reads it back \
            into the same contacts. CSV has one row per contact under a header. Reads FILE via --file, else \
            $NETTUI_FILE, else $XDG_DATA_HOME/nettui/network.json; writes to standard output, or to OUT with -o \
            (a new OUT is mode 0600; an older OUT keeps its mode and is kept as OUT.bak; a device or FIFO is \
            written directly). OUT is never a data file open in nettui, and a NetTUI data file only with --force.
            """)

    @Argument(help: "The output format: vcard or csv.")
    var format: ExportFormat

    @Option(name: .customLong("file"), help: "The data file to export.")
    var file: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: "The file to write (default: standard output).")
    var output: String?

    @Flag(help: "Replace OUT even when it is a NetTUI data file (never one open in nettui).")
    var force = false

    func run() throws {
        let path = file ?? OpenCommand.defaultPath(environment: ProcessInfo.processInfo.environment).path
        let network: Network
        do {
            guard let loaded = try Store.load(path) else {
                printError("nettui: \(path): no such file")
                throw ExitCode(1)
            }
            network = loaded.network
        } catch let error as StoreError {
            printError("nettui: \(error.message)")
            for p in error.problems.prefix(10) { printError("  \(p)") }
            throw ExitCode(1)
        }
        // Written as it is made, a batch of contacts at a time: the export is never whole in memory.
        let contacts = network.contacts, format = format
        guard let output, output != "-" else {
            // To a terminal, shown with control characters made visible; to a file or pipe, exact.
            if isatty(STDOUT_FILENO) == 1 {
                writeOut(String(decoding: format.export(contacts), as: UTF8.self))
                exitNow()
            }
            do throws(WriteFailure) {
                try format.export(contacts, to: .standardOutput)
            } catch {
                printError("nettui: cannot write the export: \(error.reason)")
                throw ExitCode(1)
            }
            exitNow()
        }
        let warning: String?
        do {
            warning = try Store.writeOutput(to: output, replacingDataFile: force, howToReplace: "add --force to replace it anyway") { try format.export(contacts, to: $0) }
        } catch {
            printError("nettui: \(error.message)")
            throw ExitCode(1)
        }
        printError("Exported \(network.contacts.count) contacts to \(output)" + (warning.map { ", but \($0)" } ?? ""))
        exitNow()
    }
}

extension ExportFormat: ExpressibleByArgument {}
