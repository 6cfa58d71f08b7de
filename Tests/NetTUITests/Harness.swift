import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore

/// Drives the program headlessly: keys go through the same update and driver as in the terminal,
/// and the rendered screen is read back as text.
struct Harness {
    static let today = Day(year: 2026, month: 11, day: 23)!
    static let clock: Clock = {
        let counter = Counter()
        return Clock(now: { Timestamp(seconds: Int64(today.ordinal) * 86_400 + 12 * 3600) },
                     newID: { String(format: "00000000-0000-4000-8000-%012d", counter.next()) })
    }()

    var driver: Driver
    /// False once the program asked to quit.
    var running = true

    init(network: Network = Demo.network(today: Harness.today), path: String? = nil, readOnly: String? = nil,
         width: Int = 80, height: Int = 24) {
        driver = Driver(state: AppState(network: network, path: path, readOnlyReason: readOnly,
                                        width: width, height: height, clock: Harness.clock))
    }

    var state: AppState { driver.state }
    var screen: Screen { Render.frame(driver.state).screen }
    var text: String { screen.text }

    mutating func send(_ events: Input...) {
        for e in events where running { running = driver.send(e) }
    }

    mutating func press(_ keys: Key...) {
        for k in keys where running { running = driver.send(.key(k)) }
    }

    /// Types text as single key presses.
    mutating func type(_ text: String) {
        for c in text where running { running = driver.send(.key(.char(c))) }
    }

    mutating func resize(_ w: Int, _ h: Int) { send(.resize(width: w, height: h)) }

    /// Selects the contact named `name` in the current pane.
    mutating func select(_ name: String) {
        guard let c = state.network.contacts.first(where: { $0.name == name }) else {
            XCTFail("no contact named \(name)")
            return
        }
        driver.state.select(c.id)
        driver.state.keepSelectionVisible()
    }
}

final class Counter: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        n += 1
        return n
    }
}

extension XCTestCase {
    /// A data file of the demo network, saved in a folder of its own that is removed after the test.
    func savedDemoFile() throws -> (path: String, saved: Network) {
        let dir = try temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/network.json"
        let saved = Demo.network(today: Harness.today)
        try Store.save(saved, to: path)
        return (path, saved)
    }
}

func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}
