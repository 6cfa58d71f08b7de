import Glibc
import NetModel

/// Runs the effects the update asks for — saving through `Store`, quitting, suspending — and
/// feeds their outcome back. The curses loop and the headless tests drive the program through it.
struct Driver {
    var state: AppState
    var suspend: () -> Void = {}

    /// Handles one event; returns false when the program should end.
    mutating func send(_ event: Input) -> Bool {
        for effect in state.handle(event) {
            switch effect {
            case .save:
                guard let path = state.path else { continue }
                do {
                    try Store.save(state.network, to: path)
                    state.saveFinished(nil)
                    // Once saved, edits rescued by an earlier run are part of the file (or were declined).
                    unlink(Store.recoveryPath(for: path))
                } catch {
                    state.saveFinished(error)
                    return true  // never quit after a failed save
                }
            case .discardRecovery:
                if let path = state.path {
                    let recovery = Store.recoveryPath(for: path)
                    rename(recovery, recovery + ".discarded")
                }
            case .quit:
                return false
            case .suspend:
                suspend()
            }
        }
        return true
    }
}
