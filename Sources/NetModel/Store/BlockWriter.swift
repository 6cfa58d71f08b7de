#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes made in numbered blocks by several workers at once and written to a file in block order,
/// by whichever worker finds the next block ready: the writing of one block overlaps the making of
/// the next. For the big lists of a save (`FastEncoder`), where encoding and the `write` calls each
/// take about half the time of one core.
///
/// No worker waits for a block another has yet to make, so the workers finish even when they run
/// one after another. A worker that is not writing waits only while too many blocks wait to be
/// written (`maxWaiting`) and another worker is writing them: memory stays at a few blocks when
/// the disk is slower than the encoding.
enum BlockWriter {
    /// Makes blocks `0..<blocks` with `make` (into an emptied encoder of its own) on `workers`
    /// workers and writes them to `fd` in order. Returns the error number of the first write that
    /// failed (no block is made after it), or nil.
    static func write(blocks: Int, to fd: Int32, workers: Int, maxWaiting: Int = 4, bufferBytes: Int = 1 << 20,
                      _ make: (Int, inout FastEncoder) -> Void) -> Int32? {
        let state = Locked(State())
        _ = withoutActuallyEscaping(make) { make in
            let shared = UncheckedSendable(make)
            return inParallel(max(1, workers)) { _ in
                while let k = state.with({ $0.take(below: blocks) }) {
                    var w = state.with { $0.spare.popLast() } ?? FastEncoder(capacity: bufferBytes)
                    shared.value(k, &w)
                    deposit(k, w, state: state, fd: fd, maxWaiting: maxWaiting)
                }
            }
        }
        return state.with { s in
            for w in s.spare { w.release() }
            s.spare = []
            return s.failure
        }
    }

    struct State {
        /// The next block to make, and the next to write.
        var taken = 0
        var next = 0
        /// Whether a worker is writing (only one does at a time).
        var writing = false
        /// Blocks made and waiting for their turn to be written.
        var ready: [Int: FastEncoder] = [:]
        /// Encoders written out, to make the next blocks in.
        var spare: [FastEncoder] = []
        var failure: Int32?

        mutating func take(below blocks: Int) -> Int? {
            guard failure == nil, taken < blocks else { return nil }
            taken += 1
            return taken - 1
        }
    }

    /// Hands block `k` in; the worker then writes every block that is ready in order, unless
    /// another worker is already doing so.
    private static func deposit(_ k: Int, _ w: FastEncoder, state: Locked<State>, fd: Int32, maxWaiting: Int) {
        var writer = false, handedIn = false
        while true {
            let wait = state.with { s -> Bool in
                if !handedIn {
                    s.ready[k] = w
                    handedIn = true
                }
                if !s.writing {
                    s.writing = true
                    writer = true
                    return false
                }
                return s.ready.count >= maxWaiting
            }
            guard wait else { break }
            usleep(100)
        }
        guard writer else { return }
        while let (block, failed) = state.with({ s -> (FastEncoder, Bool)? in
            guard let b = s.ready.removeValue(forKey: s.next) else {
                s.writing = false
                return nil
            }
            return (b, s.failure != nil)
        }) {
            var b = block
            let failure = failed ? nil : b.writeOut(to: fd)
            state.with { s in
                if s.failure == nil { s.failure = failure }
                s.next += 1
                s.spare.append(b)
            }
        }
    }
}

/// A value behind a mutex, for the few places where workers share state.
final class Locked<Value>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var value: Value

    init(_ value: Value) {
        self.value = value
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func with<R>(_ body: (inout Value) -> R) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body(&value)
    }
}
