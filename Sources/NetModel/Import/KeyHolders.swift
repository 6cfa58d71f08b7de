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
    mutating func add(_ key: String, _ i: Int, hash h: Int) {
        var found: Int?
        let newGroup = shared.count
        map.insert(key, i, hash: h, orUpdate: { v in
            found = v
            if v >= 0, v != i { v = -1 - newGroup }
        })
        guard let v = found, v != i else { return }
        if v >= 0 {
            shared.append([v, i])
        } else if !shared[-1 - v].contains(i) {
            shared[-1 - v].append(i)
        }
    }

    mutating func add(_ key: String, _ i: Int) { add(key, i, hash: IDTable.hash(key)) }

    /// Calls `body` with each holder of `key` (whose `IDTable.hash` is `h`).
    @inline(__always)
    func forEachHolder(_ key: String, hash h: Int, _ body: (Int) -> Void) {
        guard let v = map[key, hash: h] else { return }
        if v >= 0 {
            body(v)
        } else {
            for i in shared[-1 - v] { body(i) }
        }
    }

    func forEachHolder(_ key: String, _ body: (Int) -> Void) { forEachHolder(key, hash: IDTable.hash(key), body) }
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
