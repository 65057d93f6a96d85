import SwtopCore

/// /proc/PID/status: the real and effective uid of the `Uid:` line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStatus(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = StatusParser.userIDs(UnsafeBufferPointer(start: data, count: size))
    return 0
}
