import ArgumentParser
import Foundation
import NetModel
import NetStore

/// `nettui bench`: times this build on generated networks of several sizes and prints the table of
/// docs/BENCHMARKS.md — the figures the performance targets are about, median and spread.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time this build on generated networks and print a table of the figures.",
        discussion: """
            Each size N is a generated network (`nettui demo --contacts N`: N/50 networks, 3N interactions, \
            seed 1) written to a temporary folder. Times are in milliseconds: median (min–max) over the runs, \
            or median / 99th percentile for figures taken once per key press. Build with \
            `swift build -c release` first; a debug build is many times slower. See docs/BENCHMARKS.md.
            """)

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Network sizes, in contacts.", valueName: "n"))
    var sizes: [Int] = [1000, 10000, 100_000]

    @Option(help: "Runs of each figure.")
    var runs = 5

    @Option(help: "Key presses per run for the per-key figures.")
    var keys = 200

    @Option(help: ArgumentHelp("Write the generated files here and keep them (default: a temporary folder, removed).", valueName: "folder"))
    var keep: String?

    func validate() throws {
        guard !sizes.isEmpty, sizes.allSatisfy({ (1...1_000_000).contains($0) }) else { throw ValidationError("--sizes must be between 1 and 1000000") }
        guard (1...1000).contains(runs) else { throw ValidationError("--runs must be between 1 and 1000") }
        guard (10...100_000).contains(keys) else { throw ValidationError("--keys must be between 10 and 100000") }
    }

    func run() throws {
        let folder = keep ?? (NSTemporaryDirectory() + "nettui-bench-\(getpid())")
        do {
            try Store.makeDirectories(folder)
        } catch {
            printError("nettui: \(error.message)")
            throw ExitCode(1)
        }
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let today = Clock.system.now().day
        print(Self.heading(runs: runs, keys: keys))
        var benches: [Bench] = []
        for n in sizes.sorted() {
            printError("nettui bench: \(n) contacts…")
            var bench = Bench(contacts: n, runs: runs, keys: keys, folder: folder, today: today, executable: executable)
            do {
                try bench.run()
            } catch let error as StoreError {
                printError("nettui: \(error.message)")
                throw ExitCode(1)
            }
            benches.append(bench)
        }
        print(Self.table(benches), terminator: "")
    }

    static func heading(runs: Int, keys: Int) -> String {
        #if DEBUG
        let build = "DEBUG build: figures are not meaningful; use swift build -c release"
        #else
        let build = "release build"
        #endif
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last?.trimmingWhitespace ?? "unknown CPU"
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        return """
            nettui bench — \(build), \(Allocator.name); \(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu); load average \(load)
            \(runs) runs; per-key figures from \(keys) key presses per run; times in ms
            """
    }

    /// The figures as rows, one column per size, and how the largest size grew from the one before.
    static func table(_ benches: [Bench]) -> String {
        let names = benches.first?.figures.map(\.name) ?? []
        var rows: [[String]] = [["figure", "target"] + benches.map { "\($0.contacts) contacts" } + ["growth"]]
        rows.append(["file size (MB)", ""] + benches.map { String(format: "%.1f", Double($0.fileBytes) / 1e6) } + [""])
        for name in names {
            let perKey = Figure.perKey.contains(name)
            let cells = benches.map { b in b.samples(name).map { perKey ? $0.tail : $0.spread } ?? "–" }
            rows.append([perKey ? name + " (p50 / p99)" : name, Figure.targets[name] ?? ""] + cells + [growth(name, benches)])
        }
        rows.append(["peak memory of nettui matrix, exits, brief (MiB)", "≤ 4× abook"] + benches.map { String($0.peakKiB / 1024) } + [""])
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                       : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// "×9.6 (size ×10)": how the median grew between the two largest sizes, against how the size grew.
    static func growth(_ name: String, _ benches: [Bench]) -> String {
        guard benches.count >= 2 else { return "" }
        let (a, b) = (benches[benches.count - 2], benches[benches.count - 1])
        guard let x = a.samples(name)?.median, let y = b.samples(name)?.median, x > 0 else { return "" }
        return String(format: "×%.1f (size ×%.0f)", y / x, Double(b.contacts) / Double(a.contacts))
    }
}
