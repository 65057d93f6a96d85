/// Fields 40 (`rt_priority`) and 41 (`policy`) of /proc/PID/stat, which only the
/// detail view shows: the sampler's parser stops before them on purpose.
enum StatSchedulingParser {
    /// - Parameter close: the index of the `)` that ends `comm`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, after close: Int) -> (realTimePriority: UInt32, policy: UInt32)? {
        var cursor = ByteCursor(bytes, at: close + 1)
        for _ in 3...39 { guard cursor.word() != nil else { return nil } }
        guard let priority = cursor.unsigned(), let policy = cursor.unsigned(),
              priority <= UInt64(UInt32.max), policy <= UInt64(UInt32.max)
        else { return nil }
        return (UInt32(priority), UInt32(policy))
    }
}
