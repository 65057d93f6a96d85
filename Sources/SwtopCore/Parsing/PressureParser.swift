/// The share of time some (or all) runnable tasks stalled on one resource, in
/// percent, averaged over 10, 60 and 300 seconds.
public struct PressureAverages: Sendable, Equatable {
    public var avg10: Double
    public var avg60: Double
    public var avg300: Double

    public init(avg10: Double, avg60: Double, avg300: Double) {
        (self.avg10, self.avg60, self.avg300) = (avg10, avg60, avg300)
    }
}

/// One `/proc/pressure/*` file. `full` is nil where the kernel does not write it
/// (cpu before Linux 5.13).
public struct ResourcePressure: Sendable, Equatable {
    public var some: PressureAverages
    public var full: PressureAverages?

    public init(some: PressureAverages, full: PressureAverages?) {
        (self.some, self.full) = (some, full)
    }
}

/// `/proc/pressure/{cpu,io,memory}`:
/// `some avg10=0.12 avg60=0.05 avg300=0.01 total=123456`, then the same for `full`.
public enum PressureParser {
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ResourcePressure? {
        var cursor = ByteCursor(bytes)
        var some: PressureAverages?
        var full: PressureAverages?
        repeat {
            var line = cursor.restOfLine()
            line.skipBlanks()
            if line.consume("some") { some = averages(&line) } else if line.consume("full") { full = averages(&line) }
        } while cursor.nextLine()
        return some.map { ResourcePressure(some: $0, full: full) }
    }

    private static func averages(_ cursor: inout ByteCursor) -> PressureAverages? {
        cursor.skipBlanks()
        guard cursor.consume("avg10="), let avg10 = cursor.decimal() else { return nil }
        cursor.skipBlanks()
        guard cursor.consume("avg60="), let avg60 = cursor.decimal() else { return nil }
        cursor.skipBlanks()
        guard cursor.consume("avg300="), let avg300 = cursor.decimal() else { return nil }
        return PressureAverages(avg10: avg10, avg60: avg60, avg300: avg300)
    }
}
