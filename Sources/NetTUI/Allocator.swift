import CMimalloc

/// Which allocator the program runs on. NetTUI links mimalloc, whose `malloc` and `free` then
/// replace the C library's for the whole process (the executable names it before the C library, so
/// the dynamic linker finds its functions first; glibc supports such a replacement). Reading and
/// merging 100,000 contacts is mostly making and dropping small strings and arrays, which
/// mimalloc does in fewer steps than glibc (docs/BENCHMARKS.md has the figures).
enum Allocator {
    /// "mimalloc 2.0.9" when memory comes from mimalloc, else "the C library's malloc".
    static var name: String {
        guard nt_malloc_is_mimalloc() else { return "the C library's malloc" }
        let v = Int(mi_version())
        return "mimalloc \(v / 100).\(v / 10 % 10).\(v % 10)"
    }
}
