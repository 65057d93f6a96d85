import SwtopCore

/// Numbers as a process table shows them: sizes in binary units, CPU time as htop's
/// TIME+, percentages with one decimal. Plain Swift, no locale: output is the same
/// everywhere and cheap to produce per row.
public enum Units {
    /// Bytes in K/M/G/T (powers of 1024), at most six characters:
    /// `512K`, `99999K`, `2345M`, `12.3G`, `123G`, `1.5T`.
    public static func size(_ bytes: UInt64) -> String {
        let kib = bytes / 1024
        if kib < 100_000 { return DecimalText.string(kib) + "K" }
        let mib = kib / 1024
        if mib < 10_240 { return DecimalText.string(mib) + "M" }
        let gib = Double(mib) / 1024
        if gib < 100 { return fixed(gib, fractionDigits: 1) + "G" }
        if gib < 10_240 { return DecimalText.string(UInt64(gib)) + "G" }
        return fixed(gib / 1024, fractionDigits: 1) + "T"
    }

    /// A size for meters and headers, to about three significant digits in the
    /// largest unit that keeps it at 1 or more: `512K`, `16.0M`, `368M`, `1.0G`, `23.5G`.
    public static func compactSize(_ bytes: UInt64) -> String {
        var value = Double(bytes) / 1024
        for unit in ["K", "M", "G", "T"] {
            if value < 1024 || unit == "T" {
                let number =
                    value < 100 && unit != "K"
                    ? fixed(value, fractionDigits: 1) : DecimalText.string(UInt64(value.rounded()))
                return number + unit
            }
            value /= 1024
        }
        return "-"
    }

    /// CPU time the way htop's TIME+ column shows it, growing coarser with age:
    /// `0:01.23` (minutes:seconds.hundredths), `3h05:02`, `12d03h`, `234d`, `2y045d`.
    public static func cpuTime(ticks: UInt64, ticksPerSecond: UInt64) -> String {
        // Seconds and the fraction apart, the fraction in double width: ticks × 100
        // overflows for a made-up tick count. The quotient is below 100, so it fits.
        let perSecond = max(1, ticksPerSecond)
        let seconds = ticks / perSecond
        let hundredths = perSecond.dividingFullWidth((ticks % perSecond).multipliedFullWidth(by: 100)).quotient
        let (minutes, hours, days) = (seconds / 60, seconds / 3600, seconds / 86_400)
        if hours < 1 {
            return DecimalText.string(minutes) + ":" + twoDigits(seconds % 60) + "." + twoDigits(hundredths)
        }
        if hours < 100 {
            return DecimalText.string(hours) + "h" + twoDigits(minutes % 60) + ":" + twoDigits(seconds % 60)
        }
        if days < 100 { return DecimalText.string(days) + "d" + twoDigits(hours % 24) + "h" }
        if days < 365 { return DecimalText.string(days) + "d" }
        let remainder = days % 365
        return DecimalText.string(days / 365) + "y"
            + String(repeating: "0", count: remainder < 10 ? 2 : remainder < 100 ? 1 : 0)
            + DecimalText.string(remainder) + "d"
    }

    /// Elapsed wall-clock time as `3 days, 02:01:05` (uptime).
    public static func duration(seconds: Double) -> String {
        let total = UInt64(saturating: max(0, seconds))
        let days = total / 86_400
        let clock = twoDigits(total / 3600 % 24) + ":" + twoDigits(total / 60 % 60) + ":" + twoDigits(total % 60)
        switch days {
        case 0: return clock
        case 1: return "1 day, " + clock
        default: return DecimalText.string(days) + " days, " + clock
        }
    }

    /// `value` rounded to `fractionDigits` decimals, without exponent notation up to
    /// 2^64 / 10^fractionDigits; past that (only a made-up /proc number gets there,
    /// and no fraction digit is left to show) in Swift's shortest form, `1.8e+19`.
    public static func fixed(_ value: Double, fractionDigits: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale: UInt64 = 1
        for _ in 0..<min(max(0, fractionDigits), 19) { scale *= 10 }
        let magnitude = (abs(value) * Double(scale)).rounded()
        guard magnitude < Double(UInt64.max) else { return "\(value)" }
        let scaled = UInt64(magnitude)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard fractionDigits > 0 else { return sign + DecimalText.string(scaled) }
        let fraction = DecimalText.string(scaled % scale)
        return sign + DecimalText.string(scaled / scale) + "."
            + String(repeating: "0", count: max(0, fractionDigits - fraction.count))
            + fraction
    }

    static func twoDigits(_ value: UInt64) -> String {
        value < 10 ? "0" + DecimalText.string(value) : DecimalText.string(value)
    }
}
