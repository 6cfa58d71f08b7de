import NetModel
import Plumbing

/// One field of an entity as the data file holds it: its key, and what each codec does with its
/// value. An entity's fields are one table (`ContactFields.all`), the only list of them: the key
/// table the fast codec finds and writes keys by, the fast decoder and encoder, and the validating
/// reader and the tree writer all go through it, so a field cannot be in one codec and not another
/// (`SchemaTests` checks the table against the entity's stored properties).
///
/// The closures are written out per field and capture nothing: a call is a plain indirect call.
struct Field<Entity>: Sendable {
    /// The key in the file.
    let key: String
    /// Writes the value (fast encoder), as the tree writer would write `tree`'s value.
    let encode: @Sendable (inout FastEncoder, Entity) -> Void
    /// Reads the value (fast decoder) into the entity; anything the validating path would report
    /// gives up (`FastBail`).
    let decode: @Sendable (inout FastDecoder, inout Entity) throws(FastBail) -> Void
    /// The value as a JSON tree (the tree writer, `NetworkCodec.json`).
    let tree: @Sendable (Entity) -> JSON
    /// Reads the value from its object (the validating path), reporting what is wrong with it. Nil
    /// for the fields every entity reads first, before the rest (`NetworkCodec.identity`).
    let read: (@Sendable (inout FieldReader, inout Entity) -> Void)?
    /// When the key is left out (a field written only when not empty); nil: always written.
    let omitted: (@Sendable (Entity) -> Bool)?

    init(_ key: String,
         encode: @escaping @Sendable (inout FastEncoder, Entity) -> Void,
         decode: @escaping @Sendable (inout FastDecoder, inout Entity) throws(FastBail) -> Void,
         tree: @escaping @Sendable (Entity) -> JSON,
         read: (@Sendable (inout FieldReader, inout Entity) -> Void)?,
         omitted: (@Sendable (Entity) -> Bool)? = nil) {
        (self.key, self.encode, self.decode, self.tree, self.read, self.omitted) = (key, encode, decode, tree, read, omitted)
    }
}

/// An entity's table of fields with what the codecs derive from it.
struct Schema<Entity>: Sendable {
    /// The fields, sorted by their keys' UTF-8 bytes (the order the file has them in).
    let fields: [Field<Entity>]
    /// Their keys, for the fast codec (key `k` is `fields[k]`).
    let keys: KeyTable
    /// The fields that may be left out, by index.
    let omissible: [Int]

    init(_ fields: [Field<Entity>]) {
        let sorted = fields.sorted { ByteStrings.precedes($0.key, $1.key) }
        self.fields = sorted
        keys = KeyTable(sorted.map(\.key))
        omissible = sorted.indices.filter { sorted[$0].omitted != nil }
        precondition(sorted.count <= 64, "the fast decoder marks the keys seen in one 64-bit word")
    }

    /// The index of the field with key `key` (a key of the table).
    func index(_ key: String) -> Int {
        let k = keys.index(of: key)
        precondition(k >= 0, "\(key) is not a field")
        return k
    }

    /// The bits (by index) of the fields `entity` leaves out.
    @inline(__always)
    func omitted(_ entity: Entity) -> UInt64 {
        var bits: UInt64 = 0
        for k in omissible where fields[k].omitted!(entity) { bits |= 1 << UInt64(k) }
        return bits
    }

    /// The entity's known fields as JSON members over its unknown keys (`extra`).
    func json(_ entity: Entity, extra: [JSONKey: JSON]) -> JSON {
        var o = extra
        for f in fields where !(f.omitted?(entity) ?? false) { o[JSONKey(f.key)] = f.tree(entity) }
        return .object(o)
    }

    /// Reads the fields that are not read first (`Field.read`), in the table's order.
    func read(_ r: inout FieldReader, into entity: inout Entity) {
        for f in fields { f.read?(&r, &entity) }
    }
}
