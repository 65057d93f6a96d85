import SwtopCore

/// /proc/uptime: seconds up and seconds idle, as decimals.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUptime(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let seconds = UptimeParser.parse(UnsafeBufferPointer(start: data, count: size)) else { return 0 }
    precondition(seconds.isFinite && seconds >= 0, "uptime \(seconds)")
    return 0
}
