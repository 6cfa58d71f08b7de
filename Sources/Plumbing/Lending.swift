/// Reading the elements of a long array in place. An element handed to a closure as a value is a
/// copy, even as a `borrowing` parameter (the compiler cannot prove the array's memory unchanged
/// during the call): for a contact or an interaction that retains and releases each of its strings,
/// which in a pass over 300,000 interactions costs more than the rule that reads one field of each.
/// These lend each element as a `Lent`, which reads the element's fields where it lies.

/// An element of an array, lent in place for the length of one call: `item.name` reads that field
/// of the element (and copies only it). Valid only inside the closure it is given to; do not keep it.
@dynamicMemberLookup @usableFromInline
package struct Lent<Element> {
    @usableFromInline let pointer: UnsafePointer<Element>

    @inlinable init(_ pointer: UnsafePointer<Element>) { self.pointer = pointer }

    /// A field of the element (a constant key path folds to a plain load of that field).
    @inlinable package subscript<T>(dynamicMember path: KeyPath<Element, T>) -> T { pointer.pointee[keyPath: path] }

    /// A copy of the whole element.
    @inlinable package var value: Element { pointer.pointee }
}

extension Array {
    /// Calls `body` with each index, in order, and the element there, lent in place.
    @inlinable
    package func forEachLent(_ body: (Int, Lent<Element>) throws -> Void) rethrows {
        try withUnsafeBufferPointer { list in
            guard let base = list.baseAddress else { return }
            for i in list.indices { try body(i, Lent(base + i)) }
        }
    }

    /// `transform` of the elements at `range`'s indices, in order, each lent in place.
    @inlinable
    package func mapLent<U>(_ range: Range<Int>, _ transform: (Lent<Element>) throws -> U) rethrows -> [U] {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range out of bounds")
        return try withUnsafeBufferPointer { list in
            guard let base = list.baseAddress else { return [] }
            return try range.map { try transform(Lent(base + $0)) }
        }
    }

    /// `transform` of every element, in order, each lent in place.
    @inlinable
    package func mapLent<U>(_ transform: (Lent<Element>) throws -> U) rethrows -> [U] {
        try mapLent(indices, transform)
    }

    /// `body` with the element at `i`, lent in place.
    @inlinable
    package func withLent<R>(_ i: Int, _ body: (Lent<Element>) throws -> R) rethrows -> R {
        precondition(i >= 0 && i < count, "index out of range")
        return try withUnsafeBufferPointer { list in try body(Lent(list.baseAddress! + i)) }
    }

    /// True when `inOrder(a, b)` holds for each element `a` and the one after it, `b` (both lent).
    @inlinable
    package func allNeighbours(_ inOrder: (Lent<Element>, Lent<Element>) throws -> Bool) rethrows -> Bool {
        try withUnsafeBufferPointer { list in
            guard let base = list.baseAddress else { return true }
            for i in list.indices.dropFirst() where try !inOrder(Lent(base + i - 1), Lent(base + i)) { return false }
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
