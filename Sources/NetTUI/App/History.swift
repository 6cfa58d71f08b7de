import NetModel

/// Undo and redo as lists of reversible changes, with a marker for the step that was last saved,
/// so "unsaved changes" is exact: undoing back to the saved state clears the mark.
struct History: Sendable {
    static let limit = 500

    private(set) var done: [[Change]] = []
    private(set) var undone: [[Change]] = []
    /// `done.count` when the document was last saved; nil when that state can no longer be reached.
    private var savedDepth: Int? = 0

    var isDirty: Bool { savedDepth != done.count }

    mutating func record(_ step: [Change]) {
        guard !step.isEmpty else { return }
        if let s = savedDepth, s > done.count { savedDepth = nil }  // the saved state was undone and is now overwritten
        done.append(step)
        undone.removeAll()
        if done.count > History.limit {
            done.removeFirst()
            savedDepth = savedDepth.flatMap { $0 > 0 ? $0 - 1 : nil }
        }
    }

    /// The changes to apply to undo the last step (already inverted, in order).
    mutating func undo() -> [Change]? {
        guard let step = done.popLast() else { return nil }
        undone.append(step)
        return step.reversed().map(\.inverted)
    }

    mutating func redo() -> [Change]? {
        guard let step = undone.popLast() else { return nil }
        done.append(step)
        return step
    }

    mutating func markSaved() { savedDepth = done.count }

    /// Whether recording a step now makes the saved state unreachable (it was undone, or is the
    /// oldest step the limit drops): the caller keeps what `savedVersion` gives before recording.
    var recordingLosesSavedVersion: Bool {
        guard let s = savedDepth else { return false }
        return s > done.count || (s == 0 && done.count + 1 > History.limit)
    }

    /// The document as last saved, made from `current` by undoing (or redoing) the steps between;
    /// nil when no step list leads there (restored edits, or a saved state since overwritten).
    func savedVersion(of current: Network) -> Network? {
        guard let s = savedDepth else { return nil }
        var n = current
        if s <= done.count {
            for step in done[s...].reversed() { n.apply(step.reversed().map(\.inverted)) }
        } else {
            // The saved state was undone: redo up to it (the top of `undone` is the next step).
            for step in undone.reversed().prefix(s - done.count) { n.apply(step) }
        }
        return n
    }

    /// The document differs from the file in a way no undo step describes (restored edits).
    mutating func markUnsaved() { savedDepth = nil }
}
