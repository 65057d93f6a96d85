@testable import SwtopCore

/// /proc/PID/net/{tcp,tcp6,udp,udp6}: a header, then one socket per line with hex
/// addresses and ports.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInetSocketTable(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    for row in InetSocketTableParser.parse(UnsafeBufferPointer(start: data, count: size)) {
        precondition(row.local.contains(":") && row.remote.contains(":"), "an address without a port")
        _ = InetSocketTableParser.tcpStateName(row.state)
    }
    return 0
}
