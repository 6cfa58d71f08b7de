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
/// consuming is slower than making. It waits asleep, woken when the consumer takes an item out or
/// stops; the result is how many times waiting workers woke (at most `workers - 1` per item
/// consumed and per time a worker stops consuming).
@discardableResult
package func inOrder<T>(_ count: Int, workers: Int, maxWaiting: Int = 4, make: (Int) -> T, consume: (Int, inout T) -> Bool) -> Int {
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
    return state.with { $0.wakes }
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
    /// How many times a waiting worker woke to look again.
    var wakes = 0

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
    // Asleep (not spinning) while the backlog is full and another worker consumes it: the consumer
    // wakes the waiters each time it takes an item out and when it stops consuming.
    var looked = false
    state.wait { s in
        if looked { s.wakes += 1 }
        looked = true
        if let handed = handing.take() { s.ready[k] = handed }
        if !s.consuming {
            s.consuming = true
            consumer = true
            return true
        }
        return s.ready.count < maxWaiting
    }
    guard consumer else { return }
    while case (let n, var next)? = state.changing({ s -> (Int, T)? in
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

/// A value behind a mutex, for the few places where workers share state; a thread may sleep until
/// the value is as it needs it (`wait`), woken by the threads that change it (`changing`).
package final class Locked<Value>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var value: Value

    package init(_ value: Value) {
        self.value = value
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
    }

    package func with<R>(_ body: (inout Value) -> R) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body(&value)
    }

    /// `with`, and then wakes every thread in `wait` to look at the value again.
    package func changing<R>(_ body: (inout Value) -> R) -> R {
        pthread_mutex_lock(mutex)
        defer {
            pthread_cond_broadcast(changed)
            pthread_mutex_unlock(mutex)
        }
        return body(&value)
    }

    /// Runs `body` under the lock, and again after each `changing` by another thread, until it
    /// returns true; in between the thread sleeps with the lock released.
    package func wait(until body: (inout Value) -> Bool) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !body(&value) { pthread_cond_wait(changed, mutex) }
    }
}
