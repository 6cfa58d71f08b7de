import NetModel
import NetStore

/// Edits a run stopped by a signal rescued to `FILE.unsaved.json`, as the next start offers them
/// back. The rescue also wrote what they were made on (`FILE.unsaved.base.json`): when the file has
/// changed since (an import, a `git pull`), `y` restores them merged into the file as it is now —
/// the three-way merge of a save — so that nothing the file gained is dropped.
struct RescuedEdits: Equatable, Sendable {
    /// What `y` restores: the rescued network, or it merged into the file as it is now.
    var network: Network
    /// The merge into the file, when the file changed after the edits were rescued.
    var merge: Merge.Outcome?
    /// Why the edits cannot be merged into the file as it is now (`y` then restores nothing).
    var unmergeable: String?

    /// The edits rescued for the file at `path`, now holding `file` (stamped `onDisk`); nil when
    /// there are none. Both side files are read as side files (`Store.loadSideFile`): one that is a
    /// symbolic link (planted to make the program offer another file's content as the edits), or
    /// anything else that is not a regular file, or that cannot be read, is refused with why, and
    /// nothing of it is offered.
    static func load(for path: String, file: Network, onDisk: OnDisk) throws(StoreError) -> RescuedEdits? {
        guard let rescue = try Store.loadSideFile(Store.recoveryPath(for: path)) else { return nil }
        let rescued = rescue.network
        let base: Network
        if let known = try Store.loadSideFile(Store.recoveryBasePath(for: path))?.network {
            base = known
        } else {
            // Rescued by a version that kept no base: the edits are taken as they are when the file
            // is older than the rescue; a file written since counts as all new (nothing of it dropped).
            let rescueTime = rescue.stamp.map { ($0.modified, $0.modifiedNanos) }
            guard case .file(let stamp) = onDisk, let rescueTime, (stamp.modified, stamp.modifiedNanos) > rescueTime else {
                return RescuedEdits(network: rescued)
            }
            base = Network()
        }
        if base == file { return RescuedEdits(network: rescued) }
        let outcome = Merge.merge(base: base, ours: rescued, theirs: file)
        guard outcome.problems.isEmpty else {
            let n = outcome.problems.count
            return RescuedEdits(network: rescued, merge: outcome,
                                unmergeable: "merging them into the file as it is now would give \(n) problem\(n == 1 ? "" : "s") (\(outcome.problems[0]))")
        }
        return RescuedEdits(network: outcome.network, merge: outcome)
    }
}
