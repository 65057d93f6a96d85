/// /proc/PID/smaps_rollup (PSS and swap, in kB) and /proc/PID/io (bytes).
enum MemoryFilesParser {
    /// `Pss:` and `Swap:` in bytes.
    static func rollup(_ bytes: UnsafeBufferPointer<UInt8>) -> (proportional: UInt64, swap: UInt64)? {
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

    static func io(_ bytes: UnsafeBufferPointer<UInt8>) -> IOCounters? {
        var values: [UInt64?] = Array(repeating: nil, count: 5)
        var cursor = ByteCursor(bytes)
        repeat {
            if cursor.consume("rchar:") { values[0] = cursor.unsigned() }
            else if cursor.consume("wchar:") { values[1] = cursor.unsigned() }
            else if cursor.consume("read_bytes:") { values[2] = cursor.unsigned() }
            else if cursor.consume("write_bytes:") { values[3] = cursor.unsigned() }
            else if cursor.consume("cancelled_write_bytes:") { values[4] = cursor.unsigned() }
        } while cursor.nextLine()
        guard let readCharacters = values[0], let writtenCharacters = values[1] else { return nil }
        return IOCounters(readCharacters: readCharacters, writtenCharacters: writtenCharacters,
                          readBytes: values[2] ?? 0, writtenBytes: values[3] ?? 0, cancelledWriteBytes: values[4] ?? 0)
    }
}
