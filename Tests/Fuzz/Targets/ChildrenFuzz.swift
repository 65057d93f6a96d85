@testable import SwtopCore

/// task/TID/children (space-separated PIDs).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChildren(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    precondition(
        ChildrenParser.parse(UnsafeBufferPointer(start: data, count: size)).allSatisfy { $0 > 0 },
        "a PID that is not positive")
    return 0
}
