/// /proc/PID/io: what the process read and wrote since it started.
public struct IOCounters: Sendable, Equatable {
    /// Bytes passed to read(2) and friends (`rchar`), cache hits and pipes included.
    public var readCharacters: UInt64
    /// Bytes passed to write(2) and friends (`wchar`).
    public var writtenCharacters: UInt64
    /// Bytes fetched from storage (`read_bytes`).
    public var readBytes: UInt64
    /// Bytes sent to storage (`write_bytes`).
    public var writtenBytes: UInt64
    /// Written bytes that were truncated away before reaching storage.
    public var cancelledWriteBytes: UInt64

    public init(
        readCharacters: UInt64, writtenCharacters: UInt64, readBytes: UInt64, writtenBytes: UInt64,
        cancelledWriteBytes: UInt64
    ) {
        self.readCharacters = readCharacters
        self.writtenCharacters = writtenCharacters
        self.readBytes = readBytes
        self.writtenBytes = writtenBytes
        self.cancelledWriteBytes = cancelledWriteBytes
    }
}

/// `/proc/PID/io`. The kernel writes all of its lines when it accounts task I/O,
/// and no file when it does not.
public enum ProcessIOParser {
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> IOCounters? {
        var readCharacters: UInt64?
        var writtenCharacters: UInt64?
        var readBytes: UInt64?
        var writtenBytes: UInt64?
        var cancelled: UInt64?
        var cursor = ByteCursor(bytes)
        repeat {
            if cursor.consume("rchar:") {
                readCharacters = cursor.unsigned()
            } else if cursor.consume("wchar:") {
                writtenCharacters = cursor.unsigned()
            } else if cursor.consume("read_bytes:") {
                readBytes = cursor.unsigned()
            } else if cursor.consume("write_bytes:") {
                writtenBytes = cursor.unsigned()
            } else if cursor.consume("cancelled_write_bytes:") {
                cancelled = cursor.unsigned()
            }
        } while cursor.nextLine()
        guard let readCharacters, let writtenCharacters, let readBytes, let writtenBytes else { return nil }
        return IOCounters(
            readCharacters: readCharacters, writtenCharacters: writtenCharacters,
            readBytes: readBytes, writtenBytes: writtenBytes, cancelledWriteBytes: cancelled ?? 0)
    }
}
