// StressSave: a helper process for the reliability tests (docs/RELIABILITY.md). It is not part of
// the shipped program; the tests start it, kill it and look at what it left on disk.
//
//   StressSave versions DIR [N]     write the encodings of versions A and B (N contacts each) to DIR/a.json, DIR/b.json
//   StressSave save PATH --from DIR [--count K]
//                                   save DIR/a.json, DIR/b.json, a, b, … to PATH through Store.write until
//                                   killed (or K saves); prints "ready", then "saved I" after each save
//   StressSave hold-lock PATH       take the FileLock on PATH, print "locked PID", then sleep until killed
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NetModel
import NetStore

func say(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { buf in _ = write(1, buf.baseAddress, buf.count) }
}

func fail(_ message: String) -> Never {
    var text = "StressSave: " + message + "\n"
    text.withUTF8 { buf in _ = write(2, buf.baseAddress, buf.count) }
    exit(2)
}

func id(_ prefix: String, _ n: Int, _ width: Int) -> String {
    let digits = String(n)
    return prefix + "-" + String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// A deterministic network of `count` contacts; versions "A" and "B" differ in every contact and in size.
func network(_ version: String, contacts count: Int) -> Network {
    var n = Network()
    n.me.name = "Stress \(version)"
    n.me.pitch = "Version \(version) of the stress network"
    let base = Timestamp(seconds: 1_700_000_000)
    let day = Day(year: 2026, month: 1, day: 1)!
    let extraNote = version == "A" ? "" : " — changed in version B, with a longer note: Ääkkönen, Øre, 東京"
    for i in 0..<count {
        var c = Contact(id: id("c", i, 6), name: "Contact \(i) \(version)", created: base)
        c.organization = "Org \(i % 97)"
        c.role = i % 3 == 0 ? "CEO" : "Engineer"
        c.emails = ["contact\(i)@example.com"]
        c.phones = ["+358 40 \(1_000_000 + i)"]
        c.tags = ["t\(i % 11)", version]
        c.notes = "Met at event \(i % 23); version \(version)." + extraNote
        c.importanceNow = Rating.allCases[i % 4]
        c.importanceFuture = Rating.allCases[(i * 3 + 1) % 4]
        c.updated = Timestamp(seconds: 1_700_000_000 + Int64(i))
        n.contacts.append(c)
    }
    for g in 0..<(count / 100) {
        var group = NetworkGroup(id: id("n", g, 4), name: "Network \(g) \(version)", created: base)
        group.members = (0..<10).map { id("c", (g * 100 + $0 * 7) % count, 6) }
        n.networks.append(group)
    }
    for k in 0..<(count / 2) {
        var x = Interaction(id: id("i", k, 6), contact: id("c", k * 2, 6), date: Day(ordinal: day.ordinal + k % 300), kind: .meeting)
        x.note = "Interaction \(k) \(version)"
        n.interactions.append(x)
    }
    return n
}

var args = Array(CommandLine.arguments.dropFirst())
guard let mode = args.first else { fail("usage: StressSave versions DIR [N] | save PATH --from DIR [--count K] | hold-lock PATH") }
args.removeFirst()
var count: Int?
var from: String?
if let i = args.firstIndex(of: "--from") {
    guard i + 1 < args.count else { fail("--from needs a folder") }
    from = args[i + 1]
    args.removeSubrange(i...(i + 1))
}
if let i = args.firstIndex(of: "--count") {
    guard i + 1 < args.count, let k = Int(args[i + 1]) else { fail("--count needs a number") }
    count = k
    args.removeSubrange(i...(i + 1))
}
guard let path = args.first else { fail("\(mode) needs a path") }
let contacts = args.count > 1 ? Int(args[1]) ?? 5000 : 5000

switch mode {
case "versions":
    do {
        try Store.write(NetworkCodec.encode(network("A", contacts: contacts)), to: path + "/a.json")
        try Store.write(NetworkCodec.encode(network("B", contacts: contacts)), to: path + "/b.json")
    } catch {
        fail(error.message)
    }
case "save":
    // The encodings come from `versions` (encoding 5,000 contacts takes about a second in a debug
    // build, which would leave few kills inside the file operations). Store.save is
    // Store.write(NetworkCodec.encode(network)), so this exercises the same write path.
    guard let from = from else { fail("save needs --from DIR (made by `StressSave versions DIR`)") }
    let versions: [[UInt8]]
    do {
        guard let a = try Store.readBytes(from + "/a.json"), let b = try Store.readBytes(from + "/b.json") else { fail("no a.json/b.json in \(from)") }
        versions = [a, b]
    } catch {
        fail(error.message)
    }
    say("ready")
    var i = 0
    while count.map({ i < $0 }) ?? true {
        do {
            try Store.write(versions[i % 2], to: path)
        } catch {
            fail(error.message)
        }
        i += 1
        say("saved \(i)")
    }
case "hold-lock":
    let lock: FileLock
    do {
        switch try FileLock.acquire(for: path) {
        case .acquired(let l): lock = l
        case .held(let pid): fail("the lock is held by \(pid.map(String.init) ?? "someone")")
        }
    } catch {
        fail(error.message)
    }
    say("locked \(getpid())")
    while true { pause() }
    withExtendedLifetime(lock) {}
default:
    fail("unknown mode \(mode)")
}
