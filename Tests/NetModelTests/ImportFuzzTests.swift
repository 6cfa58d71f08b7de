import Dispatch
import Foundation
import XCTest
@testable import NetInterchange
import NetModel
import Plumbing
import TestSupport

/// Whole vCard, LinkedIn and Google files, mutated from the real fixtures (bytes flipped, cut
/// short, lines doubled, dropped and swapped, folds, escapes and quotes put in, huge lines,
/// invalid UTF-8, other line ends), each read as an import: every file is either imported or
/// refused with the line at fault (or, when it is not that kind of file at all, refused as a
/// whole) — never a crash, never a hang (each file has `timeGuard` seconds).
/// NETTUI_FUZZ_FILES sets how many files (`.ci/run` leaves the default); NETTUI_FUZZ_SEED replays a run.
final class ImportFuzzTests: XCTestCase {
    static let timeGuard: Double = 20

    /// Refusals of a file as a whole: it is empty, binary, of another kind or has no header.
    static let wholeFileReasons = [
        "the file is empty", "this is ", "UTF-16 text with an odd number of bytes", "no BEGIN:VCARD found",
        "no LinkedIn header line", "no Google Contacts header",
    ]

    static func fixtures() throws -> [(name: String, format: ImportFormat, bytes: [UInt8])] {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
        return try FileManager.default.contentsOfDirectory(atPath: dir).sorted().compactMap { name in
            let format: ImportFormat
            if name.hasSuffix(".vcf") {
                format = .vcard
            } else if name.hasPrefix("google-") {
                format = .google
            } else if name.hasSuffix(".csv") {
                format = .linkedin
            } else {
                return nil
            }
            return (name, format, Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))))
        }
    }

    func testMutatedImportFilesAreImportedOrRefusedWithALine() throws {
        let env = ProcessInfo.processInfo.environment
        let total = env["NETTUI_FUZZ_FILES"].flatMap(Int.init) ?? 3_000
        let seed = env["NETTUI_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_208
        let fixtures = try Self.fixtures()
        XCTAssertGreaterThanOrEqual(fixtures.filter { $0.format == .vcard }.count, 10)
        XCTAssertGreaterThanOrEqual(fixtures.filter { $0.format == .linkedin }.count, 5)
        XCTAssertGreaterThanOrEqual(fixtures.filter { $0.format == .google }.count, 2)
        let network = Demo.network(today: Day(year: 2026, month: 12, day: 8)!, contacts: 60, networks: 5, interactions: 50, seed: 2)
        var rng = SplitMix64(seed: seed)
        var imported = 0, refusedAtLine = 0, refusedWhole = 0
        let started = Date()
        for round in 0..<total {
            let base = fixtures[Int.random(in: 0..<fixtures.count, using: &rng)]
            var bytes = base.bytes
            var done: [String] = []
            for _ in 0..<Int.random(in: 1...4, using: &rng) { done.append(FileMutation.apply(to: &bytes, &rng)) }
            // Now and then read as another kind of file than it is.
            let format = Int.random(in: 0..<10, using: &rng) == 0 ? ImportFormat.allCases.randomElement(using: &rng)! : base.format
            let merge = Int.random(in: 0..<8, using: &rng) == 0
            let file = bytes
            let what = "round \(round) of seed \(seed): \(base.name) as \(format.rawValue), \(done.joined(separator: ", "))"

            guard let outcome = Self.guarded(seconds: Self.timeGuard, { () -> Result<Int, ImportError> in
                do throws(ImportError) {
                    let records = try Importer.parse(file, path: "fuzz", format: format)
                    if merge { _ = Importer.merge(records, into: network, now: Timestamp(seconds: 1_800_000_000), newID: Self.ids()) }
                    return .success(records.count)
                } catch {
                    return .failure(error)
                }
            }) else {
                let kept = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-import-fuzz-hang-\(round)").path
                _ = FileManager.default.createFile(atPath: kept, contents: Data(bytes))
                XCTFail("import fuzz: \(what) took over \(Int(Self.timeGuard)) s (the file is kept at \(kept)); replay with NETTUI_FUZZ_SEED=\(seed)")
                return
            }
            switch outcome {
            case .success:
                imported += 1
            case .failure(let error):
                XCTAssertEqual(error.path, "fuzz", what)
                if let line = error.line {
                    refusedAtLine += 1
                    // A line of the file (or the one just after its end, for what it lacks there).
                    let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                    XCTAssert((1...lines + 1).contains(line), "\(what): refused at line \(line) of \(lines): \(error)")
                    XCTAssert(error.description.contains("line \(line)"), "\(what): \(error)")
                } else {
                    refusedWhole += 1
                    XCTAssert(Self.wholeFileReasons.contains { error.message.hasPrefix($0) },
                              "\(what): refused without a line number: \(error)")
                }
            }
        }
        let seconds = Date().timeIntervalSince(started)
        print("import fuzz: \(total) mutated files (seed \(seed)), \(imported) imported, \(refusedAtLine) refused at a line, "
              + "\(refusedWhole) refused as a whole, \(String(format: "%.1f", seconds)) s")
        // The corpus exercises both sides.
        XCTAssertGreaterThan(imported, total / 10, "too few mutated files were still importable")
        XCTAssertGreaterThan(refusedAtLine, total / 10, "too few mutated files were refused at a line")
    }

    /// Ids for the contacts a merge adds.
    static func ids() -> () -> String {
        var n = 0
        return {
            n += 1
            return "fuzz-\(n)"
        }
    }

    /// `body`'s result, or nil when it has not finished within `seconds` (it is then left running).
    static func guarded<R>(seconds: Double, _ body: @escaping @Sendable () -> R) -> R? {
        let result = Locked<R?>(nil)
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let r = body()
            result.with { $0 = r }
            finished.signal()
        }
        guard finished.wait(timeout: .now() + seconds) == .success else { return nil }
        return result.with { $0 }
    }
}

