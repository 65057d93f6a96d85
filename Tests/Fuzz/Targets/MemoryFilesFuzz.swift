@testable import SwtopCore

/// /proc/PID/smaps_rollup (`Pss:` and `Swap:` in kB) and /proc/PID/io (byte counters).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMemoryFiles(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = MemoryFilesParser.rollup(bytes)
    _ = MemoryFilesParser.io(bytes)
    return 0
}
