/// One line of `/proc/diskstats`: the device's cumulative counters since boot.
public struct DiskCounters: Sendable, Equatable {
    public var name: String
    /// Sectors are always 512 bytes in diskstats, whatever the device's block size.
    public var readBytes: UInt64
    public var writtenBytes: UInt64
    /// Milliseconds the device had I/O in flight (field 10, "io_ticks"): its busy time.
    public var busyMilliseconds: UInt64

    public init(name: String, readBytes: UInt64, writtenBytes: UInt64, busyMilliseconds: UInt64) {
        (self.name, self.readBytes, self.writtenBytes, self.busyMilliseconds) = (
            name, readBytes, writtenBytes, busyMilliseconds
        )
    }
}

/// `/proc/diskstats`: `   8       0 sda 1204 0 98310 370 40 3 2376 61 0 512 432 ...`
/// (major, minor, name, then reads completed, merged, sectors read, ms reading,
/// writes completed, merged, sectors written, ms writing, in flight, io_ticks, ...).
public enum DiskStatsParser {
    static let sectorBytes: UInt64 = 512

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [DiskCounters] {
        var rows: [DiskCounters] = []
        var cursor = ByteCursor(bytes)
        repeat {
            var line = cursor.restOfLine()
            if let row = Self.line(&line) { rows.append(row) }
        } while cursor.nextLine()
        return rows
    }

    private static func line(_ cursor: inout ByteCursor) -> DiskCounters? {
        cursor.skipBlanks()
        guard cursor.unsigned() != nil, cursor.unsigned() != nil, let name = cursor.word() else { return nil }
        var fields: [UInt64] = []
        fields.reserveCapacity(10)
        for _ in 0..<10 {
            guard let value = cursor.unsigned() else { return nil }
            fields.append(value)
        }
        let (read, readOverflow) = fields[2].multipliedReportingOverflow(by: sectorBytes)
        let (written, writeOverflow) = fields[6].multipliedReportingOverflow(by: sectorBytes)
        guard !readOverflow, !writeOverflow else { return nil }
        return DiskCounters(
            name: String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[name]), as: UTF8.self),
            readBytes: read, writtenBytes: written, busyMilliseconds: fields[9])
    }
}
