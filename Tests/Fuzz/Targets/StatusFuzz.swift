@testable import SwtopCore

/// /proc/PID/status: ids, groups, umask, CPU list, VmSwap, signal masks, and what
/// is derived from them (real and effective uid, the credentials file access checks use).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStatus(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let status = StatusParser.parse(UnsafeBufferPointer(start: data, count: size)) else { return 0 }
    _ = StatusParser.signals(in: status.caught)
    _ = status.realAndEffectiveUID
    if let credentials = status.credentials { precondition(credentials.groups == status.groups) }
    return 0
}
