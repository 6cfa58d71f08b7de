import ArgumentParser
import Foundation
import NetModel
import NetStore

@main
struct NetTUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nettui",
        abstract: "A terminal dashboard for the people and networks your business runs on.",
        discussion: """
            With no subcommand, opens the dashboard on a data file: FILE or --file FILE, else $NETTUI_FILE, \
            else $XDG_DATA_HOME/nettui/network.json (~/.local/share/nettui/network.json). \
            --demo opens the built-in demo network instead.
            """,
        subcommands: [OpenCommand.self, CheckCommand.self, DemoCommand.self, KeysCommand.self, MatrixCommand.self, ExitsCommand.self, BriefCommand.self, ImportCommand.self, ExportCommand.self, MergeCommand.self, BenchCommand.self],
        defaultSubcommand: OpenCommand.self
    )
}

/// Prints to standard error, control characters made visible (`sanitizedLines`) whether or not it
/// is a terminal: messages quote data (a file's values, a card's line) and are read by people, from
/// a log as often as live, so an escape sequence in them must never reach a terminal.
func printError(_ text: String) {
    var stderr = StandardError()
    print(text.sanitizedLines, to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

