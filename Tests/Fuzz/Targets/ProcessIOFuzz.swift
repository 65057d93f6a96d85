@testable import SwtopCore

/// /proc/PID/io (byte counters).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProcessIO(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = ProcessIOParser.parse(UnsafeBufferPointer(start: data, count: size))
    return 0
}
