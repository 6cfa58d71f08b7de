import Plumbing

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
    public init(_ view: NetworkView, today: Day, overdueOnly: Bool = false) {
        let scheme = view.scheme
        let last = view.lastContactDays()
        // By quadrant, in report order; the cadences looked up once, not per contact.
        let cadences = Self.order.map { scheme.policy($0).cadenceDays }
        var entries = [[Entry]](repeating: [], count: Self.order.count)
        // The order's figures kept as the entries are made (reading them back would copy each entry).
        var keys = [[SortKey]](repeating: [], count: Self.order.count)
        var days = [[Int]](repeating: [], count: Self.order.count), ids = [[String]](repeating: [], count: Self.order.count)
        view.forEachContact { p, c in
            let q = Self.order.firstIndex(of: scheme.quadrant(now: c.importanceNow, future: c.importanceFuture))!
            let overdue = Scheme.overdueDays(since: last[p] ?? c.created.day, today: today, cadence: cadences[q])
            entries[q].append(Entry(id: c.id, name: c.name, organization: c.organization, overdueDays: overdue ?? 0,
                                    drift: scheme.drift(c.criteria, now: c.importanceNow, future: c.importanceFuture)))
            keys[q].append(SortKey(view.foldedName(p)))
            days[q].append(overdue ?? 0)
            ids[q].append(c.id)
        }
        sections = Self.order.indices.map { q in
            let rows = entries[q]
            let all = SortKey.ranked(days[q], keys: keys[q], ids: ids[q]).map { rows[$0] }
            let overdue = all.filter { $0.overdueDays > 0 }
            let policy = scheme.policy(Self.order[q])
            return Section(quadrant: Self.order[q], name: policy.name, cadenceDays: policy.cadenceDays,
                           entries: overdueOnly ? overdue : all, overdueCount: overdue.count)
        }
    }

    /// `init(_:today:overdueOnly:)` of the network's view.
    public init(network: Network, today: Day, overdueOnly: Bool = false) {
        self.init(NetworkView(network), today: today, overdueOnly: overdueOnly)
    }

    /// The section of one quadrant.
    public func section(_ q: Quadrant) -> Section { sections.first { $0.quadrant == q }! }

    private func name(of q: Quadrant) -> String { section(q).name }

    // MARK: - Text

    /// Four sections, each a heading with counts and cadence and one line per contact.
    public func text() -> String {
        var out = ReportBuffer(capacity: sections.reduce(0) { $0 + 64 * ($1.entries.count + 2) })
        let suggest = Dictionary(sections.map { ($0.quadrant, "  [criteria suggest \(Self.clean($0.name))]") }, uniquingKeysWith: { a, _ in a })
        for (i, s) in sections.enumerated() {
            if i > 0 { out.line() }
            let count = s.entries.count
            out.line("\(Self.clean(s.name)) — \(count) contact\(count == 1 ? "" : "s"), \(s.overdueCount) overdue (contact every \(s.cadenceDays) day\(s.cadenceDays == 1 ? "" : "s"))")
            if s.entries.isEmpty { out.line("  (none)") }
            for e in s.entries {
                out.put("  ")
                out.put(Self.clean(e.name))
                let org = Self.clean(e.organization)
                if !org.isEmpty {
                    out.put(" · ")
                    out.put(org)
                }
                if e.overdueDays > 0 { out.put("  (overdue \(e.overdueDays) d)") }
                if let d = e.drift { out.put(suggest[d] ?? "  [criteria suggest \(Self.clean(name(of: d)))]") }
                out.line()
            }
        }
        return out.text
    }

    // MARK: - Markdown

    /// One `##` section per quadrant with a table of its contacts.
    public func markdown() -> String {
        var out = ReportBuffer(capacity: sections.reduce(0) { $0 + 64 * ($1.entries.count + 6) })
        let suggest = Dictionary(sections.map { ($0.quadrant, " *(criteria suggest \(Self.cell($0.name)))*") }, uniquingKeysWith: { a, _ in a })
        for (i, s) in sections.enumerated() {
            if i > 0 { out.line() }
            out.line("## \(Self.cell(s.name)) (\(s.entries.count), \(s.overdueCount) overdue)")
            out.line()
            if s.entries.isEmpty {
                out.line("No contacts.")
                continue
            }
            out.line("| name | organisation | overdue days |")
            out.line("|---|---|---:|")
            for e in s.entries {
                out.put("| ")
                out.put(Self.cell(e.name))
                if let d = e.drift { out.put(suggest[d] ?? " *(criteria suggest \(Self.cell(self.name(of: d))))*") }
                out.line(" | \(Self.cell(e.organization)) | \(e.overdueDays) |")
            }
        }
        return out.text
    }

    // MARK: - JSON

    /// `{"key": [{id, name, organization, overdueDays}, …], "rising": …, "maintain": …, "lightTouch": …}`,
    /// two-space indented with sorted keys.
    public func json() -> String {
        var o: [JSONKey: JSON] = [:]
        for s in sections {
            o[JSONKey(s.quadrant.rawValue)] = .array(s.entries.map { e in
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
