#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Turns epoch seconds into local clock text; `utc` keeps tests independent of
/// the machine's time zone.
public struct WallClock: Sendable {
    let usesLocalTime: Bool

    public static let local = WallClock(usesLocalTime: true)
    public static let utc = WallClock(usesLocalTime: false)

    /// `HH:MM:SS`.
    public func timeOfDay(_ epochSeconds: Double) -> String {
        var time = time_t(epochSeconds)
        var parts = tm()
        if usesLocalTime { localtime_r(&time, &parts) } else { gmtime_r(&time, &parts) }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }

    /// `YYYY-MM-DD HH:MM:SS`.
    public func dateAndTime(_ epochSeconds: Double) -> String {
        var time = time_t(epochSeconds)
        var parts = tm()
        if usesLocalTime { localtime_r(&time, &parts) } else { gmtime_r(&time, &parts) }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) " + timeOfDay(epochSeconds)
    }
}
