import Foundation
import XCTest

/// The layers of docs/ARCHITECTURE.md, checked on the source tree. Which target may import which,
/// Package.swift states and the compiler enforces; these check what it cannot: the layers above
/// Plumbing and NetStore read bytes through safe views (`Span<UInt8>` and Plumbing's scans over it)
/// and plain Swift — no unsafe pointers, no `.pointee`, no C library of their own, nothing that
/// switches the compiler's checks off. Each line that has one is named.
final class SafeLayersTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The folders (from the package's root) that must hold no unsafe code.
    static let safeFolders = ["Sources/NetModel", "Sources/NetInterchange", "Sources/NetTUI"]
    static let forbidden = ["Unsafe", "pointee", "Glibc", "@unchecked Sendable", "nonisolated(unsafe)", "madvise", "dlsym"]

    func testNoUnsafeCodeOutsidePlumbingAndTheStore() throws {
        var found: [String] = []
        for folder in Self.safeFolders {
            let dir = Self.root.appendingPathComponent(folder)
            let walker = try XCTUnwrap(FileManager.default.enumerator(atPath: dir.path), folder)
            var files = 0
            for case let name as String in walker where name.hasSuffix(".swift") {
                files += 1
                let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where Self.forbidden.contains(where: { line.contains($0) }) {
                    found.append("\(folder)/\(name):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
            XCTAssertGreaterThan(files, 5, "\(folder) was read")
        }
        XCTAssertEqual(found, [], "unsafe code outside Plumbing and NetStore:\n" + found.joined(separator: "\n"))
    }

    /// Every folder of Sources is a target of Package.swift (no stray folder: StressSave, a test
    /// tool, lives in Tests).
    func testEverySourceFolderIsALayer() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources").path).sorted()
        XCTAssertEqual(folders, ["CMimalloc", "CNcurses", "CTerminal", "NetInterchange", "NetModel", "NetStore", "NetTUI", "Plumbing"])
    }
}
