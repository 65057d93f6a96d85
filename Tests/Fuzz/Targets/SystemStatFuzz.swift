import SwtopCore

/// /proc/stat: the CPU lines, btime and the running and blocked thread counts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSystemStat(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let stat = SystemStatParser.parse(UnsafeBufferPointer(start: data, count: size)) else { return 0 }
    precondition(stat.perCPU.allSatisfy { $0.id >= 0 }, "a negative CPU number")
    return 0
}
