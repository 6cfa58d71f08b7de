import ArgumentParser
import Foundation
import NetModel
import NetStore
import NetInterchange

extension ImportFormat: ExpressibleByArgument {}

/// `nettui import vcard|linkedin|google SOURCE`: bring contacts in without duplicating anyone.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import contacts from a vCard file, LinkedIn's Connections.csv or a Google Contacts CSV.",
        discussion: """
            Records are matched to existing contacts (by source key, then e-mail, then name and organisation) \
            and merged without erasing anything; the rest are added. Importing the same file twice changes \
            nothing the second time. The data file (FILE via --file, else $NETTUI_FILE, else \
            $XDG_DATA_HOME/nettui/network.json) is saved only when the whole import succeeds; its previous \
            version is kept as FILE.bak. See docs/IMPORT.md for the field mapping.
            """)

    @Argument(help: "The source format: vcard, linkedin or google.")
    var format: ImportFormat

    @Argument(help: "The file to import.")
    var source: String

    @Option(name: .customLong("file"), help: "The data file to import into.")
    var file: String?

    @Flag(help: "Show what would be added, updated and skipped; write nothing.")
    var dryRun = false

    @Flag(help: "List every added and updated contact.")
    var verbose = false

    func run() throws {
        let (path, isDefault) = file.map { ($0, false) } ?? OpenCommand.defaultPath(environment: ProcessInfo.processInfo.environment)
        let now = Clock.system.now()
        let outcome: Importer.Outcome
        do {
            outcome = try Importer.run(source: source, format: format, dataFile: path, dryRun: dryRun,
                                       createFolder: isDefault, now: now, newID: Importer.uuidGenerator(now: now))
        } catch {
            printError("nettui: \(error)")
            printError(dryRun ? "nettui: nothing would be imported" : "nettui: nothing was imported; \(path) is unchanged")
            throw ExitCode(1)
        }
        var text = outcome.summary.report(details: dryRun || verbose, limit: verbose ? Int.max : 200, dryRun: dryRun)
        if outcome.saved {
            text += "Saved \(path) (\(outcome.network.contacts.count) contacts)"
            text += outcome.warning.map { ", but \($0).\n" } ?? ".\n"
        } else if !dryRun {
            text += "Nothing changed; \(path) was not written.\n"
        }
        writeOut(text)
        exitNow()
    }
}
