import Glibc

/// What the monitors mode reads about another process in /proc/PID/stat: enough
/// to charge a monitor its CPU time and to tell whether it, or a helper, is gone.
struct ProcessStat {
    /// One letter: R, S, D, Z (exited, not yet reaped) and so on.
    var state: UInt8
    var parent: pid_t
    /// utime + stime (fields 14 and 15), all threads, in clock ticks.
    var cpuTicks: UInt64

    var isZombie: Bool { state == UInt8(ascii: "Z") }

    /// Clock ticks per second, the unit of `cpuTicks`.
    static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// nil when the process is gone or the file does not parse.
    init?(pid: pid_t) {
        guard let text = ProcText.contents(of: "/proc/\(pid)/stat") else { return nil }
        self.init(parsing: text)
    }

    init?(parsing text: String) {
        // The command name (field 2) is in parentheses and may itself contain
        // spaces and parentheses: the fields that follow start after the last ')'.
        guard let close = text.utf8.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = text.utf8[text.utf8.index(after: close)...]
            .split(separator: UInt8(ascii: " "))
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        guard fields.count > 12,
              let state = fields[0].first,
              let parent = pid_t(Substring(fields[1])),
              let user = UInt64(Substring(fields[11])),
              let system = UInt64(Substring(fields[12]))
        else { return nil }
        self.state = state
        self.parent = parent
        self.cpuTicks = user + system
    }

    /// The command name of `pid` (/proc/PID/comm), nil when it is gone.
    static func command(of pid: pid_t) -> String? {
        ProcText.contents(of: "/proc/\(pid)/comm").map { text in
            text.hasSuffix("\n") ? String(text.dropLast()) : text
        }
    }

    /// The live processes whose parent is `pid`, found by a walk over /proc (the
    /// kernel's own children list needs a configuration option not every kernel has).
    static func children(of pid: pid_t) -> [pid_t] {
        processes { stat in stat.parent == pid && !stat.isZombie }
    }

    /// Every process whose stat satisfies `condition`.
    static func processes(where condition: (ProcessStat) -> Bool) -> [pid_t] {
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        var found: [pid_t] = []
        while let entry = readdir(directory) {
            guard let name = ProcEntries.pidName(entry), let pid = pid_t(String(cString: name)) else { continue }
            if let stat = ProcessStat(pid: pid), condition(stat) { found.append(pid) }
        }
        return found
    }
}

/// Small text files under /proc, read whole.
enum ProcText {
    /// The file's text, or nil when it cannot be opened (most often: the process is gone).
    static func contents(of path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