/// Changes to a whole import file, each named for the failure message.
enum FileMutation {
    static let interestingBytes: [UInt8] = [0x00, 0x0A, 0x0D, 0x20, 0x09, 0x22, 0x2C, 0x3A, 0x3B, 0x3D, 0x5C, 0x7F, 0x80, 0xC3, 0xF8, 0xFF]
    static let insertions: [[UInt8]] = [
        Array("\r\n ".utf8), Array("\n ".utf8), Array("\r\n\t".utf8), Array("=\r\n".utf8), Array("=C3=A4".utf8), Array("=".utf8),  // folds, quoted-printable
        Array("\\".utf8), Array("\\n".utf8), Array("\\,".utf8), Array("\\;".utf8), Array("\\\\".utf8),  // escapes
        Array("\"".utf8), Array("\"\"".utf8), Array("\",\"".utf8), Array("\"\n\"".utf8),  // quotes
        Array(",".utf8), Array(";".utf8), Array(":".utf8), Array("\r".utf8),
        Array("BEGIN:VCARD\r\n".utf8), Array("END:VCARD\r\n".utf8), Array("VERSION:2.1\n".utf8),
        Array("N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:".utf8), Array("ENCODING=b:".utf8),
        [0xC3], [0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBB, 0xBF], [0xE2, 0x82],  // invalid UTF-8, a BOM
    ]

    /// Applies one random change; returns its name.
    static func apply(to b: inout [UInt8], _ rng: inout SplitMix64) -> String {
        let at = b.isEmpty ? 0 : Int.random(in: 0...b.count, using: &rng)
        switch Int.random(in: 0..<12, using: &rng) {
        case 0:
            guard at < b.count else { return "nothing" }
            b[at] = interestingBytes.randomElement(using: &rng)!
            return "byte \(at) set"
        case 1:
            guard at < b.count else { return "nothing" }
            b[at] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
            return "bit flipped at \(at)"
        case 2:
            b.removeSubrange(at...)
            return "cut at \(at)"
        case 3, 4:
            let piece = insertions.randomElement(using: &rng)!
            b.insert(contentsOf: piece, at: at)
            return "\(piece) put in at \(at)"
        case 5, 6:
            var lines = b.split(separator: 0x0A, omittingEmptySubsequences: false)
            guard !lines.isEmpty else { return "nothing" }
            let i = Int.random(in: 0..<lines.count, using: &rng)
            let how = Int.random(in: 0..<3, using: &rng)
            switch how {
            case 0:
                lines.insert(lines[i], at: i)
            case 1:
                lines.remove(at: i)
            default:
                lines.swapAt(i, Int.random(in: 0..<lines.count, using: &rng))
            }
            b = Array(lines.joined(separator: [0x0A]))
            return "line \(i + 1) " + ["doubled", "dropped", "swapped"][how]
        case 7:
            // A huge line: now and then over the importers' 1 MB limit for a value.
            let size = Int.random(in: 0..<20, using: &rng) == 0 ? Int.random(in: 900_000...1_200_000, using: &rng) : Int.random(in: 1_000...60_000, using: &rng)
            let filler = interestingBytes.randomElement(using: &rng)!
            let line = Int.random(in: 0..<2, using: &rng) == 0 ? [UInt8](repeating: 0x61, count: size) : Array("NOTE:".utf8) + [UInt8](repeating: filler, count: size)
            b.insert(contentsOf: line + [0x0A], at: at)
            return "a line of \(size) bytes at \(at)"
        case 8:
            let crlf = b.contains(0x0D)
            b = crlf ? b.filter { $0 != 0x0D } : Array(b.split(separator: 0x0A, omittingEmptySubsequences: false).joined(separator: [0x0D, 0x0A]))
            return crlf ? "CR dropped" : "CRLF line ends"
        case 9:
            // A stretch of bytes doubled (a record written twice, or half of one).
            guard at < b.count else { return "nothing" }
            let end = min(b.count, at + Int.random(in: 1...400, using: &rng))
            b.insert(contentsOf: b[at..<end], at: end)
            return "bytes \(at)..<\(end) doubled"
        case 10:
            guard at < b.count else { return "nothing" }
            let end = min(b.count, at + Int.random(in: 1...200, using: &rng))
            b.removeSubrange(at..<end)
            return "bytes \(at)..<\(end) dropped"
        default:
            // UTF-16, as some exporters write.
            guard Int.random(in: 0..<3, using: &rng) == 0, let text = String(validating: b, as: UTF8.self) else { return "nothing" }
            b = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            return "UTF-16LE"
        }
    }
}
