@testable import SwtopCore

/// /proc/PID/fdinfo/N: the flags and inode that decide whether a descriptor is followed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFdinfo(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let info = DescriptorInfoParser.parse(UnsafeBufferPointer(start: data, count: size)) else { return 0 }
    _ = info.isOpenForWriting
    return 0
}
