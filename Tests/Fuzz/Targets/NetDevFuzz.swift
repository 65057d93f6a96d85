@testable import SwtopCore

/// /proc/net/dev: `name:` then 16 counters per line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNetDev(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    for interface in NetDevParser.parse(UnsafeBufferPointer(start: data, count: size)) {
        precondition(!interface.name.isEmpty && !interface.name.utf8.contains(0x0A), "name \(interface.name)")
    }
    return 0
}
