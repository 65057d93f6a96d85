@testable import SwtopCore

/// /proc/PID/status as the detail view reads it: ids, groups, umask, CPU list, signal masks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInspectStatus(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let fields = ProcessStatusParser.parse(UnsafeBufferPointer(start: data, count: size)) else { return 0 }
    _ = ProcessStatusParser.signals(in: fields.caught)
    return 0
}
