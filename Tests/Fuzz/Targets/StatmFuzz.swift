import SwtopCore

/// /proc/PID/statm: sizes in pages; the third is the shared size.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStatm(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = StatmParser.sharedPages(UnsafeBufferPointer(start: data, count: size))
    return 0
}
