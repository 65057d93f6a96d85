import Glibc

/// Processes created and reaped hundreds of times a second: a shell in its own
/// process group that starts ten /bin/true at a time, forever. PIDs vanish between
/// a monitor's readdir and its reads, and get reused. `stop` makes the shell reap
/// what it started and exit, then kills any straggler of its group.
struct Churn {
    let pid: pid_t
    let forksAtStart: UInt64
    let startedAt: Double

    static let script =
        "trap 'wait; exit 0' TERM; "
        + "while :; do for i in 1 2 3 4 5 6 7 8 9 10; do /bin/true & done; wait; done"

    static func start() throws -> Churn {
        let forks = try forksSinceBoot()
        let pid = try Spawn.start("/bin/sh", ["/bin/sh", "-c", script], newProcessGroup: true)
        return Churn(pid: pid, forksAtStart: forks, startedAt: Clock.now())
    }

    /// Processes created per second on the whole machine since `start` (the churn's
    /// share dominates; the `processes` counter of /proc/stat never wraps like PIDs).
    func forksPerSecond() -> Double {
        let forks = (try? Self.forksSinceBoot()) ?? forksAtStart
        return Double(forks &- forksAtStart) / max(0.001, Clock.now() - startedAt)
    }

    /// Alive, not a zombie. Looks without reaping, so the PID stays ours until `stop`.
    var isRunning: Bool {
        guard let state = ProcReader.stat(pid)?.state else { return false }
        return state != "Z" && state != "X"
    }

    /// SIGTERM and up to 5 s for a clean exit, then SIGKILL to the group, then reap.
    /// The group is signalled while its leader is unreaped, so its id cannot have been reused.
    func stop() {
        _ = kill(pid, SIGTERM)
        _ = Clock.wait(upTo: 5) { !isRunning }
        _ = kill(-pid, SIGKILL)
        Spawn.reap(pid)
    }

    static func forksSinceBoot() throws -> UInt64 {
        let line = ProcReader.text("/proc/stat")?.split(separator: "\n").first { $0.hasPrefix("processes ") }
        guard let count = line.flatMap({ UInt64($0.dropFirst("processes ".count)) }) else {
            throw SpawnError(description: "no processes line in /proc/stat")
        }
        return count
    }
}

/// Sizes of a long test run: the default suite runs a short one; `scripts/soak` sets
/// the variable for the long one.
enum SoakSize {
    static func value(_ variable: String, default fallback: Int) -> Int {
        guard let text = getenv(variable).map({ String(cString: $0) }), let value = Int(text), value > 0 else {
            return fallback
        }
        return value
    }
}
