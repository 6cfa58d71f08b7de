import Foundation
import XCTest
@testable import Plumbing

/// `inOrder` (the save's blocks, the import's pieces): items reach the consumer in order, and a
/// worker that waits for the consumer sleeps until the consumer moves on, instead of spinning.
final class InOrderTests: XCTestCase {
    /// A consumer that takes 40 ms over each item keeps the backlog full, so the other workers
    /// wait: each wakes at most once per change the consumer makes (an item taken out, consuming
    /// stopped), where a worker polling every 100 µs would look hundreds of times an item.
    func testWaitingWorkersSleepUntilTheConsumerMovesOn() {
        let count = 30, workers = 4
        var consumed: [Int] = []
        let wakes = inOrder(count, workers: workers, maxWaiting: 1, make: { $0 }, consume: { k, item in
            XCTAssertEqual(k, item)
            consumed.append(item)
            Thread.sleep(forTimeInterval: 0.04)
            return true
        })
        XCTAssertEqual(consumed, Array(0..<count))
        XCTAssertLessThanOrEqual(wakes, (workers - 1) * 2 * count, "waiting workers woke \(wakes) times for \(count) items")
    }

    /// Once the consumer says stop, no item is made after those already begun, and every item
    /// made is still consumed, in order.
    func testStoppingMakesNoMoreItems() {
        let made = Locked(0)
        var consumed: [Int] = []
        inOrder(1_000, workers: 3, maxWaiting: 2, make: { k in
            made.with { $0 += 1 }
            return k
        }, consume: { _, item in
            consumed.append(item)
            return item < 10
        })
        XCTAssertEqual(consumed, Array(0..<consumed.count))
        XCTAssertGreaterThanOrEqual(consumed.count, 11)
        XCTAssertEqual(consumed.count, made.with { $0 }, "every item made is consumed")
        XCTAssertLessThan(made.with { $0 }, 1_000)
    }
}
