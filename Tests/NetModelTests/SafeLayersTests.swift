import Foundation
import XCTest

/// The layers above Plumbing and NetStore read bytes through safe views (`Span<UInt8>` and
/// Plumbing's scans over it, docs/ARCHITECTURE.md): no unsafe pointers, no `.pointee`, no C
/// library of their own. Each line that has one is named.
final class SafeLayersTests: XCTestCase {
    /// The folders (from the package's root) that must hold no unsafe code.
    static let safeFolders = ["Sources/NetInterchange"]
    static let forbidden = ["Unsafe", "pointee", "Glibc"]

    func testNoUnsafeCodeOutsidePlumbingAndTheStore() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var found: [String] = []
        var files = 0
        for folder in Self.safeFolders {
            let dir = root.appendingPathComponent(folder)
            let walker = try XCTUnwrap(FileManager.default.enumerator(atPath: dir.path), folder)
            for case let name as String in walker where name.hasSuffix(".swift") {
                files += 1
                let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where Self.forbidden.contains(where: { line.contains($0) }) {
                    found.append("\(folder)/\(name):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        XCTAssertGreaterThan(files, 5, "the folders were read")
        XCTAssertEqual(found, [], "unsafe code outside Plumbing and NetStore:\n" + found.joined(separator: "\n"))
    }
}
