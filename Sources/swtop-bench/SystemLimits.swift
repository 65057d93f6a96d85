import Glibc
import SwtopHarness

/// The kernel limits a huge run can hit: every thread takes a PID (`pid_max`),
/// the whole system has a thread budget (`threads-max`), and a user has a process
/// limit (RLIMIT_NPROC, which counts threads; root is exempt). Raises what is too
/// low when allowed, and puts the two system-wide settings back afterwards.
final class SystemLimits {
    private static let pidMaxPath = "/proc/sys/kernel/pid_max"
    private static let threadsMaxPath = "/proc/sys/kernel/threads-max"
    /// The kernel's own ceiling for pid_max on 64-bit machines.
    private static let pidMaxCeiling = 4_194_304
    private var restores: [(path: String, value: Int)] = []

    /// Makes room for `tasks` more tasks (processes and threads) than run now.
    func makeRoom(forTasks tasks: Int) throws(BenchError) {
        let needed = Self.runningTasks() + tasks + 1_000 // margin for what starts meanwhile
        try raise(Self.pidMaxPath, to: needed, ceiling: Self.pidMaxCeiling)
        try raise(Self.threadsMaxPath, to: needed, ceiling: Int(Int32.max))
        guard geteuid() != 0 else { return }
        var limit = rlimit()
        guard getrlimit(processLimitResource, &limit) == 0 else { return }
        guard limit.rlim_cur != unlimited, limit.rlim_cur < rlim_t(needed) else { return }
        limit.rlim_cur = limit.rlim_max == unlimited ? rlim_t(needed) : min(limit.rlim_max, rlim_t(needed))
        guard setrlimit(processLimitResource, &limit) == 0, limit.rlim_cur >= rlim_t(needed) else {
            throw BenchError(
                "the process limit (ulimit -u) is \(limit.rlim_max), below the \(needed) tasks needed: "
                    + "raise the hard limit or run as root")
        }
        progress("raised ulimit -u to \(limit.rlim_cur)")
    }

    /// Puts back every system-wide setting this raised. Safe to call more than once.
    func restore() {
        for (path, value) in restores.reversed() where Self.store(value, in: path) {
            progress("\(path) back to \(value)")
        }
        restores.removeAll()
    }

    deinit { restore() }

    private func raise(_ path: String, to needed: Int, ceiling: Int) throws(BenchError) {
        guard let current = Self.read(path), current < needed else { return }
        // Twice what is needed: threads and PIDs are allocated and freed all the time.
        let wanted = min(ceiling, needed * 2)
        guard wanted >= needed, Self.store(wanted, in: path) else {
            throw BenchError(
                "\(path) is \(current), below the \(needed) tasks needed, and cannot be raised "
                    + "(as root: echo \(wanted) > \(path))")
        }
        restores.append((path, current))
        progress("raised \(path) from \(current) to \(wanted)")
    }

    /// Tasks on the system now: the denominator of the fourth field of /proc/loadavg.
    static func runningTasks() -> Int {
        guard let text = ProcReader.text("/proc/loadavg") else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count >= 4, let slash = fields[3].firstIndex(of: "/") else { return 0 }
        return Int(fields[3][fields[3].index(after: slash)...]) ?? 0
    }

    private static func read(_ path: String) -> Int? {
        ProcReader.text(path).flatMap { Int($0.split(separator: "\n").first ?? "") }
    }

    private static func store(_ value: Int, in path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let text = Array("\(value)\n".utf8)
        return write(fd, text, text.count) == text.count
    }
}

/// RLIMIT_NPROC: glibc defines it as a macro for an enum case, which Swift sees only by that name.
/// RLIM_INFINITY, which Swift imports as an overflowing -1 literal.
private let unlimited = rlim_t.max

private let processLimitResource = __rlimit_resource_t(__RLIMIT_NPROC.rawValue)
