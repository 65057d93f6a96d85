@testable import SwtopCore

/// /proc/PID/cgroup (`ID:controllers:path`, the path may hold colons), and the
/// container and unit read from its path.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCgroup(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let memberships = CgroupParser.parse(UnsafeBufferPointer(start: data, count: size)) else { return 0 }
    if let placement = CgroupPlacement(memberships: memberships) { _ = placement.container?.shortName }
    return 0
}
