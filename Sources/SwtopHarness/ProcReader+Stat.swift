import Glibc

extension ProcReader {
    /// The fields of /proc/PID/stat that the tests and the bench look at.
    public struct Stat {
        /// One letter: R, S, D, Z (exited, not yet reaped) and so on.
        public var state: Character
        public var ppid: Int64
        /// In clock ticks (`clockTicksPerSecond`), all threads.
        public var utime: UInt64
        public var stime: UInt64
        public var priority: Int64
        public var nice: Int64
        public var threads: Int64
        /// Clock ticks after boot.
        public var startTicks: UInt64
        public var virtualBytes: UInt64
        public var residentPages: UInt64

        /// utime + stime.
        public var cpuTicks: UInt64 { utime + stime }
        public var isZombie: Bool { state == "Z" }
    }

    /// nil when the process is gone or the file does not parse.
    public static func stat(_ pid: pid_t) -> Stat? {
        contents("/proc/\(pid)/stat").flatMap(parseStat)
    }

    /// /proc/PID/stat's text, parsed.
    public static func parseStat(_ bytes: [UInt8]) -> Stat? {
        // The command name (field 2) is in parentheses and may itself contain
        // spaces and parentheses: the fields that follow start after the last ')'.
        guard let close = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        // Field 3 (state) onwards; fields[n - 3] is proc(5)'s field n.
        let fields = bytes[(close + 1)...].split(separator: UInt8(ascii: " ")).prefix(22)
        guard fields.count == 22, fields[0].count == 1, let letter = fields[0].first else { return nil }
        func number<Value: FixedWidthInteger>(_ index: Int) -> Value? {
            Value(String(decoding: fields[index].filter { $0 != UInt8(ascii: "\n") }, as: UTF8.self))
        }
        guard let ppid: Int64 = number(1), let utime: UInt64 = number(11), let stime: UInt64 = number(12),
            let priority: Int64 = number(15), let nice: Int64 = number(16), let threads: Int64 = number(17),
            let start: UInt64 = number(19), let virt: UInt64 = number(20), let rss: UInt64 = number(21)
        else { return nil }
        return Stat(
            state: Character(Unicode.Scalar(letter)), ppid: ppid, utime: utime, stime: stime,
            priority: priority, nice: nice, threads: threads, startTicks: start, virtualBytes: virt,
            residentPages: rss)
    }
}
