@testable import SwtopCore

/// /proc/PID/net/unix: a header, then one socket per line, the path running to the end.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUnixSocketTable(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    // A path may hold newlines (a line that is not a row continues the path above), but
    // an inode whose path is believed is listed once.
    var believed: Set<UInt64> = []
    for row in UnixSocketTableParser.parse(UnsafeBufferPointer(start: data, count: size)) {
        if !row.isAmbiguous { precondition(believed.insert(row.inode).inserted, "an inode listed twice is believed") }
        _ = UnixSocketTableParser.stateName(row)
    }
    return 0
}
