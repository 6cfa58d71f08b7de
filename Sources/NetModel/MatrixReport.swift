/// The segmentation matrix as a report: the four quadrants in a fixed order (Key, Rising, Maintain,
/// Light touch), each with its contacts, most overdue first. `nettui matrix` prints it as text,
/// Markdown or JSON.
public struct MatrixReport: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var id: String
        public var name: String
        public var organization: String
        /// Days past the quadrant's cadence; 0 when not overdue.
        public var overdueDays: Int
        /// The quadrant the criteria suggest when it differs from the assigned one.
        public var drift: Quadrant?

        public init(id: String, name: String, organization: String, overdueDays: Int, drift: Quadrant?) {
            (self.id, self.name, self.organization, self.overdueDays, self.drift) = (id, name, organization, overdueDays, drift)
        }
    }

    public struct Section: Equatable, Sendable {
        public var quadrant: Quadrant
        public var name: String
        public var cadenceDays: Int
        public var entries: [Entry]
        /// Overdue contacts in the quadrant (all of them, whether or not the report keeps only overdue ones).
        public var overdueCount: Int

        public init(quadrant: Quadrant, name: String, cadenceDays: Int, entries: [Entry], overdueCount: Int) {
            (self.quadrant, self.name, self.cadenceDays, self.entries, self.overdueCount) = (quadrant, name, cadenceDays, entries, overdueCount)
        }
    }

    /// The order the report lists the quadrants in.
    public static let order: [Quadrant] = [.key, .rising, .maintain, .lightTouch]

    public var sections: [Section]

    /// - Parameter overdueOnly: keep only the contacts that are overdue.
    public init(network: Network, today: Day, overdueOnly: Bool = false) {
        let scheme = network.scheme
        let last = network.lastContactDays()
        var byQuadrant: [Quadrant: [(entry: Entry, key: String)]] = [:]
        for c in network.contacts {
            let entry = Entry(id: c.id, name: c.name, organization: c.organization,
                              overdueDays: scheme.overdueDays(c, lastContact: last[c.id], today: today) ?? 0,
                              drift: scheme.drift(c))
            byQuadrant[scheme.quadrant(of: c), default: []].append((entry, SearchText.fold(c.name)))
        }
        sections = Self.order.map { q in
            let all = (byQuadrant[q] ?? []).sorted { a, b in
                if a.entry.overdueDays != b.entry.overdueDays { return a.entry.overdueDays > b.entry.overdueDays }
                if a.key != b.key { return a.key < b.key }
                return a.entry.id < b.entry.id
            }.map(\.entry)
            let overdue = all.filter { $0.overdueDays > 0 }
            let policy = scheme.policy(q)
            return Section(quadrant: q, name: policy.name, cadenceDays: policy.cadenceDays,
                           entries: overdueOnly ? overdue : all, overdueCount: overdue.count)
        }
    }

    /// The section of one quadrant.
    public func section(_ q: Quadrant) -> Section { sections.first { $0.quadrant == q }! }

    private func name(of q: Quadrant) -> String { section(q).name }

    // MARK: - Text

    /// Four sections, each a heading with counts and cadence and one line per contact.
    public func text() -> String {
        var lines: [String] = []
        for (i, s) in sections.enumerated() {
            if i > 0 { lines.append("") }
            let count = s.entries.count
            lines.append("\(Self.clean(s.name)) — \(count) contact\(count == 1 ? "" : "s"), \(s.overdueCount) overdue (contact every \(s.cadenceDays) day\(s.cadenceDays == 1 ? "" : "s"))")
            if s.entries.isEmpty { lines.append("  (none)") }
            for e in s.entries {
                var line = "  " + Self.clean(e.name)
                let org = Self.clean(e.organization)
                if !org.isEmpty { line += " · " + org }
                if e.overdueDays > 0 { line += "  (overdue \(e.overdueDays) d)" }
                if let d = e.drift { line += "  [criteria suggest \(Self.clean(name(of: d)))]" }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Markdown

    /// One `##` section per quadrant with a table of its contacts.
    public func markdown() -> String {
        var lines: [String] = []
        for (i, s) in sections.enumerated() {
            if i > 0 { lines.append("") }
            lines.append("## \(Self.cell(s.name)) (\(s.entries.count), \(s.overdueCount) overdue)")
            lines.append("")
            if s.entries.isEmpty {
                lines.append("No contacts.")
                continue
            }
            lines.append("| name | organisation | overdue days |")
            lines.append("|---|---|---:|")
            for e in s.entries {
                var name = Self.cell(e.name)
                if let d = e.drift { name += " *(criteria suggest \(Self.cell(self.name(of: d))))*" }
                lines.append("| \(name) | \(Self.cell(e.organization)) | \(e.overdueDays) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - JSON

    /// `{"key": [{id, name, organization, overdueDays}, …], "rising": …, "maintain": …, "lightTouch": …}`,
    /// two-space indented with sorted keys.
    public func json() -> String {
        var o: [String: JSON] = [:]
        for s in sections {
            o[s.quadrant.rawValue] = .array(s.entries.map { e in
                .object([
                    "id": .string(e.id), "name": .string(e.name), "organization": .string(e.organization),
                    "overdueDays": .number(Double(e.overdueDays)),
                ])
            })
        }
        return String(decoding: JSONWriter.write(.object(o)), as: UTF8.self)
    }

    // MARK: - Cleaning

    static func clean(_ text: String) -> String { ReportText.clean(text) }
    static func cell(_ text: String) -> String { ReportText.cell(text) }
}
