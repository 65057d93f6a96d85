/// `/proc/PID/statm`: `size resident shared text lib data dt`, in pages.
public enum StatmParser {
    /// RES and SHR in bytes; nil for text that is not statm.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, pageSize: UInt64) -> ResidentMemory? {
        var cursor = ByteCursor(bytes)
        guard cursor.unsigned() != nil, let resident = cursor.unsigned(), let shared = cursor.unsigned() else {
            return nil
        }
        return ResidentMemory(
            residentBytes: inBytes(resident, pageSize), sharedBytes: inBytes(min(shared, resident), pageSize))
    }

    /// Pages in bytes, saturating: a fabricated count must not trap.
    private static func inBytes(_ pages: UInt64, _ pageSize: UInt64) -> UInt64 {
        let (product, overflow) = pages.multipliedReportingOverflow(by: pageSize)
        return overflow ? .max : product
    }
}
