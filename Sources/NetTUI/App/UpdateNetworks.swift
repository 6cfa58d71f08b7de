import NetModel

/// The networks and exits panes' part of the update (placeholder until those panes land).
extension AppState {
    mutating func submitOther(_ form: Form, now: Timestamp) -> FormError? {
        modal = .none
        return nil
    }
}
