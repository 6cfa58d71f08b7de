import ArgumentParser
import Foundation
import NetModel
import NetStore

/// `nettui demo --write FILE`: the built-in demo network as a data file to keep and edit; with
/// `--contacts N`, a demo generated at that size (for trying the program at scale).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write the built-in demo network, or one generated at any size, to a file (or to standard output).")

    @Option(name: .customLong("write"), help: ArgumentHelp("The file to write.", valueName: "file"))
    var file: String?

    @Flag(help: "Overwrite FILE when it exists.")
    var force = false

    @Option(help: ArgumentHelp("Generate this many contacts (\(Demo.contactRange.lowerBound) to \(Demo.contactRange.upperBound)) instead of the built-in demo.",
                               valueName: "n"))
    var contacts: Int?

    @Option(help: ArgumentHelp("With --contacts: networks to generate (default: contacts / 50, at least 1).", valueName: "n"))
    var networks: Int?

    @Option(help: ArgumentHelp("With --contacts: interactions to generate (default: 3 × contacts).", valueName: "n"))
    var interactions: Int?

    @Option(help: ArgumentHelp("With --contacts: the seed; the same seed gives the same network (default: 1).", valueName: "n"))
    var seed: UInt64?

    func validate() throws {
        guard let contacts else {
            let alone = [("--networks", networks != nil), ("--interactions", interactions != nil), ("--seed", seed != nil)]
                .filter(\.1).map(\.0)
            if !alone.isEmpty { throw ValidationError("\(alone.joined(separator: ", ")) need\(alone.count == 1 ? "s" : "") --contacts N") }
            return
        }
        try Self.check("--contacts", contacts, Demo.contactRange)
        try networks.map { try Self.check("--networks", $0, Demo.networkRange) }
        try interactions.map { try Self.check("--interactions", $0, Demo.interactionRange) }
    }

    static func check(_ option: String, _ value: Int, _ range: ClosedRange<Int>) throws {
        if !range.contains(value) {
            throw ValidationError("\(option) must be from \(range.lowerBound) to \(range.upperBound), not \(value)")
        }
    }

    func run() throws {
        let today = Clock.system.now().day
        let network = contacts.map { n in
            Demo.network(today: today, contacts: n, networks: networks ?? Demo.defaultNetworks(contacts: n),
                         interactions: interactions ?? Demo.defaultInteractions(contacts: n), seed: seed ?? 1)
        } ?? Demo.network(today: today)
        guard let file else {
            FileHandle.standardOutput.write(Data(NetworkCodec.encode(network)))
            exitNow()
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
            if let warning = try Store.save(network, to: file).warning { printError("nettui: saved, but \(warning)") }
        } catch let error as StoreError {
            printError("nettui: \(error.message)")
            throw ExitCode(1)
        }
        writeOut("Wrote the demo network (\(network.contacts.count) contacts, \(network.networks.count) networks, "
                 + "\(network.events.count) events, \(network.interactions.count) interactions) to \(file)\n")
        exitNow()
    }
}
