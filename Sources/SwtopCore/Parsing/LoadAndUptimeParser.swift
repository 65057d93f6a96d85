public struct LoadAverage: Equatable, Sendable {
    public var one: Double
    public var five: Double
    public var fifteen: Double

    public init(one: Double = 0, five: Double = 0, fifteen: Double = 0) {
        (self.one, self.five, self.fifteen) = (one, five, fifteen)
    }
}

/// `/proc/loadavg` (`0.20 0.18 0.12 1/80 11206`) and `/proc/uptime` (`350735.47 234388.90`).
public enum LoadAndUptimeParser {
    public static func loadAverage(_ bytes: UnsafeBufferPointer<UInt8>) -> LoadAverage? {
        var cursor = ByteCursor(bytes)
        guard let one = cursor.decimal(), let five = cursor.decimal(), let fifteen = cursor.decimal() else { return nil }
        return LoadAverage(one: one, five: five, fifteen: fifteen)
    }

    public static func uptimeSeconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var cursor = ByteCursor(bytes)
        return cursor.decimal()
    }
}
