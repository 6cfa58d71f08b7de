import Dispatch

/// `body(0)`, …, `body(count - 1)`, run on all cores (`DispatchQueue.concurrentPerform`), in order.
/// For the fast decoder's chunks and the log's lookups: each call may only read what it shares with the others.
func inParallel<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    withoutActuallyEscaping(body) { body in
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        // Each iteration writes only its own slot.
        let shared = UncheckedSendable((body, results))
        DispatchQueue.concurrentPerform(iterations: count) { k in
            shared.value.1[k] = shared.value.0(k)
        }
        return results.map { $0! }
    }
}

/// A value handed to `inParallel`'s calls (a pointer, say), each of which touches only its own part.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
