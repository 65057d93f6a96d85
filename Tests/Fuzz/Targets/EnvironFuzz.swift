@testable import SwtopCore

/// /proc/PID/environ: NUL-separated `NAME=value` strings, or anything a program put there.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEnviron(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let variables = EnvironParser.parse(bytes)
    precondition(variables.count == bytes.split(separator: 0).count, "a variable lost or invented")
    precondition(variables.allSatisfy { !$0.name.contains("=") }, "a name holds '='")
    return 0
}
