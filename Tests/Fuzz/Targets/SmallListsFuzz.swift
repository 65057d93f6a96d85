@testable import SwtopCore

/// /proc/PID/cgroup (`ID:controllers:path`, the path may hold colons) and
/// task/TID/children (space-separated PIDs).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSmallLists(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = SmallListParsers.cgroups(bytes)
    precondition(SmallListParsers.pids(bytes).allSatisfy { $0 > 0 }, "a PID that is not positive")
    return 0
}
