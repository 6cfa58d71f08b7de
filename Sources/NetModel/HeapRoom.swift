#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Room made once in the heap of each thread that runs parallel work (`inParallel`).
///
/// glibc gives each thread but the first a heap of its own, and grows it a page at a time as the
/// thread allocates: an `mprotect` per 4 KB, each holding the process's address-space lock for
/// writing, which stalls the other core's page faults meanwhile. Loading a network of 100,000
/// contacts made about 14,000 of them. Allocating 48 MB in blocks under malloc's mmap threshold and
/// freeing them grows the heap in 400 steps instead; the pages go back to the system at once (the
/// heap is trimmed) but stay usable without another `mprotect`.
enum HeapRoom {
    /// Whether the calling thread has made its room (a value set for the thread, or none).
    private static let madeKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    private static let blockBytes = 120 << 10
    private static let blocks = 400

    /// Makes the room, the first time a thread calls it.
    static func prepare() {
        guard pthread_getspecific(madeKey) == nil else { return }
        pthread_setspecific(madeKey, UnsafeRawPointer(bitPattern: 1))
        withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: blocks) { taken in
            for i in taken.indices { taken[i] = malloc(blockBytes) }
            for block in taken { free(block) }
        }
    }
}
