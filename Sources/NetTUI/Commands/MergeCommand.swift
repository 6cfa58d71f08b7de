import ArgumentParser
import Foundation
import NetModel
import NetStore

/// `nettui merge BASE OURS THEIRS [-o OUT]`: git's merge driver for network files (docs/TEAM.md).
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Three-way merge of network files by entity and field (a git merge driver).",
        discussion: """
            Merges OURS and THEIRS, two edited versions of BASE, and writes the result to OUT (default: OURS, \
            in place, as git expects of a merge driver: nettui merge %O %A %B). Exit status: 0 merged cleanly; \
            1 merged with conflicts — ours was kept, theirs is recorded in the file's conflicts list to resolve \
            in the TUI (press !); 2 an input could not be read or merged (nothing is written). An empty BASE \
            (git's add/add case) counts as an empty network. The rules are in docs/TEAM.md. \
            --install prints the .gitattributes line and git configuration that make git use this driver; \
            --install --write adds them to the current repository (again and again without duplicates).
            """)

    static let driverName = "nettui"
    static let driverLabel = "NetTUI three-way merge of network files"
    static let driverCommand = "nettui merge %O %A %B"

    @Argument(help: ArgumentHelp("The common ancestor, our version and their version.", valueName: "BASE OURS THEIRS"))
    var files: [String] = []

    @Option(name: [.short, .customLong("output")], help: "Where to write the result (default: OURS).")
    var output: String?

    @Flag(help: "Print the .gitattributes line and the git config commands that install the merge driver.")
    var install = false

    @Flag(help: "With --install: add them to the current git repository.")
    var write = false

    @Option(help: "With --install: the files to merge with this driver, as a .gitattributes pattern.")
    var pattern = "*.nettui.json"

    func validate() throws {
        if install {
            if !files.isEmpty || output != nil { throw ValidationError("--install takes no files") }
        } else {
            if write { throw ValidationError("--write goes with --install") }
            if files.count != 3 { throw ValidationError("give three files: BASE OURS THEIRS (git: nettui merge %O %A %B)") }
        }
        if pattern.isEmpty || pattern.contains(where: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
            throw ValidationError("the pattern must be one .gitattributes pattern without spaces")
        }
    }

    func run() throws {
        if install { return try runInstall() }
        let (basePath, oursPath, theirsPath) = (files[0], files[1], files[2])
        let base = try load(basePath, emptyIsEmptyNetwork: true)
        let ours = try load(oursPath, emptyIsEmptyNetwork: false)
        let theirs = try load(theirsPath, emptyIsEmptyNetwork: false)
        let outcome = Merge.merge(base: base, ours: ours, theirs: theirs)
        let out = output ?? oursPath
        guard outcome.problems.isEmpty else {
            printError("nettui merge: the merged file would have \(outcome.problems.count) problem\(outcome.problems.count == 1 ? "" : "s"); \(out) is left as it was:")
            for p in outcome.problems.prefix(10) { printError("  \(p)") }
            throw ExitCode(2)
        }
        do {
            guard case .acquired(let lock) = try FileLock.acquire(for: out) else {
                printError("nettui merge: \(out) is open in another nettui; close it first")
                throw ExitCode(2)
            }
            defer { lock.release() }
            // Git's OURS is a temporary file: leave no FILE.bak next to it (nor next to any file that had none).
            let bak = out + ".bak"
            let hadBak = access(bak, F_OK) == 0
            try Store.save(outcome.network, to: out)
            if !hadBak { unlink(bak) }
        } catch let error as StoreError {
            printError("nettui merge: \(error.message)")
            throw ExitCode(2)
        }
        guard outcome.conflicts.isEmpty else {
            let n = outcome.conflicts.count
            printError("nettui merge: \(n) conflict\(n == 1 ? "" : "s"); ours was kept and theirs recorded in the file's conflicts list — resolve them in the Conflicts list of the TUI (press !):")
            for c in outcome.conflicts.prefix(20) { printError("  \(c.summary(in: outcome.network))") }
            if n > 20 { printError("  … and \(n - 20) more") }
            throw ExitCode(1)
        }
    }

    /// Reads one input; exits 2 with the reason when it cannot be used.
    private func load(_ path: String, emptyIsEmptyNetwork: Bool) throws -> Network {
        do {
            guard let bytes = try Store.readBytes(path) else {
                printError("nettui merge: \(path): no such file")
                throw ExitCode(2)
            }
            if emptyIsEmptyNetwork, bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return Network() }
            guard let loaded = try Store.load(path) else {
                printError("nettui merge: \(path): no such file")
                throw ExitCode(2)
            }
            if let reason = loaded.readOnlyReason {
                printError("nettui merge: \(path): \(reason); merge it with a newer nettui")
                throw ExitCode(2)
            }
            return loaded.network
        } catch let error as StoreError {
            printError("nettui merge: \(error.message)")
            for p in error.problems.prefix(10) { printError("  \(p)") }
            if error.problems.count > 10 { printError("  … and \(error.problems.count - 10) more") }
            throw ExitCode(2)
        }
    }

    // MARK: - Installing the driver

    var attributesLine: String { "\(pattern) merge=\(Self.driverName)" }

    var configPairs: [(String, String)] {
        [("merge.\(Self.driverName).name", Self.driverLabel), ("merge.\(Self.driverName).driver", Self.driverCommand)]
    }

    private func runInstall() throws {
        guard write else {
            print("""
                # In .gitattributes at the top of the repository (commit it):
                \(attributesLine)

                # In each clone (git keeps merge drivers out of the repository; nettui must be on PATH,
                # else put its full path in the driver):
                \(configPairs.map { "git config \($0.0) \"\($0.1)\"" }.joined(separator: "\n"))

                # Or run `nettui merge --install --write` inside the clone to do both.
                """)
            return
        }
        let top = try git(["rev-parse", "--show-toplevel"], what: "find the git repository (run this inside a clone)")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let attributes = top + "/.gitattributes"
        var text = (try? String(contentsOfFile: attributes, encoding: .utf8)) ?? ""
        let present = text.split(whereSeparator: \.isNewline).contains {
            $0.split(whereSeparator: \.isWhitespace).map(String.init) == [pattern, "merge=\(Self.driverName)"]
        }
        if present {
            writeOut("\(attributes): already has \(attributesLine)\n")
        } else {
            if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
            text += attributesLine + "\n"
            do {
                try text.write(toFile: attributes, atomically: true, encoding: .utf8)
            } catch {
                printError("nettui merge: cannot write \(attributes): \(error.localizedDescription)")
                throw ExitCode(2)
            }
            writeOut("\(attributes): added \(attributesLine)\n")
        }
        for (key, value) in configPairs {
            _ = try git(["config", key, value], what: "set \(key)")
            print("git config \(key) \"\(value)\"")
        }
    }

    /// Runs git in the current folder and returns its standard output; exits 2 when it fails.
    private func git(_ args: [String], what: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + args
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            printError("nettui merge: cannot run git: \(error.localizedDescription)")
            throw ExitCode(2)
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let why = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            printError("nettui merge: cannot \(what)\(why.isEmpty ? "" : ": " + why)")
            throw ExitCode(2)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
