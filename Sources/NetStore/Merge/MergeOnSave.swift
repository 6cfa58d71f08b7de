import NetModel
import Plumbing

/// A save that never overwrites a change another program made to the file since it was read: the
/// three-way merge of `nettui merge`, with the file as read (or last saved) as the base, the file
/// now as theirs and the edits as ours.
extension Store {
    /// What a save did.
    public struct Saved: Sendable {
        /// What is in the file now: the edits, or the edits merged with the outside change.
        public var network: Network
        public var stamp: FileStamp
        /// The merge with a change made outside, when there was one; its conflicts are recorded in
        /// `network.conflicts` as `nettui merge` records them.
        public var merge: Merge.Outcome?
        /// The file had been removed (or moved away) since it was read, and was written anew.
        public var recreated = false
        /// Why the previous version could not be kept as `PATH.bak`, when it could not.
        public var warning: String?

        public init(network: Network, stamp: FileStamp, merge: Merge.Outcome? = nil, recreated: Bool = false, warning: String? = nil) {
            (self.network, self.stamp, self.merge, self.recreated, self.warning) = (network, stamp, merge, recreated, warning)
        }
    }

    /// Saves `ours` to `path`, first merging it with what another program wrote there since the
    /// file was `base` (read or saved as `onDisk`; `base` is made only when the file changed). When
    /// the file is as it was, this costs two `stat`s more than `save` (one before, one just before
    /// the rename); when only its times changed (touched, or written back alike), one read. A
    /// change made while the new bytes are written is merged in turn (the save is done again). A
    /// file changed outside that cannot be read now (broken, or of a newer format), or whose merge
    /// would not be a valid file, is left as it is and the save refused with why.
    public static func save(_ ours: Network, base: @autoclosure () -> Network, onDisk: OnDisk, to path: String, lock: FileLock? = nil) throws(StoreError) -> Saved {
        var known: Network?
        func baseOnce() -> Network {
            if let known { return known }
            known = base()
            return known!
        }
        for _ in 0..<5 {
            let seen = FileStamp.of(path)
            var (network, merge) = (ours, Merge.Outcome?.none)
            if let (theirs, base) = try outsideVersion(of: path, seen: seen, onDisk: onDisk, base: baseOnce) {
                let outcome = Merge.merge(base: base, ours: ours, theirs: theirs)
                guard outcome.problems.isEmpty else {
                    let n = outcome.problems.count
                    throw StoreError("\(path) was changed by another program, and merging your edits into it would give \(n) problem\(n == 1 ? "" : "s") (\(outcome.problems[0])); the file is left as it is — S saves your edits to another file, and `nettui merge` merges by hand",
                                     problems: outcome.problems)
                }
                (network, merge) = (outcome.network, outcome)
            }
            // Replaced only if no one wrote the file while the new bytes were made.
            let stillSo = { FileStamp.of(path).map { seen?.sameVersion(as: $0) == true } ?? (seen == nil) }
            let written = network
            if let done = try write(to: path, lock: lock, maxBytes: maxFileBytes, encoding(written, for: path, maxBytes: maxFileBytes), if: onDisk == .unknown ? nil : stillSo) {
                let gone = seen == nil && onDisk != .unknown && onDisk != .absent
                return Saved(network: network, stamp: done.stamp, merge: merge, recreated: gone, warning: done.warning)
            }
        }
        throw StoreError("\(path) keeps being changed by another program; not saved — your edits are still here")
    }

    /// The file's content when another program changed it since it was `base` as `onDisk`, and the
    /// base; nil when it did not, or is gone (nothing of it to keep).
    /// `seen`: the file's stamp now.
    public static func outsideVersion(of path: String, seen: FileStamp?, onDisk: OnDisk, base: () -> Network) throws(StoreError) -> (theirs: Network, base: Network)? {
        switch onDisk {
        case .unknown: return nil
        case .file(let stamp):
            guard let now = seen, !now.sameVersion(as: stamp) else { return nil }
        case .absent:
            guard seen != nil else { return nil }
        }
        let read: (decoded: NetworkCodec.Decoded, stamp: FileStamp)?
        do {
            read = try decodeStamped(path)
        } catch {
            throw StoreError("\(path) was changed by another program and cannot be read now (\(error.message)); your edits are not saved there — S saves them to another file",
                             problems: error.problems)
        }
        guard let read else { return nil }
        // Written back byte for byte (touched, checked out again): no change to merge.
        if case .file(let stamp) = onDisk, let before = stamp.hash, before == read.stamp.hash { return nil }
        let fatal = read.decoded.problems
        guard let theirs = read.decoded.network, fatal.isEmpty else {
            let why = fatal.first.map { $0.kind == .futureSchema ? $0.message : "\(fatal.count) problem\(fatal.count == 1 ? "" : "s"), the first: \($0)" } ?? "it cannot be read"
            throw StoreError("\(path) was changed by another program and cannot be read now (\(why)); your edits are not saved there — S saves them to another file",
                             problems: fatal)
        }
        let base = base()
        return theirs == base ? nil : (theirs, base)
    }
}
