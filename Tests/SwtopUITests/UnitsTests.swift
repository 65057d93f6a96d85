import SwtopCore
import Testing

@testable import SwtopUI

@Suite struct UnitsTests {
    static let sizes: [(UInt64, String)] = [
        (0, "0K"), (1023, "0K"), (512 << 10, "512K"), (99_999 << 10, "99999K"),
        (100_000 << 10, "97M"), (10_239 << 20, "10239M"), (10_240 << 20, "10.0G"),
        (12_884_901_888, "12.0G"), (150 << 30, "150G"), (3 << 40, "3072G"), (20 << 40, "20.0T"),
    ]

    @Test(arguments: sizes)
    func sizesUseBinaryUnits(bytes: UInt64, expected: String) {
        #expect(Units.size(bytes) == expected)
    }

    @Test func compactSizesForHeaders() {
        #expect(Units.compactSize(0) == "0K")
        #expect(Units.compactSize(512 << 10) == "512K")
        #expect(Units.compactSize(16 << 20) == "16.0M")
        #expect(Units.compactSize(368 << 20) == "368M")
        #expect(Units.compactSize(1 << 30) == "1.0G")
        #expect(Units.compactSize(25_276_510_208) == "23.5G")
        #expect(Units.compactSize(5 << 50) == "5120T")
    }

    static let day: UInt64 = 8_640_000 // ticks at 100 Hz
    static let times: [(UInt64, String)] = [
        (0, "0:00.00"), (123, "0:01.23"), (6_000, "1:00.00"), (359_999, "59:59.99"),
        (360_000, "1h00:00"), (1_110_200, "3h05:02"), (35_999_900, "99h59:59"),
        (36_000_000, "4d04h"), // 100 hours: days from here on
        (day * 12 + 360_000 * 3, "12d03h"), (day * 234, "234d"), (day * (365 * 2 + 45), "2y045d"),
    ]

    @Test(arguments: times)
    func cpuTimeGrowsCoarserWithAge(ticks: UInt64, expected: String) {
        #expect(Units.cpuTime(ticks: ticks, ticksPerSecond: 100) == expected)
    }

    @Test func fixedDecimals() {
        #expect(Units.fixed(12.345, fractionDigits: 1) == "12.3")
        #expect(Units.fixed(0.05, fractionDigits: 1) == "0.1")
        #expect(Units.fixed(100, fractionDigits: 2) == "100.00")
        #expect(Units.fixed(-1.25, fractionDigits: 1) == "-1.3")
        #expect(Units.fixed(-0.01, fractionDigits: 1) == "0.0")
        #expect(Units.fixed(.nan, fractionDigits: 1) == "-")
        #expect(Units.fixed(7, fractionDigits: 0) == "7")
    }

    @Test func durations() {
        #expect(Units.duration(seconds: 59) == "00:00:59")
        #expect(Units.duration(seconds: 90_061) == "1 day, 01:01:01")
        #expect(Units.duration(seconds: 3 * 86_400 + 7_384) == "3 days, 02:03:04")
    }

    /// Numbers a made-up /proc tree can hold: formatting saturates, never traps.
    @Test func fabricatedNumbersFormatWithoutATrap() {
        #expect(Units.duration(seconds: Double(UInt64.max)) == "213503982334601 days, 07:00:15")
        #expect(Units.duration(seconds: .infinity).hasSuffix("days, 07:00:15"))
        #expect(Units.duration(seconds: .nan) == "00:00:00")
        #expect(Units.cpuTime(ticks: .max, ticksPerSecond: 100) == "5849424173y201d")
        #expect(Units.cpuTime(ticks: .max - 1, ticksPerSecond: .max) == "0:00.99")
        #expect(Units.fixed(Double(UInt64.max), fractionDigits: 0) == "1.8446744073709552e+19")
        #expect(Units.fixed(-1e300, fractionDigits: 2) == "-1e+300")
        #expect(Units.fixed(1e17, fractionDigits: 1) == "100000000000000000.0")
        #expect(Units.compactSize(.max) == "16777216T")
        #expect(ColumnText.elapsed(seconds: 1e300) == "213503982334601-07:00:15")
    }

    @Test func saturatingConversions() {
        #expect(Int(saturating: 1e300) == .max && Int(saturating: -1e300) == .min && Int(saturating: .nan) == 0)
        #expect(UInt64(saturating: Double(UInt64.max)) == .max && UInt64(saturating: -1) == 0)
        #expect(Int32(saturating: 2_147_483_647.5) == .max && Int32(saturating: -2.9) == -2)
        #expect(UInt8(saturating: 255.9) == 255 && UInt8(saturating: 254.9) == 254)
    }

    @Test func aTimeNoCalendarHolds() {
        #expect(WallClock.utc.dateAndTime(Double(UInt64.max)) == "????-??-?? ??:??:??")
        #expect(WallClock.utc.timeOfDay(-1e300) == "??:??:??")
        // The largest time gmtime_r accepts puts tm_year near Int32.max: + 1900 must not overflow.
        #expect(WallClock.utc.dateAndTime(67_768_036_160_000_000) == "2147485546-12-30 08:53:20")
        #expect(WallClock.utc.dateAndTime(1_700_000_000) == "2023-11-14 22:13:20")
    }

    @Test func terminalNames() {
        #expect(TerminalDevice.name(ttyNumber: 0) == nil)
        #expect(TerminalDevice.name(ttyNumber: 34816) == "pts/0")
        #expect(TerminalDevice.name(ttyNumber: 34816 + 5) == "pts/5")
        #expect(TerminalDevice.name(ttyNumber: 1025) == "tty1")
        #expect(TerminalDevice.name(ttyNumber: 1088) == "ttyS0")
    }
}
