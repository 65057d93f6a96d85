/// What `/proc/stat` tells: CPU counters, boot time and the kernel's own count of
/// runnable and blocked threads.
public struct SystemStat: Equatable, Sendable {
    public var total = CPUTicks()
    /// Only online CPUs have a line, so `perCPU.count` is the online CPU count.
    public var perCPU: [NumberedCPUTicks] = []
    public var bootTime: UInt64 = 0
    public var runningThreads: UInt64 = 0
    public var blockedThreads: UInt64 = 0
    /// Context switches since boot (`ctxt`).
    public var contextSwitches: UInt64 = 0
    /// Interrupts serviced since boot (the first number of `intr`).
    public var interrupts: UInt64 = 0

    public init() {}
}

public enum SystemStatParser {
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> SystemStat? {
        var result = SystemStat()
        var sawTotal = false
        var cursor = ByteCursor(bytes)
        repeat {
            if cursor.consume("cpu") {
                let isTotal = cursor.index < bytes.count && bytes[cursor.index] == 0x20
                let id = isTotal ? nil : cursor.unsigned()
                guard isTotal || id != nil, let ticks = parseTicks(&cursor) else { continue }
                if isTotal {
                    result.total = ticks
                    sawTotal = true
                } else if let id, id <= UInt64(Int32.max) {
                    result.perCPU.append(NumberedCPUTicks(id: Int(id), ticks: ticks))
                }
            } else if cursor.consume("btime ") {
                result.bootTime = cursor.unsigned() ?? 0
            } else if cursor.consume("procs_running ") {
                result.runningThreads = cursor.unsigned() ?? 0
            } else if cursor.consume("procs_blocked ") {
                result.blockedThreads = cursor.unsigned() ?? 0
            } else if cursor.consume("ctxt ") {
                result.contextSwitches = cursor.unsigned() ?? 0
            } else if cursor.consume("intr ") {
                result.interrupts = cursor.unsigned() ?? 0
            }
        } while cursor.nextLine()
        return sawTotal ? result : nil
    }

    /// Reads 4 to 10 tick columns up to the end of the line.
    private static func parseTicks(_ cursor: inout ByteCursor) -> CPUTicks? {
        var values = InlineArray<10, UInt64>(repeating: 0)
        var count = 0
        while count < values.count {
            cursor.skipBlanks()
            guard !cursor.isAtEnd, cursor.bytes[cursor.index] != 0x0A, let value = cursor.unsigned() else { break }
            values[count] = value
            count += 1
        }
        guard count >= 4 else { return nil }
        return CPUTicks(
            user: values[0], nice: values[1], system: values[2], idle: values[3], iowait: values[4],
            irq: values[5], softirq: values[6], steal: values[7], guest: values[8], guestNice: values[9])
    }
}
