import ArgumentParser
import NetModel
import NetStore

/// `nettui check FILE`: validate a data file and say what is wrong and where.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a data file: exit 0 when it is valid, 1 when not, listing every problem and where it is.")

    @Argument(help: "The data file to check.")
    var file: String

    func run() throws {
        let decoded: NetworkCodec.Decoded
        do {
            guard let d = try Store.decode(file) else {
                printError("\(file): no such file")
                throw ExitCode(1)
            }
            decoded = d
        } catch let error as StoreError {
            printError("\(file): \(error.message)")
            throw ExitCode(1)
        }
        guard decoded.problems.isEmpty, let n = decoded.network else {
            let count = decoded.problems.count
            writeOut("\(file): \(count) problem\(count == 1 ? "" : "s")\n" + decoded.problems.map { "  \($0)\n" }.joined())
            exitNow(1)
        }
        writeOut("\(file): valid — \(n.contacts.count) contacts, \(n.networks.count) networks, \(n.events.count) events, \(n.interactions.count) interactions\n")
        exitNow()
    }
}
