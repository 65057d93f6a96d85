/// The `cpu MHz` lines of `/proc/cpuinfo`.
public enum CPUInfoParser {
    /// The average over the CPUs that report one; nil when none does (some
    /// architectures leave the line out).
    public static func averageMHz(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var cursor = ByteCursor(bytes)
        var sum = 0.0
        var count = 0
        repeat {
            guard cursor.consume("cpu MHz") else { continue }
            while !cursor.isAtEnd,
                cursor.bytes[cursor.index] == UInt8(ascii: " ") || cursor.bytes[cursor.index] == 0x09
                    || cursor.bytes[cursor.index] == UInt8(ascii: ":")
            { cursor.index += 1 }
            if let value = cursor.decimal() {
                sum += value
                count += 1
            }
        } while cursor.nextLine()
        return count > 0 ? sum / Double(count) : nil
    }
}
