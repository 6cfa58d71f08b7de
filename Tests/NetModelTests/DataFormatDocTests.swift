import Foundation
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

/// docs/DATA_FORMAT.md must stay true: its example is exactly what the codec writes.
final class DataFormatDocTests: XCTestCase {
    func docText() throws -> String {
        let here = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        let doc = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/DATA_FORMAT.md")
        return try String(contentsOf: doc, encoding: .utf8)
    }

    func testExampleIsACanonicalCleanFile() throws {
        let doc = try docText()
        let afterHeading = try XCTUnwrap(doc.range(of: "## Example")).upperBound
        let open = try XCTUnwrap(doc.range(of: "```json\n", range: afterHeading..<doc.endIndex))
        let close = try XCTUnwrap(doc.range(of: "```", range: open.upperBound..<doc.endIndex))
        let example = bytes(String(doc[open.upperBound..<close.lowerBound]))
        let decoded = NetworkCodec.decode(example)
        XCTAssertEqual(decoded.problems, [])
        let network = try XCTUnwrap(decoded.network)
        XCTAssertEqual(text(NetworkCodec.encode(network)), text(example), "the example is byte-for-byte what the program writes")
        XCTAssertFalse(network.contacts.isEmpty || network.networks.isEmpty || network.events.isEmpty || network.interactions.isEmpty)
    }

    func testEveryKeyTheCodecWritesIsDocumented() throws {
        let doc = try docText()
        var keys: Set<String> = []
        func collect(_ v: JSON) {
            switch v {
            case .object(let o):
                for (k, child) in o.map({ ($0.key.text, $0.value) }) {
                    keys.insert(k)
                    // A contact's `criteria` is keyed by criterion ids, which are data, not format.
                    if k == "criteria", case .object = child { continue }
                    collect(child)
                }
            case .array(let a): a.forEach(collect)
            default: break
            }
        }
        collect(try JSONParser.parse(NetworkCodec.encode(Demo.network(today: testToday))))
        for key in keys.sorted() { XCTAssertTrue(doc.contains("`\(key)`"), "\(key) is not documented") }
    }
}
