import CMalloc

/// glibc's allocator, set for a program that runs for days beside the processes it
/// watches and whose resident memory is part of what it costs.
enum AllocatorSettings {
    /// Before any other thread starts: the arena count is fixed by then.
    static func apply() {
        // One arena for all threads. Otherwise the sampler thread gets one of its own,
        // and what one thread frees the other never reuses (about 0.2 MiB at 1000
        // processes).
        _ = mallopt(M_ARENA_MAX, 1)
        // Fixed thresholds. glibc otherwise raises both when it frees its first large
        // block (a snapshot's array of processes), after which blocks that size come
        // from the heap and up to twice that stays in it when freed: at 5000 processes
        // 3 MiB of the heap's 7 MiB was free memory kept. Blocks of 128 KiB or more are
        // mapped and returned whole; the heap gives back a free top of 128 KiB or more.
        _ = mallopt(M_MMAP_THRESHOLD, 128 << 10)
        _ = mallopt(M_TRIM_THRESHOLD, 128 << 10)
    }
}
