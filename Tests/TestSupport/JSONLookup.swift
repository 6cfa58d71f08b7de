import NetModel
import Plumbing

/// Looks up a key path in a JSON value: objects by key, arrays by decimal index.
public func lookup(_ value: JSON, _ path: String...) -> JSON? { lookup(value, path: path) }

/// Looks up a key path in a JSON value: objects by key, arrays by decimal index.
public func lookup(_ value: JSON, path: [String]) -> JSON? {
    var v = value
    for key in path {
        switch v {
        case .object(let o): guard let next = o[JSONKey(key)] else { return nil }; v = next
        case .array(let a): guard let i = Int(key), a.indices.contains(i) else { return nil }; v = a[i]
        default: return nil
        }
    }
    return v
}
