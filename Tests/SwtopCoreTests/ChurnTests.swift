import Glibc
import Testing

@testable import SwtopCore

/// The real /proc while processes are created and reaped hundreds of times a second:
/// PIDs vanish between readdir and read, and get reused. Every snapshot must still be
/// well formed, and no number may be invented for a process seen for the first time.
@Suite struct ChurnTests {
    @Test func snapshotsStayConsistentWhileProcessesComeAndGo() throws {
        try ChurnCPULock.withLock { try checkSnapshotsUnderChurn() }
    }

    private func checkSnapshotsUnderChurn() throws {
        let forksBefore = try #require(Self.forksSinceBoot())
        let churn = try ChurnShell.start()
        defer { churn.stop() }

        let reader = SnapshotReader(procFS: ProcFS())
        var previous: Snapshot?
        var problems: [String] = []
        var checkedPercentages = 0
        var checkedShares = 0
        for _ in 0..<50 {
            let snapshot = reader.read()
            problems += Self.problems(in: snapshot, previous: previous)
            checkedPercentages += snapshot.processes.filter { $0.cpuPercent != nil }.count
            checkedShares += ([snapshot.system.cpuTotal] + snapshot.system.cpus).filter { $0.percentages != nil }.count
            previous = snapshot
            usleep(20_000)
        }
        let forksAfter = try #require(Self.forksSinceBoot())

        let report = problems.prefix(20).joined(separator: "\n")
        #expect(problems.count == 0, "first problems:\n\(report)")
        // A typed value, not a literal: `UInt64? == literal` makes swift-testing read 9 bytes
        // of an 8-byte literal, which AddressSanitizer stops.
        #expect(previous?.generation == UInt64(50))
        // The range checks were not vacuous.
        #expect(checkedPercentages > 0, "processes seen twice got a CPU%")
        #expect(checkedShares > 0, "later samples got CPU shares")
        // The test is only worth something if the churn really ran alongside it.
        #expect(churn.isRunning, "the churn shell died early")
        #expect(forksAfter - forksBefore >= 200, "only \(forksAfter - forksBefore) processes were created meanwhile")
    }

    /// Everything wrong with one snapshot, given the one before it.
    static func problems(in snapshot: Snapshot, previous: Snapshot?) -> [String] {
        var problems: [String] = []
        let generation = snapshot.generation
        let expectedGeneration = (previous?.generation ?? 0) + 1
        if generation != expectedGeneration {
            problems.append("generation \(generation) after \(expectedGeneration - 1)")
        }
        let system = snapshot.system
        if system.onlineCPUs != system.cpus.count || system.cpus.isEmpty {
            problems.append("#\(generation): \(system.cpus.count) CPU lines, onlineCPUs \(system.onlineCPUs)")
        }
        for usage in [system.cpuTotal] + system.cpus {
            let name = usage.id.map { "cpu\($0)" } ?? "cpu"
            // nil is allowed on later samples too: a CPU whose counters did not move in a
            // few milliseconds has no share to show.
            guard let share = usage.percentages else { continue }
            if previous == nil { problems.append("#\(generation): \(name) has percentages on the first sample") }
            let parts = [
                ("user", share.user), ("nice", share.nice), ("system", share.system), ("irq", share.irq),
                ("softirq", share.softirq), ("iowait", share.iowait), ("steal", share.steal),
                ("guest", share.guest), ("idle", share.idle), ("busy", share.busy),
            ]
            for (field, value) in parts where !(value.isFinite && (0...100).contains(value)) {
                problems.append("#\(generation): \(name) \(field) = \(value)")
            }
        }

        let earlier = Dictionary(
            previous?.processes.map { ($0.pid, $0.startTicks) } ?? [], uniquingKeysWith: { first, _ in first })
        let maximumCPU = Double(system.onlineCPUs * 100)
        let elapsedTicks = system.cpuTotal.percentages != nil
        var lastPID: Int32 = 0
        for process in snapshot.processes {
            let pid = process.pid
            if pid <= lastPID { problems.append("#\(generation): PID \(pid) after \(lastPID): not strictly ascending") }
            lastPID = pid
            let seenBefore = earlier[pid] == process.startTicks
            if let cpu = process.cpuPercent {
                if !(cpu.isFinite && (0...maximumCPU).contains(cpu)) {
                    problems.append("#\(generation): PID \(pid) CPU% \(cpu)")
                }
                if !seenBefore { problems.append("#\(generation): new process \(pid) has CPU% \(cpu), not nil") }
            } else if seenBefore && elapsedTicks {
                problems.append("#\(generation): PID \(pid) was sampled before but has no CPU%")
            }
            let memory = process.memoryPercent
            if !(memory.isFinite && (0...100).contains(memory)) {
                problems.append("#\(generation): PID \(pid) MEM% \(memory)")
            }
        }
        if snapshot.tasks.total != snapshot.processes.count {
            problems.append(
                "#\(generation): tasks.total \(snapshot.tasks.total) for \(snapshot.processes.count) processes")
        }
        return problems
    }

