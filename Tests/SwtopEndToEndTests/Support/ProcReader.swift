import Glibc

/// The test's own reading of /proc, to compare with what swtop reports.
enum ProcReader {
    struct Stat {
        var state: Character
        var ppid: Int64
        var utime: UInt64
        var stime: UInt64
        var priority: Int64
        var nice: Int64
        var threads: Int64
        var startTicks: UInt64
        var virtualBytes: UInt64
        var residentPages: UInt64
    }

    static let pageSize = UInt64(sysconf(Int32(_SC_PAGESIZE)))
    static let clockTicksPerSecond = UInt64(sysconf(Int32(_SC_CLK_TCK)))
    static let onlineCPUs = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))

    static func contents(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if count < 0 { if errno == EINTR { continue }; return nil }
            if count == 0 { return result }
            result += buffer[..<count]
        }
    }

    static func text(_ path: String) -> String? {
        contents(path).map { String(decoding: $0, as: UTF8.self) }
    }

    static func stat(_ pid: pid_t) -> Stat? {
        guard let text = text("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        // Field 3 (state) onwards; fields[n - 3] is proc(5)'s field n.
        let fields = text[text.index(after: close)...].split(separator: " ").map(String.init)
        guard fields.count >= 22, let state = fields[0].first,
              let ppid = Int64(fields[1]), let utime = UInt64(fields[11]), let stime = UInt64(fields[12]),
              let priority = Int64(fields[15]), let nice = Int64(fields[16]), let threads = Int64(fields[17]),
              let start = UInt64(fields[19]), let virt = UInt64(fields[20]), let rss = UInt64(fields[21])
        else { return nil }
        return Stat(state: state, ppid: ppid, utime: utime, stime: stime, priority: priority, nice: nice,
                    threads: threads, startTicks: start, virtualBytes: virt, residentPages: rss)
    }

    /// RES and SHR in bytes from /proc/PID/statm (exact, unlike stat's rss).
    static func statm(_ pid: pid_t) -> (resident: UInt64, shared: UInt64)? {
        guard let text = text("/proc/\(pid)/statm") else { return nil }
        let pages = text.split(separator: " ").compactMap { UInt64($0.filter { $0 != "\n" }) }
        guard pages.count >= 3 else { return nil }
        return (pages[1] * pageSize, pages[2] * pageSize)
    }

    /// Real and effective uid from the `Uid:` line of /proc/PID/status.
    static func uids(_ pid: pid_t) -> (real: UInt32, effective: UInt32)? {
        guard let text = text("/proc/\(pid)/status"),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") })
        else { return nil }
        let numbers = line.dropFirst(4).split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { UInt32($0) }
        guard numbers.count >= 2 else { return nil }
        return (numbers[0], numbers[1])
    }

    static func comm(_ pid: pid_t) -> String? {
        text("/proc/\(pid)/comm").map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }
    }

    /// PIDs whose parent is `pid`, from a scan of /proc.
    static func children(of pid: pid_t) -> [pid_t] {
        allPIDs().filter { stat($0)?.ppid == Int64(pid) }
    }

    /// Every PID directory of /proc, ascending.
    static func allPIDs() -> [pid_t] {
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        var result: [pid_t] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if let pid = pid_t(name) { result.append(pid) }
        }
        return result.sorted()
    }

    static func userName(of uid: UInt32) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16384)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return String(cString: entry.pw_name)
    }
}

extension ProcReader {
    static func uid(ofUser name: String) -> UInt32? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16384)
        guard getpwnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return entry.pw_uid
    }

    /// Clock ticks since boot, now: comparable with a process's start time.
    static func uptimeTicks() -> UInt64? {
        guard let text = text("/proc/uptime"), let seconds = Double(text.split(separator: " ").first ?? "") else { return nil }
        return UInt64(seconds * Double(clockTicksPerSecond))
    }

    /// All ticks of the `cpu` line of /proc/stat (user … steal), as the README's "What the numbers mean" counts them.
    static func totalCPUTicks() -> UInt64? {
        guard let line = text("/proc/stat")?.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return nil }
        let values = line.split(separator: " ").dropFirst().prefix(8).compactMap { UInt64($0) }
        return values.count == 8 ? values.reduce(0, +) : nil
    }
}
