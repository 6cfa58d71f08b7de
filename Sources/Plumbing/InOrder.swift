#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Items `0..<count` made by `make` on `workers` workers at once and handed to `consume` one at a
/// time in order, by whichever worker finds the next item ready: consuming one item overlaps the
/// making of the next. `consume` returns whether to go on: once it returns false no item is made
/// after those already begun, but every item made is still consumed, in order. `consume` may take
/// what it wants out of the item (which is dropped after it). For the save's
/// blocks (`BlockWriter`) and the import's pieces (`Importer.parseAndMerge`).
///
/// No worker waits for an item another has yet to make, so the workers finish even when they run
/// one after another. A worker that is not consuming waits only while `maxWaiting` items or more
/// wait to be consumed and another worker is consuming them: memory stays at a few items when
/// consuming is slower than making.
package func inOrder<T>(_ count: Int, workers: Int, maxWaiting: Int = 4, make: (Int) -> T, consume: (Int, inout T) -> Bool) {
    let state = Locked(OrderState<T>())
    withoutActuallyEscaping(make) { make in
        withoutActuallyEscaping(consume) { consume in
            let shared = UncheckedSendable((make, consume))
            _ = inParallel(max(1, workers)) { _ in
                while let k = state.with({ $0.take(below: count) }) {
                    handIn(k, shared.value.0(k), state: state, maxWaiting: maxWaiting, consume: shared.value.1)
                }
            }
        }
    }
}

private struct OrderState<T> {
    /// The next item to make, and the next to consume.
    var taken = 0
    var next = 0
    /// Whether a worker is consuming (only one does at a time).
    var consuming = false
    /// Whether `consume` asked to stop.
    var stopped = false
    /// Items made and waiting for their turn.
    var ready: [Int: T] = [:]

    mutating func take(below count: Int) -> Int? {
        guard !stopped, taken < count else { return nil }
        taken += 1
        return taken - 1
    }
}

/// Hands item `k` in; the worker then consumes every item that is ready in order, unless another
/// worker is already doing so.
private func handIn<T>(_ k: Int, _ item: consuming T, state: Locked<OrderState<T>>, maxWaiting: Int, consume: (Int, inout T) -> Bool) {
    var consumer = false
    // Moved in, not copied: `consume` may then change the item without copying it first.
    var handing: T? = consume item
    while true {
        let wait = state.with { s -> Bool in
            if let handed = handing.take() { s.ready[k] = handed }
            if !s.consuming {
                s.consuming = true
                consumer = true
                return false
            }
            return s.ready.count >= maxWaiting
        }
        guard wait else { break }
        usleep(100)
    }
    guard consumer else { return }
    while case (let n, var next)? = state.with({ s -> (Int, T)? in
        guard let item = s.ready.removeValue(forKey: s.next) else {
            s.consuming = false
            return nil
        }
        return (s.next, item)
    }) {
        let goOn = consume(n, &next)
        state.with { s in
            if !goOn { s.stopped = true }
            s.next += 1
        }
    }
}

/// A value behind a mutex, for the few places where workers share state.
package final class Locked<Value>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var value: Value

    package init(_ value: Value) {
        self.value = value
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    package func with<R>(_ body: (inout Value) -> R) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body(&value)
    }
}
