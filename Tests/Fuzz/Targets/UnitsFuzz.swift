import Glibc
import SwtopCore

@testable import SwtopUI

/// Every number a /proc file (or a tree made up to look like one) can hold, formatted
/// as the table, the header, `--batch` and `--json` show it: no trap, no exponent
/// where a column expects digits, and JSON numbers that parse back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUnits(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var words: [UInt64] = []
    var offset = 0
    while offset + 8 <= size {
        var word: UInt64 = 0
        memcpy(&word, data! + offset, 8)
        words.append(word)
        offset += 8
    }
    for word in words {
        _ = Units.size(word)
        _ = Units.compactSize(word)
        _ = Units.cpuTime(ticks: word, ticksPerSecond: 100)
        _ = Units.cpuTime(ticks: word, ticksPerSecond: words.first ?? 0)
        // The same bits as a Double reach every floating-point path, NaN and infinities included.
        for value in [Double(word), Double(bitPattern: word), Double(word) / 100] {
            _ = Units.duration(seconds: value)
            _ = ColumnText.elapsed(seconds: value)
            _ = WallClock.utc.dateAndTime(value)
            _ = WallClock.utc.timeOfDay(value)
            for digits in 0...3 {
                let text = Units.fixed(value, fractionDigits: digits)
                precondition(text == "-" || Double(text) != nil, "fixed gave '\(text)' for \(value)")
                if abs(value) < 1e15 { precondition(!text.contains("e"), "exponent in '\(text)' for \(value)") }
            }
            _ = Int(saturating: value)
            _ = Int32(saturating: value)
            _ = UInt64(saturating: value)
            _ = UInt8(saturating: value)
        }
    }
    return 0
}
