//! How the process asks the C allocator to give memory back.

/// Big blocks (over 128 KiB) are mapped on their own and returned to the
/// system when freed. glibc raises that threshold each time such a block
/// is freed, up to 32 MiB; after ingest has freed its read buffers and
/// tables, the metrics stage's large temporary lists would then come from
/// the heap and stay resident once freed. Fixing the threshold keeps them
/// returnable: at 1M leads the peak falls from 208 MiB to about 190 MiB
/// (see docs/performance.md). Other platforms keep their allocator's
/// behaviour.
pub fn return_large_blocks_promptly() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; it takes no
    // pointers and is called before any other thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

/// Gives the free memory of every thread's heap back to the system. The
/// threads that read one activity export in parts each allocate their
/// row buffers from a heap of their own, which keeps its freed pages after
/// the threads end, into the metrics stage (about 2 MiB at 1M leads).
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists.
    unsafe {
        libc::malloc_trim(0);
    }
}
