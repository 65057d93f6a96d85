public enum MeminfoParser {
    /// Reads the fields swtop shows; values are in kB (KiB) in the file.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> MemoryInfo? {
        var info = MemoryInfo()
        var sawTotal = false
        var cursor = ByteCursor(bytes)
        func kibibytes(_ cursor: inout ByteCursor) -> UInt64 {
            (cursor.unsigned() ?? 0).multipliedReportingOverflow(by: 1024).partialValue
        }
        repeat {
            if cursor.consume("MemTotal:") {
                info.total = kibibytes(&cursor)
                sawTotal = true
            } else if cursor.consume("MemFree:") {
                info.free = kibibytes(&cursor)
            } else if cursor.consume("MemAvailable:") {
                info.available = kibibytes(&cursor)
            } else if cursor.consume("Buffers:") {
                info.buffers = kibibytes(&cursor)
            } else if cursor.consume("Cached:") {
                info.cached = kibibytes(&cursor)
            } else if cursor.consume("SReclaimable:") {
                info.reclaimableSlab = kibibytes(&cursor)
            } else if cursor.consume("Shmem:") {
                info.shared = kibibytes(&cursor)
            } else if cursor.consume("SwapTotal:") {
                info.swapTotal = kibibytes(&cursor)
            } else if cursor.consume("SwapFree:") {
                info.swapFree = kibibytes(&cursor)
            } else if cursor.consume("SwapCached:") {
                info.swapCached = kibibytes(&cursor)
            }
        } while cursor.nextLine()
        return sawTotal ? info : nil
    }
}
