@testable import SwtopCore

/// /proc/PID/limits: fixed columns under a header; names hold spaces.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLimits(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = LimitsParser.parse(UnsafeBufferPointer(start: data, count: size))
    return 0
}
