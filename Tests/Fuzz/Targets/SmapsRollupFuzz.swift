@testable import SwtopCore

/// /proc/PID/smaps_rollup (`Pss:` and `Swap:` in kB).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSmapsRollup(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = SmapsRollupParser.parse(UnsafeBufferPointer(start: data, count: size))
    return 0
}
