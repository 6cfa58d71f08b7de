import Foundation
import NetModel
import Plumbing
import NetStore
import NetInterchange

/// How dates read in the lists: "3d", "5w", "8mo" (relative) or 2026-11-20 (iso).
enum DateStyle: String, Sendable {
    case relative, iso
}

/// A colour of the theme: the terminal's default, one of the eight named colours, or an index of
/// a 256-colour terminal (used only where the terminal has that many; else the default).
enum ThemeColor: Equatable, Sendable {
    case terminalDefault
    case index(Int16)

    static let names: [String: Int16] = ["black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7]

    init?(_ json: JSON) {
        switch json {
        case .string(let s) where s.lowercased() == "default": self = .terminalDefault
        case .string(let s): guard let n = Self.names[s.lowercased()] else { return nil }; self = .index(n)
        case .number(let t): guard let n = Int16(t), (0...255).contains(n) else { return nil }; self = .index(n)
        default: return nil
        }
    }
}

/// The colours of the roles the screen uses; every role not named keeps the default theme's.
struct Theme: Equatable, Sendable {
    var colors: [Color: ThemeColor]

    static let standard = Theme(colors: [.accent: .index(6), .good: .index(2), .warn: .index(3), .bad: .index(1), .muted: .terminalDefault])
    /// For light backgrounds: darker blue and magenta instead of cyan and yellow.
    static let light = Theme(colors: [.accent: .index(4), .good: .index(2), .warn: .index(5), .bad: .index(1), .muted: .terminalDefault])

    static let roles: [String: Color] = ["accent": .accent, "good": .good, "warn": .warn, "bad": .bad, "muted": .muted]
}

/// The settings file, `$XDG_CONFIG_HOME/nettui/config.json` (else `~/.config/nettui/config.json`):
/// every key optional — `dataFile`, `theme` (`"default"`, `"light"`, the name of a file in
/// `themes/`, or an object of role → colour), `mouse`, `dateFormat` (`relative` or `iso`),
/// `firstPane` (contacts, matrix, exits, briefing, networks). See docs/SETTINGS.md.
struct Settings: Equatable, Sendable {
    var dataFile: String?
    var theme = Theme.standard
    var mouse = true
    var dateStyle = DateStyle.relative
    var firstPane = PaneID.contacts

    static func folder(_ env: [String: String]) -> String {
        let base = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (env["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/nettui"
    }

    /// Reads the settings; a missing file is the defaults, and each problem is reported in words and
    /// its key left at the default.
    static func load(_ env: [String: String]) -> (settings: Settings, problems: [String]) {
        let path = folder(env) + "/config.json"
        guard let bytes = try? Store.readBytes(path) else { return (Settings(), []) }
        return parse(bytes, path: path, themes: folder(env) + "/themes", home: env["HOME"])
    }

    /// `home`: what `~/` in `dataFile` stands for (the environment's `HOME`, as `load` was given it).
    static func parse(_ bytes: [UInt8], path: String, themes: String, home: String? = nil) -> (settings: Settings, problems: [String]) {
        var s = Settings()
        var problems: [String] = []
        let json: JSON
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            return (s, ["\(path): \(error); using the defaults"])
        }
        guard case .object(let o) = json else { return (s, ["\(path): expected an object; using the defaults"]) }
        func problem(_ key: String, _ what: String) { problems.append("\(path): \(key): \(what)") }
        for (jsonKey, value) in o {
            let key = jsonKey.text
            switch (key, value) {
            case ("dataFile", .string(let f)): s.dataFile = f.hasPrefix("~/") ? (home ?? "") + f.dropFirst() : f
            case ("mouse", .bool(let b)): s.mouse = b
            case ("dateFormat", .string(let f)):
                if let d = DateStyle(rawValue: f) { s.dateStyle = d } else { problem(key, "\"\(f)\" is not relative or iso") }
            case ("firstPane", .string(let p)):
                if let pane = PaneID.allCases.first(where: { $0.title.lowercased() == p.lowercased() }) { s.firstPane = pane } else {
                    problem(key, "\"\(p)\" is not one of " + PaneID.allCases.map { $0.title.lowercased() }.joined(separator: ", "))
                }
            case ("theme", let t):
                switch theme(t, folder: themes) {
                case .success(let theme): s.theme = theme
                case .failure(let e): problem(key, e.message)
                }
            default: problem(key, "unknown key or wrong type; ignored")
            }
        }
        return (s, problems.sorted())
    }

    /// A theme from its name (built in or a file in the themes folder) or an object.
    static func theme(_ json: JSON, folder: String) -> Result<Theme, ThemeProblem> {
        switch json {
        case .string("default"): return .success(.standard)
        case .string("light"): return .success(.light)
        case .string(let name):
            guard !name.contains("/"), let bytes = try? Store.readBytes(folder + "/" + name + ".json"),
                  let object = try? JSONParser.parse(bytes) else {
                return .failure(ThemeProblem(message: "no theme \"\(name)\" (built in: default, light; or \(folder)/\(name).json)"))
            }
            return theme(object, folder: folder)
        case .object(let o):
            var theme = Theme.standard
            for (role, value) in o.map({ ($0.key.text, $0.value) }) {
                guard let r = Theme.roles[role] else { return .failure(ThemeProblem(message: "\"\(role)\" is not one of accent, good, warn, bad, muted")) }
                guard let c = ThemeColor(value) else { return .failure(ThemeProblem(message: "\(role): a colour is a name (red, cyan, default…) or 0–255")) }
                theme.colors[r] = c
            }
            return .success(theme)
        default:
            return .failure(ThemeProblem(message: "a theme is a name or an object of colours"))
        }
    }
}

struct ThemeProblem: Error, Equatable {
    var message: String
}
