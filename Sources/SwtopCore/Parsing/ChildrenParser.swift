/// `/proc/PID/task/TID/children`.
enum ChildrenParser {
    /// Space-separated PIDs (`task/TID/children`).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int32] {
        var cursor = ByteCursor(bytes)
        var pids: [Int32] = []
        while let value = cursor.unsigned(), value > 0, value <= UInt64(Int32.max) { pids.append(Int32(value)) }
        return pids
    }
}
