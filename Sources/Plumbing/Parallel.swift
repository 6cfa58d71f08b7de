import Dispatch

/// `body(0)`, …, `body(count - 1)`, run on all cores (`DispatchQueue.concurrentPerform`), in order.
/// For the fast decoder's chunks and the log's lookups: each call may only read what it shares with the others.
@inlinable
package func inParallel<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
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

/// `(0..<count).map(transform)` in one run of consecutive indices per core (when there are at
/// least `minimumRun` per run); `transform` may only read what it shares with other calls. It is
/// given indices, not items: an item handed to a closure is copied (each of its strings retained
/// and released), where `list[i]` read through a buffer pointer inside it is not.
@inlinable
package func parallelMap<U>(count: Int, minimumRun: Int = 4096, _ transform: (Int) -> U) -> [U] {
    let runs = min(Cores.count, count / minimumRun)
    guard runs > 1 else { return (0..<count).map(transform) }
    return [U](unsafeUninitializedCapacity: count) { buffer, initialized in
        let out = UncheckedSendable(buffer.baseAddress!)
        // Each run initialises only its own part of the result.
        _ = inParallel(runs) { k in
            for i in count * k / runs..<count * (k + 1) / runs {
                (out.value + i).initialize(to: transform(i))
            }
        }
        initialized = count
    }
}

/// `list.map(transform)` on every core, as `parallelMap(count:)`: each item is lent to `transform`
/// in place (`Lent`), not copied (a copy retains and releases every string in it; so does a
/// `borrowing` parameter read from the array's memory).
@inlinable
package func parallelMap<T, U>(_ list: [T], minimumRun: Int = 4096, _ transform: (Lent<T>) -> U) -> [U] {
    list.withUnsafeBufferPointer { p in
        guard let base = p.baseAddress else { return [] }
        let shared = UncheckedSendable(base)
        return parallelMap(count: p.count, minimumRun: minimumRun) { transform(Lent(shared.value + $0)) }
    }
}

/// The positions `0..<count` sorted by `before`: a long list (`minimumRun` positions a core or
/// more) sorted in runs, one per core, then merged. Of two that tie, the earlier run's comes first.
@inlinable
package func sortedPositions(_ count: Int, minimumRun: Int = 4096, by before: (Int, Int) -> Bool) -> [Int] {
    let runs = min(Cores.count, count / max(1, minimumRun))
    guard runs > 1 else { return (0..<count).sorted(by: before) }
    let sorted = inParallel(runs) { k in (count * k / runs..<count * (k + 1) / runs).sorted(by: before) }
    return sorted.dropFirst().reduce(sorted[0]) { mergingSorted($0, $1, by: before) }
}

/// The two sorted lists as one sorted list; of equal elements, `a`'s first.
@inlinable
package func mergingSorted<T>(_ a: [T], _ b: [T], by before: (T, T) -> Bool) -> [T] {
    var out: [T] = []
    out.reserveCapacity(a.count + b.count)
    var i = 0, j = 0
    while i < a.count, j < b.count {
        if before(b[j], a[i]) {
            out.append(b[j])
            j += 1
        } else {
            out.append(a[i])
            i += 1
        }
    }
    out += a[i...]
    out += b[j...]
    return out
}

/// A value handed to `inParallel`'s calls (a pointer, say), each of which touches only its own part.
@usableFromInline package struct UncheckedSendable<Value>: @unchecked Sendable {
    @usableFromInline package let value: Value
    @usableFromInline package init(_ value: Value) { self.value = value }
}
