import ArgumentParser
import Foundation
import NetModel

/// `nettui demo --write FILE`: the built-in demo network as a data file to keep and edit.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write the built-in demo network to a file (or to standard output).")

    @Option(name: .customLong("write"), help: ArgumentHelp("The file to write.", valueName: "file"))
    var file: String?

    @Flag(help: "Overwrite FILE when it exists.")
    var force = false

    func run() throws {
        let network = Demo.network(today: Clock.system.now().day)
        guard let file else {
            FileHandle.standardOutput.write(Data(NetworkCodec.encode(network)))
            return
        }
        if access(file, F_OK) == 0 && !force {
            printError("nettui: \(file) exists; add --force to overwrite it")
            throw ExitCode(1)
        }
        do {
            // Never write under a running copy's feet.
            guard case .acquired(let lock) = try FileLock.acquire(for: file) else {
                printError("nettui: \(file) is open in another nettui; close it first")
                throw ExitCode(1)
            }
            defer { lock.release() }
            try Store.save(network, to: file)
        } catch let error as StoreError {
            printError("nettui: \(error.message)")
            throw ExitCode(1)
        }
        print("Wrote the demo network (\(network.contacts.count) contacts, \(network.networks.count) networks) to \(file)")
    }
}
