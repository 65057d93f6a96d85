@testable import SwtopCore

/// /proc/PID/fdinfo/FD of a DRM device: client id, engines, memory regions.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDRMFdinfo(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let client = DRMFdinfoParser.parse(UnsafeBufferPointer(start: data, count: size)) else { return 0 }
    _ = DRMUsage.summed([client, client])
    _ = client.busyNanoseconds
    return 0
}