    /// The `processes` line of /proc/stat: forks since boot (does not wrap like PIDs).
    static func forksSinceBoot() -> UInt64? {
        lines(of: "/proc/stat").first { $0.hasPrefix("processes ") }.flatMap {
            UInt64($0.dropFirst("processes ".count))
        }
    }

    /// The lines of a small text file, without their newlines; empty when it cannot be read.
    static func lines(of path: String) -> [String] {
        guard let file = fopen(path, "r") else { return [] }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        var lines: [String] = []
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            lines.append(text.hasSuffix("\n") ? String(text.dropLast()) : text)
        }
        return lines
    }
}

/// The fork storm below takes real CPU time from everything else on the machine, so
/// it must not overlap a test that measures CPU%: the end-to-end tests hold the same
/// exclusive flock (Tests/SwtopEndToEndTests/Support/CPUQuietLock.swift) while they do.
private enum ChurnCPULock {
    static let path = "/tmp/swtop-tests-cpu.lock"

    static func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

/// A shell in its own process group that starts ten /bin/true at a time, forever.
/// SIGTERM makes it reap what it started and exit, so nothing is left orphaned.
private struct ChurnShell {
    let pid: pid_t

    static let script =
        "trap 'wait; exit 0' TERM; "
        + "while :; do for i in 1 2 3 4 5 6 7 8 9 10; do /bin/true & done; wait; done"

    static func start() throws -> ChurnShell {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Default dispositions (an inherited SIG_IGN cannot be trapped), nothing blocked.
        var defaults = sigset_t()
        var mask = sigset_t()
        sigemptyset(&defaults)
        sigemptyset(&mask)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let arguments = ["/bin/sh", "-c", script]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
        guard status == 0 else { throw ChurnError(code: status) }
        return ChurnShell(pid: pid)
    }

    /// Alive, not a zombie. Looks without reaping, so the PID stays ours until `stop`.
    var isRunning: Bool {
        guard let state = Self.state(of: pid) else { return false }
        return state != "Z" && state != "X"
    }

    /// SIGTERM and up to 5 s for a clean exit, then SIGKILL to the whole group, then reap.
    /// The group is signalled while its leader is unreaped, so its id cannot have been reused.
    func stop() {
        _ = kill(pid, SIGTERM)
        for _ in 0..<500 where isRunning { usleep(10_000) }
        _ = kill(-pid, SIGKILL) // stragglers of the group, if any; ESRCH when there are none
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    /// The state letter in /proc/PID/stat.
    static func state(of pid: pid_t) -> Character? {
        guard let text = ChurnTests.lines(of: "/proc/\(pid)/stat").first, let close = text.lastIndex(of: ")") else {
            return nil
        }
        return text[text.index(after: close)...].first { $0 != " " }
    }
}

private struct ChurnError: Error, CustomStringConvertible {
    var code: Int32
    var description: String { "posix_spawn /bin/sh: \(String(cString: strerror(code)))" }
}
