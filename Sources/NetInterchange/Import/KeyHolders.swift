import NetModel
import NetStore
import Plumbing

/// The contacts (by position) that hold each key of one kind — source keys, e-mail keys or name
/// keys — for the import's matching. A key is usually one contact's, but it can be several
/// contacts' (a shared office address, two people of one name): the matching must see that, not
/// the first holder only, or which contact a card meets would depend on the order of the file.
/// Holders are only ever added (a merge adds keys to a contact, never takes one away).
struct KeyHolders {
    /// A key's one holder (0 or more), or, below 0, `-1 - g` for the holders `shared[g]`.
    private var map: StringMap<Int>
    /// The holders of the keys held by two contacts or more, each list without repeats.
    private var shared: [[Int]] = []

    init(capacity: Int) {
        map = StringMap(capacity: capacity)
    }

    /// Records that contact `i` holds `key` (whose `IDTable.hash` is `h`).
    @inline(__always)
    mutating func add(_ key: String, _ i: Int, hash h: Int) {
        guard let p = map.insertOrFind(key, i, hash: h) else { return }
        let v = map[position: p]
        if v != i { share(p, v, i) }
    }

    mutating func add(_ key: String, _ i: Int) { add(key, i, hash: IDTable.hash(key)) }

    /// A second holder, or a further one, for the key whose value is at `p` and is `v`.
    /// Each list is kept in increasing order: a contact added (the last position) is appended.
    @inline(never)
    private mutating func share(_ p: Int, _ v: Int, _ i: Int) {
        if v >= 0 {
            map[position: p] = -1 - shared.count
            shared.append(v < i ? [v, i] : [i, v])
            return
        }
        let g = -1 - v
        if i > shared[g].last! {
            shared[g].append(i)
        } else {
            var (low, high) = (0, shared[g].count)
            while low < high {
                let mid = (low + high) / 2
                if shared[g][mid] < i { low = mid + 1 } else { high = mid }
            }
            if shared[g][low] != i { shared[g].insert(i, at: low) }
        }
    }

    /// The holder of `key` (whose `IDTable.hash` is `h`): nil for none, 0 or more for one contact,
    /// below 0 for several (`shared(_:)`).
    @inline(__always)
    func holder(_ key: String, hash h: Int) -> Int? { map[key, hash: h] }

    func holder(_ key: String) -> Int? { holder(key, hash: IDTable.hash(key)) }

    /// The holders of a key whose `holder` is below 0.
    func shared(_ v: Int) -> [Int] { shared[-1 - v] }
}

/// The distinct contacts a record's keys of one rule lead to: none, one, or (the first) two.
struct Candidates {
    var first = -1
    var second = -1

    @inline(__always)
    mutating func add(_ i: Int) {
        if first < 0 { first = i } else if second < 0, i != first { second = i }
    }
}
