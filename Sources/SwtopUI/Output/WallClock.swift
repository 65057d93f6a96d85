import Glibc
import SwtopCore

/// Turns epoch seconds into local clock text; `utc` keeps tests independent of
/// the machine's time zone.
public struct WallClock: Sendable {
    let usesLocalTime: Bool

    public static let local = WallClock(usesLocalTime: true)
    public static let utc = WallClock(usesLocalTime: false)

    /// The time now, in seconds since the epoch.
    public static func now() -> Double {
        var clock = timespec()
        clock_gettime(CLOCK_REALTIME, &clock)
        return Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9
    }

    /// The calendar fields of `epochSeconds`; nil when the C library cannot say
    /// (a btime of UInt64.max puts the year past what an int holds).
    public func parts(_ epochSeconds: Double) -> tm? {
        var time = time_t(saturating: epochSeconds)
        var parts = tm()
        let converted = usesLocalTime ? localtime_r(&time, &parts) : gmtime_r(&time, &parts)
        return converted == nil ? nil : parts
    }

    /// `HH:MM:SS`; `??:??:??` for a time no calendar holds.
    public func timeOfDay(_ epochSeconds: Double) -> String {
        guard let parts = parts(epochSeconds) else { return "??:??:??" }
        return Self.clock(parts)
    }

    /// `YYYY-MM-DD HH:MM:SS`; `????-??-?? ??:??:??` for a time no calendar holds.
    public func dateAndTime(_ epochSeconds: Double) -> String {
        guard let parts = parts(epochSeconds) else { return "????-??-?? ??:??:??" }
        // In Int: tm_year + 1900 overflows Int32 for the largest years localtime_r accepts.
        return "\(Int(parts.tm_year) + 1900)-\(Self.two(parts.tm_mon + 1))-\(Self.two(parts.tm_mday)) "
            + Self.clock(parts)
    }

    private static func clock(_ parts: tm) -> String {
        "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }

    private static func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
