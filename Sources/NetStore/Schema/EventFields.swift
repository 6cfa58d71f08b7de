import NetModel
import Plumbing

/// An event's fields in the file: the one table of them (see `Field`).
enum EventFields {
    static let schema = Schema<Event>([
        Field("attendees", encode: { w, e in w.strings(e.attendees, indent: 3) },
              decode: { (d, e) throws(FastBail) in e.attendees = try d.strings() },
              tree: { .strings($0.attendees) }, read: { r, e in e.attendees = r.strings("attendees") }),
        // Required: an event without a day is not read (`NetworkCodec.event`).
        Field("date", encode: { w, e in w.day(e.date) },
              decode: { (d, e) throws(FastBail) in
                  guard let date = try d.optionalDay() else { throw FastBail() }
                  e.date = date
              },
              tree: { .day($0.date) }, read: nil),
        Field("id", encode: { w, e in w.string(e.id) },
              decode: { (d, e) throws(FastBail) in e.id = try d.requiredString() },
              tree: { .string($0.id) }, read: nil),
        Field("location", encode: { w, e in w.string(e.location) },
              decode: { (d, e) throws(FastBail) in e.location = try d.optionalString() ?? "" },
              tree: { .string($0.location) }, read: { r, e in e.location = r.string("location") }),
        Field("name", encode: { w, e in w.string(e.name) },
              decode: { (d, e) throws(FastBail) in e.name = try d.requiredString() },
              tree: { .string($0.name) }, read: nil),
        Field("network", encode: { w, e in if let network = e.network { w.string(network) } else { w.null() } },
              decode: { (d, e) throws(FastBail) in e.network = try d.optionalString() },
              tree: { $0.network.map(JSON.string) ?? .null }, read: { r, e in e.network = r.optionalString("network") }),
        Field("notes", encode: { w, e in w.string(e.notes) },
              decode: { (d, e) throws(FastBail) in e.notes = try d.optionalString() ?? "" },
              tree: { .string($0.notes) }, read: { r, e in e.notes = r.string("notes") }),
    ])

    /// The keys an event must have.
    static let required: UInt64 = ["id", "name", "date"].reduce(0) { $0 | 1 << UInt64(schema.index($1)) }
}
