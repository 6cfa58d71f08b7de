import NetModel

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
    /// there are none.
    static func load(for path: String, file: Network, onDisk: OnDisk) -> RescuedEdits? {
        let rescuePath = Store.recoveryPath(for: path)
        guard let rescued = try? Store.load(rescuePath)?.network else { return nil }
        let base: Network
        if let known = try? Store.load(Store.recoveryBasePath(for: path))?.network {
            base = known
        } else {
            // Rescued by a version that kept no base: the edits are taken as they are when the file
            // is older than the rescue; a file written since counts as all new (nothing of it dropped).
            let rescueTime = FileStamp.of(rescuePath).map { ($0.modified, $0.modifiedNanos) }
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
