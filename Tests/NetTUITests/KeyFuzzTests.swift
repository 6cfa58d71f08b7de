import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import TestSupport
import XCTest
@testable import NetStore

/// A seeded random stream of keys, mouse clicks and resizes through the headless update/render loop, across every
/// pane and form, checking the model's invariants every 1,000 keys. `swift test` runs a short stream;
/// `.ci/run` sets NETTUI_FUZZ_KEYS=200000 for the long one. NETTUI_FUZZ_SEED replays a run.
final class KeyFuzzTests: XCTestCase {
    static let printable: [Character] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /?:.,-_'\"äöåæøÄÖÅÆØ王芳佐藤健é")
    static let commandKeys: [Character] = Array("jkhlJKLHgGudeaimnbcvwxrosO/12345?")
    static let special: [Key] = [
        .up, .down, .left, .right, .shiftUp, .shiftDown, .shiftLeft, .shiftRight, .pageUp, .pageDown, .home, .end,
        .enter, .tab, .backTab, .escape, .backspace, .delete, .function(1), .function(5),
    ]
    static let ctrl: [Character] = Array("abcdefhkrsuw")  // no Ctrl-C here: quitting is exercised through q

    /// Random keys reach "save as" with a typed name, which is a path relative to the working
    /// folder: the fuzz runs in a folder of its own, so those files never land in the repository.
    private var folder: (fuzz: String, previous: String)?

    override func setUpWithError() throws {
        let fuzz = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-fuzz-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: fuzz, withIntermediateDirectories: true)
        folder = (fuzz, FileManager.default.currentDirectoryPath)
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(fuzz))
    }

    override func tearDown() {
        guard let folder else { return }
        FileManager.default.changeCurrentDirectoryPath(folder.previous)
        try? FileManager.default.removeItem(atPath: folder.fuzz)
    }

    func randomInput(_ rng: inout SplitMix64) -> Input {
        let roll = Int.random(in: 0..<1000, using: &rng)
        switch roll {
        case 0..<8:
            return .resize(width: Int.random(in: 1...300, using: &rng), height: Int.random(in: 1...100, using: &rng))
        case 8..<12:
            return .key(.char("q"))
        case 12..<30:
            let kinds: [Mouse.Kind] = [.click, .click, .wheelUp, .wheelDown]
            return .mouse(Mouse(x: Int.random(in: 0..<300, using: &rng), y: Int.random(in: 0..<100, using: &rng),
                                kind: kinds.randomElement(using: &rng)!))
        case 30..<400:
            return .key(.char(Self.commandKeys.randomElement(using: &rng)!))
        case 400..<650:
            return .key(.char(Self.printable.randomElement(using: &rng)!))
        case 650..<700:
            return .key(.ctrl(Self.ctrl.randomElement(using: &rng)!))
        default:
            return .key(Self.special.randomElement(using: &rng)!)
        }
    }

    /// The invariants: unique ids, references that resolve, a file that reads back equal, every
    /// row exactly the screen's width, and undo then redo returning the same model.
    func checkInvariants(_ state: AppState, seed: UInt64, step: Int) {
        let n = state.network
        XCTAssertEqual(n.referenceProblems(), [], "seed \(seed), key \(step): duplicate ids or dangling references")
        let decoded = NetworkCodec.decode(NetworkCodec.encode(n))
        XCTAssertEqual(decoded.problems, [], "seed \(seed), key \(step): the saved file would not read back")
        XCTAssertEqual(decoded.network.map(NetworkCodec.encode), NetworkCodec.encode(n), "seed \(seed), key \(step)")
        let screen = Render.frame(state).screen
        for y in 0..<screen.height where screen.line(y).columns != screen.width {
            XCTFail("seed \(seed), key \(step): row \(y) is \(screen.line(y).columns) columns on a \(screen.width)-wide screen")
        }
        var history = state.history
        var network = n
        if let undo = history.undo() {
            network.apply(undo)
            if let redo = history.redo() { network.apply(redo) }
            XCTAssertEqual(NetworkCodec.encode(network), NetworkCodec.encode(n), "seed \(seed), key \(step): undo then redo changed the model")
        }
    }

    func testRandomKeysNeverBreakTheModelOrTheScreen() {
        let env = ProcessInfo.processInfo.environment
        let total = env["NETTUI_FUZZ_KEYS"].flatMap(Int.init) ?? 10_000
        let seed = env["NETTUI_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_123
        var rng = SplitMix64(seed: seed)
        var h = Harness(width: 100, height: 30)
        var quits = 0, resizes = 0
        let started = Date()
        for step in 1...total {
            let input = randomInput(&rng)
            if case .resize = input { resizes += 1 }
            h.send(input)
            if !h.running {
                // Quitting is allowed; carry on in a fresh program on the same data.
                quits += 1
                let size = (h.state.width, h.state.height)
                h = Harness(network: h.state.network, width: size.0, height: size.1)
            }
            _ = Render.frame(h.state)
            if step % 1000 == 0 {
                checkInvariants(h.state, seed: seed, step: step)
                if testRun?.failureCount ?? 0 > 0 {
                    print("key fuzz failed: replay with NETTUI_FUZZ_SEED=\(seed) NETTUI_FUZZ_KEYS=\(step)")
                    return
                }
            }
        }
        let seconds = Date().timeIntervalSince(started)
        print("key fuzz: \(total) keys (seed \(seed)), \(resizes) resizes, \(quits) quits, \(h.state.network.contacts.count) contacts left, \(String(format: "%.1f", seconds)) s")
    }
}
