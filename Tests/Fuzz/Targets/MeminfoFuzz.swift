import SwtopCore

/// /proc/meminfo: `Name:   value kB` lines.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMeminfo(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = MeminfoParser.parse(UnsafeBufferPointer(start: data, count: size))
    return 0
}
