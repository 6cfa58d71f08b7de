#include <mimalloc.h>
#include <stdbool.h>
#include <stdlib.h>

/// Whether the C library's `malloc` is mimalloc's in this process (the program links mimalloc
/// before the C library, so its `malloc` and `free` replace the C library's).
static inline bool nt_malloc_is_mimalloc(void) {
    void *block = malloc(16);
    bool ours = mi_is_in_heap_region(block);
    free(block);
    return ours;
}
