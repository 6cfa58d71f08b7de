#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Plumbing

/// Where content made as it is written goes: the new file of a save or of an export, a device, a
/// FIFO, standard output. The store opens it and hands it to the content (`Store.write`,
/// `Store.writeOutput`); its file descriptor never leaves the store, and a write that fails is
/// thrown as a `WriteFailure` saying why.
public struct ByteSink: Sendable {
    package let fd: Int32

    package init(fd: Int32) { self.fd = fd }

    /// The program's standard output (as it is: a terminal, a pipe, a file).
    public static let standardOutput = ByteSink(fd: STDOUT_FILENO)

    /// Writes all of `bytes`, on through short writes and interruptions.
    public func write(_ bytes: [UInt8]) throws(WriteFailure) {
        if let failed = bytes.withUnsafeBytes({ writeAll(fd, $0) }) { throw WriteFailure(code: failed) }
    }

    /// Writes `items`, after `first`, as `write` makes the bytes of each, about a megabyte at a
    /// time: the whole output is never in memory.
    public func writeBatched<T>(_ items: [T], first: [UInt8] = [], _ make: (T, inout [UInt8]) -> Void) throws(WriteFailure) {
        var out = first
        out.reserveCapacity(1 << 20 + 1 << 16)
        for item in items {
            make(item, &out)
            guard out.count >= 1 << 20 else { continue }
            try write(out)
            out.removeAll(keepingCapacity: true)
        }
        try write(out)
    }
}

/// A write that failed, and the system's reason ("No space left on device").
public struct WriteFailure: Error, Equatable, CustomStringConvertible, Sendable {
    /// The error number, for the store's own use.
    package let code: Int32
    public var reason: String { String(cString: strerror(code)) }
    public var description: String { reason }

    package init(code: Int32) { self.code = code }
}
