import Glibc
import Testing

/// Too few file descriptors: refused at start-up in one line, and during a run the
/// processes stay (kept from the last sample) rather than look gone.
@Suite struct DescriptorLimitTests {
    @Test(arguments: [8, 10])
    func aLowLimitIsOneLineAndStatusOne(limit: Int) throws {
        let binary = try #require(SwtopBinary.path)
        let run = try SwtopRun.run(
            "/bin/sh", argv: ["sh", "-c", "ulimit -n \(limit); exec '\(binary)' --batch -n 1 -d 0.1"],
            recording: ["ulimit -n \(limit); swtop --batch -n 1"])
        #expect(run.status == .exited(1), "\(run.status); stderr: \(run.errorText)")
        #expect(run.output.isEmpty)
        #expect(run.errorText.hasPrefix("swtop: too few file descriptors"), "\(run.errorText)")
        #expect(run.errorText.split(separator: "\n").count == 1, "\(run.errorText)")
    }

    /// Lowers a running swtop's limit below the descriptors it already holds, so
    /// every open it tries fails with EMFILE.
    private static func starve(_ pid: pid_t) throws {
        let prlimit = try #require(Spawn.executable("prlimit"), "prlimit is not installed")
        let job = try Spawn.start(prlimit, ["prlimit", "--pid", String(pid), "--nofile=4:4"])
        #expect(Spawn.reap(job) == .exited(0))
    }

    private static func taskTotals(_ lines: [String]) -> [(total: Int, line: String)] {
        lines.filter { $0.hasPrefix("Tasks: ") }.compactMap { line in
            line.dropFirst("Tasks: ".count).split(separator: " ").first.flatMap { Int($0) }.map { ($0, line) }
        }
    }

    @Test func processesStayWhenDescriptorsRunOutDuringARun() throws {
        let swtop = try StreamingSwtop(["--batch", "-d", "0.2"])
        #expect(swtop.waitForLines(upTo: 10) { Self.taskTotals($0).count >= 2 })
        let before = try #require(Self.taskTotals(swtop.lines).last)
        try #require(before.total > 0)
        try Self.starve(swtop.pid)
        let seen = swtop.lines.count
        #expect(swtop.waitForLines(upTo: 10) { Self.taskTotals(Array($0.dropFirst(seen))).count >= 3 })
        let starved = Self.taskTotals(Array(swtop.lines.dropFirst(seen))).dropFirst() // the first may predate the limit
        #expect(!starved.isEmpty)
        for frame in starved {
            // Processes that exited meanwhile (another test's) may be gone: most stay.
            #expect(frame.total * 2 > before.total, "\(frame.line) after \(before.line)")
            #expect(frame.line.contains("not refreshed (out of file descriptors)"), "\(frame.line)")
        }
        swtop.interrupt()
    }

    @Test func watchOutputDoesNotCallALiveProcessExited() throws {
        let job = try Spawn.start("/bin/sleep", ["sleep", "60"])
        defer { Spawn.kill(job) }
        let swtop = try StreamingSwtop(["--watch-output", "--pid", String(job), "-d", "0.2"])
        #expect(swtop.waitForLines(upTo: 10) { $0.contains { $0.contains("(stdout:") } }, "\(swtop.text)")
        try Self.starve(swtop.pid)
        // Several rounds with no descriptor to spare.
        swtop.waitForLines(upTo: 1.5) { $0.contains { $0.contains("exited") } }
        #expect(!swtop.text.contains("exited"), "\(swtop.text)")
        let state = ProcReader.text("/proc/\(swtop.pid)/stat")?.split(separator: ")").last?.split(separator: " ").first
        #expect(state != nil && state != "Z", "swtop ended: \(swtop.text)")
        swtop.interrupt()
    }
}
