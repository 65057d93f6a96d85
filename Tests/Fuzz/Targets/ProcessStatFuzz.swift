@testable import SwtopCore

/// /proc/PID/stat: the command name runs from the first `(` to the last `)`, the
/// numbers after it are read by position; the detail view reads two more.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProcessStat(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let stat = ProcessStatParser.parse(bytes) else { return 0 }
    precondition(stat.pid > 0, "a PID that is not positive")
    precondition(stat.commRange.lowerBound >= 1 && stat.commRange.upperBound < size, "comm outside the line")
    precondition(
        bytes[stat.commRange.lowerBound - 1] == UInt8(ascii: "(")
            && bytes[stat.commRange.upperBound] == UInt8(ascii: ")"))
    precondition(stat.threadCount >= 0)
    _ = ProcessStatParser.scheduling(bytes, after: stat.commRange.upperBound)
    return 0
}
