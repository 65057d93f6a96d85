/// `/proc/PID/smaps_rollup`: the totals of smaps, in kB in the file.
enum SmapsRollupParser {
    /// `Pss:` and `Swap:` in bytes.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (proportional: UInt64, swap: UInt64)? {
        var proportional: UInt64?
        var swap: UInt64?
        var cursor = ByteCursor(bytes)
        repeat {
            if cursor.consume("Pss:") {
                proportional = cursor.unsigned().map { $0 &* 1024 }
            } else if cursor.consume("Swap:") {
                swap = cursor.unsigned().map { $0 &* 1024 }
            }
        } while cursor.nextLine()
        guard let proportional else { return nil }
        return (proportional, swap ?? 0)
    }
}
