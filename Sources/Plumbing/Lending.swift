/// Reading the elements of a long array in place. An element handed to a closure, or read as
/// `list[i]` into a variable, is a copy: for a contact or an interaction that retains and releases
/// each of its strings, which in a pass over 300,000 interactions costs more than the rule that
/// reads one field of each. These lend each element instead (`borrowing`: the compiler refuses a
/// silent copy of it; write `copy c` where one is wanted).
extension Array {
    /// Calls `body` with each index, in order, and the element there, lent in place.
    @inlinable
    package func forEachLent(_ body: (Int, borrowing Element) throws -> Void) rethrows {
        try withUnsafeBufferPointer { list in
            for i in list.indices { try body(i, list[i]) }
        }
    }

    /// `transform` of the elements at `range`'s indices, in order, each lent in place.
    @inlinable
    package func mapLent<U>(_ range: Range<Int>, _ transform: (borrowing Element) throws -> U) rethrows -> [U] {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range out of bounds")
        return try withUnsafeBufferPointer { list in try range.map { try transform(list[$0]) } }
    }

    /// `transform` of every element, in order, each lent in place.
    @inlinable
    package func mapLent<U>(_ transform: (borrowing Element) throws -> U) rethrows -> [U] {
        try mapLent(indices, transform)
    }

    /// `body` with the element at `i`, lent in place.
    @inlinable
    package func withLent<R>(_ i: Int, _ body: (borrowing Element) throws -> R) rethrows -> R {
        precondition(i >= 0 && i < count, "index out of range")
        return try withUnsafeBufferPointer { list in try body(list[i]) }
    }

    /// True when `inOrder(a, b)` holds for each element `a` and the one after it, `b` (both lent in place).
    @inlinable
    package func allNeighbours(_ inOrder: (borrowing Element, borrowing Element) throws -> Bool) rethrows -> Bool {
        try withUnsafeBufferPointer { list in
            for i in list.indices.dropFirst() where try !inOrder(list[i - 1], list[i]) { return false }
            return true
        }
    }

    /// Puts the element at `order[k]` at position `k`, for every `k` (`order` is a permutation of the
    /// indices), moving each element once instead of copying the array.
    @inlinable
    package mutating func permute(by order: [Int]) {
        precondition(order.count == count)
        var done = [Bool](repeating: false, count: count)
        withUnsafeMutableBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return }
            for start in 0..<order.count where !done[start] {
                // Follow the cycle through `start`: each position takes the element from its source.
                let first = (p + start).move()
                var k = start
                while order[k] != start {
                    precondition(order[k] >= 0 && order[k] < order.count && !done[order[k]], "not a permutation")
                    (p + k).moveInitialize(from: p + order[k], count: 1)
                    done[k] = true
                    k = order[k]
                }
                (p + k).initialize(to: first)
                done[k] = true
            }
        }
    }
}
