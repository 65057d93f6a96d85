import SwtopCore

/// /proc/loadavg: three decimals, then runnable/total and the last PID.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoadavg(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let load = LoadavgParser.parse(UnsafeBufferPointer(start: data, count: size)) else { return 0 }
    for value in [load.one, load.five, load.fifteen] { precondition(value.isFinite && value >= 0, "load \(value)") }
    return 0
}
