/// `/proc/uptime`: `350735.47 234388.90`, seconds since boot and idle seconds.
public enum UptimeParser {
    /// Seconds since boot.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var cursor = ByteCursor(bytes)
        return cursor.decimal()
    }
}
