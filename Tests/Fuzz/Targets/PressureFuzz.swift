@testable import SwtopCore

/// /proc/pressure/*: `some` and `full` lines of three averages.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPressure(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let pressure = PressureParser.parse(UnsafeBufferPointer(start: data, count: size)) else { return 0 }
    for averages in [pressure.some] + (pressure.full.map { [$0] } ?? []) {
        for value in [averages.avg10, averages.avg60, averages.avg300] { precondition(value.isFinite && value >= 0) }
    }
    return 0
}
