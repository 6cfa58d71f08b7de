import Glibc

/// How many cores the work of one big list is spread over: those online, up to 8.
@usableFromInline package enum Cores {
    @usableFromInline package static let count: Int = max(1, min(8, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
}
