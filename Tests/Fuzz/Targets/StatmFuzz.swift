import SwtopCore

/// /proc/PID/statm: sizes in pages; the second is RES, the third SHR.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStatm(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = StatmParser.parse(UnsafeBufferPointer(start: data, count: size), pageSize: 4096)
    return 0
}
