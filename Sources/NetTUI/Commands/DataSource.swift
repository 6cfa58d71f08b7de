import ArgumentParser
import Foundation
import NetModel
import Plumbing
import NetStore

/// The data a command reads: FILE or --file FILE, else $NETTUI_FILE, else the default file; or the
/// built-in demo with --demo. Shared by the dashboard and the report commands.
struct DataSource: ParsableArguments {
    @Argument(help: "The data file.")
    var file: String?

    @Option(name: .customLong("file"), help: "The data file, as an option.")
    var fileOption: String?

    @Flag(help: "Use the built-in demo network.")
    var demo = false

    func validate() throws {
        if file != nil && fileOption != nil { throw ValidationError("give the file once: either FILE or --file FILE") }
        if demo && (file != nil || fileOption != nil) { throw ValidationError("--demo uses the built-in network; it takes no file") }
    }

    /// The file named on the command line, else the default one (and whether it is the default).
    var path: (path: String, isDefault: Bool) {
        if let given = file ?? fileOption { return (given, false) }
        return OpenCommand.defaultPath(environment: ProcessInfo.processInfo.environment)
    }

    /// Reads the network for a report (no lock: it is only read). A missing or broken file ends the
    /// command with exit status 1 and the problems on standard error. The view of a file comes with
    /// its log's index (the reference check built it), for the rules to use.
    func load(today: Day) throws -> NetworkView {
        if demo { return NetworkView(Demo.network(today: today)) }
        let path = self.path.path
        do {
            guard let loaded = try Store.load(path) else {
                printError("nettui: \(path): no such file")
                throw ExitCode(1)
            }
            return loaded.view
        } catch let error as StoreError {
            printProblems(error)
            throw ExitCode(1)
        }
    }
}

/// Ends the program at once with `status`, its output flushed: the network it read (hundreds of
/// megabytes at 100,000 contacts) would otherwise be freed object by object on the way out, a
/// third of a second.
/// The data file's lock, if one is held, is released on the way out all the same (`FileLock`'s
/// exit handler): no caller releases it first.
func exitNow(_ status: Int32 = 0) -> Never { Processes.exit(status) }

/// `body`'s result; a store error is printed with its first problems and ends the command with status 1.
func reportingStoreErrors<T>(_ body: () throws(StoreError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        printProblems(error)
        throw ExitCode(1)
    }
}

/// Prints a store error and its first problems to standard error.
func printProblems(_ error: StoreError) {
    printError("nettui: \(error.message)")
    for p in error.problems.prefix(10) { printError("  \(p)") }
    if error.problems.count > 10 { printError("  … and \(error.problems.count - 10) more") }
}

/// What the report commands print, in three forms.
protocol Report {
    func text() -> String
    func markdown() -> String
    func json() -> String
}

extension MatrixReport: Report {}
extension ExitReport: Report {}
extension Briefing: Report {}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json

    /// Writes the report to standard output in this format.
    func print(_ report: some Report) {
        let out: String
        switch self {
        case .text: out = report.text()
        case .markdown: out = report.markdown()
        case .json: out = report.json()
        }
        writeOut(out)
    }
}
