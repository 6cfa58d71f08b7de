/// A list chosen from by typing a query — the palette, the member picker, the briefing's scope
/// chooser. Text typed or pasted into the query shows the matches from the top.
protocol QueriedList {
    var query: TextField { get set }
    var cursor: Int { get set }
    var top: Int { get set }
}

extension QueriedList {
    mutating func typeInQuery<S: Collection>(_ text: S) where S.Element == Character {
        query.insert(contentsOf: text)
        cursor = 0
        top = 0
    }
}

extension Palette: QueriedList {}
extension MemberPicker: QueriedList {}
extension ScopeChooser: QueriedList {}

extension AppState {
    /// Text typed or pasted into the query of the list that is up (palette, picker or chooser).
    mutating func typeInList<S: Collection>(_ text: S) where S.Element == Character {
        switch modal {
        case .palette(var p):
            p.typeInQuery(text)
            modal = .palette(p)
        case .picker(var p):
            p.typeInQuery(text)
            modal = .picker(p)
        case .chooser(var c):
            c.typeInQuery(text)
            modal = .chooser(c)
        default:
            break
        }
    }
}
