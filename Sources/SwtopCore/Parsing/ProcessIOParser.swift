/// The storage counters of `/proc/PID/io`: bytes the process caused to be read
/// from and written to storage (not cache hits), since it started.
public struct ProcessIOCounters: Equatable, Sendable {
    public var readBytes: UInt64
    public var writeBytes: UInt64

    public init(readBytes: UInt64, writeBytes: UInt64) {
        self.readBytes = readBytes
        self.writeBytes = writeBytes
    }
}

public enum ProcessIOParser {
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ProcessIOCounters? {
        var cursor = ByteCursor(bytes)
        var read: UInt64?
        var write: UInt64?
        repeat {
            if cursor.consume("read_bytes:") {
                cursor.skipBlanks()
                read = cursor.unsigned()
            } else if cursor.consume("write_bytes:") {
                cursor.skipBlanks()
                write = cursor.unsigned()
            }
        } while cursor.nextLine()
        guard let read, let write else { return nil }
        return ProcessIOCounters(readBytes: read, writeBytes: write)
    }

    /// `VmSwap:` of `/proc/PID/status`, in bytes; nil for kernel threads (no such line).
    public static func swapBytes(status bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var cursor = ByteCursor(bytes)
        repeat {
            if cursor.consume("VmSwap:") {
                cursor.skipBlanks()
                return cursor.unsigned().map { $0 &* 1024 }
            }
        } while cursor.nextLine()
        return nil
    }
}
