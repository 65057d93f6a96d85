public struct LoadAverage: Equatable, Sendable {
    public var one: Double
    public var five: Double
    public var fifteen: Double
    /// The PID the kernel gave the newest task (process or thread) in the reader's
    /// PID namespace: while it stays the same, no task was created.
    public var lastPID: Int32?

    public init(one: Double = 0, five: Double = 0, fifteen: Double = 0, lastPID: Int32? = nil) {
        (self.one, self.five, self.fifteen, self.lastPID) = (one, five, fifteen, lastPID)
    }
}

/// `/proc/loadavg`: `0.20 0.18 0.12 1/80 11206`.
public enum LoadavgParser {
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> LoadAverage? {
        var cursor = ByteCursor(bytes)
        guard let one = cursor.decimal(), let five = cursor.decimal(), let fifteen = cursor.decimal() else {
            return nil
        }
        _ = cursor.word() // running/total tasks
        let lastPID = cursor.unsigned().flatMap { Int32(exactly: $0) }
        return LoadAverage(one: one, five: five, fifteen: fifteen, lastPID: lastPID)
    }
}
