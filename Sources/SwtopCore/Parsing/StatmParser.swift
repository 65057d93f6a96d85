/// `/proc/PID/statm`: sizes in pages. Only the shared size is taken from it; the
/// resident size comes from `stat`, which is read anyway.
public enum StatmParser {
    public static func sharedPages(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var cursor = ByteCursor(bytes)
        guard cursor.unsigned() != nil, cursor.unsigned() != nil else { return nil }
        return cursor.unsigned()
    }
}
