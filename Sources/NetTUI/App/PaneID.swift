/// The panes of the switcher, numbered as the digit keys select them. A pane appears here only
/// once it exists.
enum PaneID: Int, CaseIterable, Sendable {
    case contacts = 1
    case matrix = 2
    case exits = 3
    case briefing = 4
    case networks = 5

    var title: String {
        switch self {
        case .contacts: return "Contacts"
        case .matrix: return "Matrix"
        case .exits: return "Exits"
        case .briefing: return "Briefing"
        case .networks: return "Networks"
        }
    }
}
