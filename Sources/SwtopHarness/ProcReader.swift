import Glibc

/// A reading of /proc of its own, independent of swtop's parsers, so that what
/// swtop reports can be compared with it (the tests), and so that other processes
/// can be watched from outside (the bench).
public enum ProcReader {
    public static let pageSize = UInt64(sysconf(Int32(_SC_PAGESIZE)))
    /// Clock ticks per second, the unit of `Stat`'s times.
    public static let clockTicksPerSecond = UInt64(sysconf(Int32(_SC_CLK_TCK)))

    /// The file's bytes, or nil when it cannot be opened or read (most often: the process is gone).
    public static func contents(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return result }
            result += buffer[..<count]
        }
    }

    public static func text(_ path: String) -> String? {
        contents(path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The command name of `pid` (/proc/PID/comm), nil when it is gone.
    public static func comm(_ pid: pid_t) -> String? {
        text("/proc/\(pid)/comm").map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }
    }

    /// RES and SHR in bytes from /proc/PID/statm (exact, unlike stat's rss).
    public static func statm(_ pid: pid_t) -> (resident: UInt64, shared: UInt64)? {
        guard let text = text("/proc/\(pid)/statm") else { return nil }
        let pages = text.split(separator: " ").compactMap { UInt64($0.filter { $0 != "\n" }) }
        guard pages.count >= 3 else { return nil }
        return (pages[1] * pageSize, pages[2] * pageSize)
    }

    /// Real and effective uid from the `Uid:` line of /proc/PID/status.
    public static func uids(_ pid: pid_t) -> (real: UInt32, effective: UInt32)? {
        guard let text = text("/proc/\(pid)/status"),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") })
        else { return nil }
        let numbers = line.dropFirst(4).split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { UInt32($0) }
        guard numbers.count >= 2 else { return nil }
        return (numbers[0], numbers[1])
    }

    /// PIDs whose parent is `pid` (zombies included), ascending, from a walk over
    /// /proc: the kernel's own children list needs a configuration option not every kernel has.
    public static func children(of pid: pid_t) -> [pid_t] {
        processes { $0.ppid == Int64(pid) }
    }

    /// Every process whose stat satisfies `condition`, ascending.
    public static func processes(where condition: (Stat) -> Bool) -> [pid_t] {
        allPIDs().filter { pid in stat(pid).map(condition) ?? false }
    }

    /// Every PID directory of /proc, ascending.
    public static func allPIDs() -> [pid_t] {
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        var result: [pid_t] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.isEmpty, name.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }), let pid = pid_t(name) {
                result.append(pid)
            }
        }
        return result.sorted()
    }
}
