@testable import SwtopCore

/// /proc/PID/net/unix: a header, then one socket per line, the path running to the end.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUnixSocketTable(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    for row in UnixSocketTableParser.parse(UnsafeBufferPointer(start: data, count: size)) {
        precondition(!row.path.contains("\n"), "a path runs past its line")
        _ = UnixSocketTableParser.stateName(row)
    }
    return 0
}
