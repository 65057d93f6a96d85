@testable import SwtopCore

/// /proc/diskstats: a name and counters per line; byte counts must not overflow.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDiskStats(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    for disk in DiskStatsParser.parse(UnsafeBufferPointer(start: data, count: size)) {
        precondition(!disk.name.isEmpty, "empty disk name")
        precondition(disk.readBytes % 512 == 0 && disk.writtenBytes % 512 == 0, "bytes are whole sectors")
    }
    return 0
}
