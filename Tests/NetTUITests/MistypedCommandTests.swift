import Foundation
@testable import NetTUI
import TestSupport
import XCTest

/// A mistyped command is not taken for the name of a new data file.
final class MistypedCommandTests: XCTestCase {
    func testAMistypedCommandIsNamedNotOpenedAsANewFile() throws {
        let dir = try temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        for (typed, meant) in [("matirx", "matrix"), ("exist", "exits"), ("chekc", "check"), ("improt", "import")] {
            let r = try Programs.run(try Programs.requireBuilt("nettui"), [typed], in: dir)
            XCTAssertEqual(r.status, 2, "\(typed): \(r.output)")
            assertContains(r.stderr, "did you mean `nettui \(meant)`")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [], "nothing created for \(typed)")
        }
    }

    func testAFileOrAPathOrAnUnlikeNameStillOpens() {
        XCTAssertNil(OpenCommand.commandMistypedAs("./matirx"))
        XCTAssertNil(OpenCommand.commandMistypedAs("matirx.json"))
        XCTAssertNil(OpenCommand.commandMistypedAs("customers"))
        XCTAssertEqual(OpenCommand.commandMistypedAs("Matrx"), "matrix")
    }
}
