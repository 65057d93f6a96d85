import Glibc
import Testing

/// `swtop --watch-output` against jobs the tests start: what they write to a log
/// file is printed, what they write into a pipe is left to its reader.
@Suite(.serialized) struct WatchOutputTests {
    static let delay = 0.5
    /// Room for scheduling on a busy machine, on top of the two delays the mode promises.
    static let slack = 0.75

    /// A shell whose stdout and stderr are `log` (appended to), echoing each line
    /// written into `fifo`. It starts no other process.
    private func echoJob(log: String, fifo: String) throws -> pid_t {
        try Spawn.start(
            "/bin/sh",
            ["sh", "-c", "exec >> '\(log)' 2>&1; while :; do read -r line < '\(fifo)' && echo \"$line\"; done"])
    }

    /// Hands `line` to an echo job (blocks until the job opens its FIFO).
    private func say(_ line: String, through fifo: String) {
        let descriptor = open(fifo, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = (line + "\n").withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
    }

    private func makeFIFO(_ path: String) throws {
        try #require(mkfifo(path, 0o600) == 0)
    }

    @Test func aNewJobsLogLinesArePrintedWithinTwoDelays() throws {
        let scratch = try ScratchDirectory()
        let log = scratch.file("job.log")
        let fifo = scratch.file("say")
        try makeFIFO(fifo)
        scratch.write("job.log", "written before swtop looked\n")
        let swtop = try StreamingSwtop(["--watch-output", "-d", String(Self.delay)])
        // Started after swtop: found at its next round.
        let job = try echoJob(log: log, fifo: fifo)
        defer { Spawn.kill(job) }
        usleep(UInt32(3 * Self.delay * 1e6))

        let prefix = "[\(job) sh] "
        let start = Clock.now()
        say("first marker", through: fifo)
        let seen = swtop.waitForLines(upTo: 10) { $0.contains(prefix + "first marker") }
        let elapsed = Clock.now() - start
        #expect(seen, "swtop printed: \(swtop.text.suffix(2000))")
        #expect(elapsed <= 2 * Self.delay + Self.slack, "the line took \(elapsed) s to appear")

        say("colour \u{1b}[31mred\u{07} end", through: fifo)
        #expect(
            swtop.waitForLines(upTo: 10) { $0.contains(prefix + "colour \\e[31mred\\x07 end") },
            "swtop printed: \(swtop.text.suffix(2000))")
        #expect(!swtop.text.contains("written before swtop looked"))
        #expect(!swtop.text.contains("\u{1b}"))
        // Interrupted, it ends as interactive mode does: 128 + SIGINT.
        #expect(swtop.interrupt() == .exited(128 + SIGINT))
    }

    @Test func aPipeIsNeverReadSoItsReaderGetsEveryLine() throws {
        let scratch = try ScratchDirectory()
        let file = scratch.file("copy.txt")
        let swtop = try StreamingSwtop(["--watch-output", "-d", "0.2"])
        usleep(300_000)
        let count = 40
        let job = try Spawn.start(
            "/bin/sh",
            [
                "sh", "-c",
                "i=0; while [ $i -lt \(count) ]; do echo \"line $i\"; i=$((i+1)); sleep 0.05; done | cat > '\(file)'",
            ])
        defer { Spawn.kill(job) }
        #expect(Spawn.reap(job, within: 30) == .exited(0))
        // cat writes into a regular file: its lines are shown, read from the file.
        #expect(
            swtop.waitForLines(upTo: 5) { $0.contains { $0.hasSuffix(" cat] line \(count - 1)") } },
            "swtop printed: \(swtop.text.suffix(2000))")
        swtop.interrupt()

        let expected = (0..<count).map { "line \($0)\n" }.joined()
        #expect(scratch.read("copy.txt") == expected, "the pipe's reader lost lines")
        // The writer's stdout is the pipe: nothing of it came through another process.
        #expect(!swtop.lines.contains { $0.contains(" sh] line ") }, "swtop printed: \(swtop.text.suffix(2000))")
    }

    @Test func aLogTruncatedAndRewrittenIsStillFollowed() throws {
        let scratch = try ScratchDirectory()
        let log = scratch.file("job.log")
        let fifo = scratch.file("say")
        try makeFIFO(fifo)
        let job = try echoJob(log: log, fifo: fifo)
        defer { Spawn.kill(job) }
        let swtop = try StreamingSwtop(["--watch-output", "--pid", String(job), "-d", "0.3"])
        let prefix = "[\(job) sh] "
        #expect(
            swtop.waitForLines(upTo: 10) { $0.contains(prefix + "(stdout: \(log))") }, "swtop printed: \(swtop.text)")

        say("before truncation", through: fifo)
        #expect(
            swtop.waitForLines(upTo: 10) { $0.contains(prefix + "before truncation") }, "swtop printed: \(swtop.text)")
        // Emptied and written again, longer than before, within one delay.
        scratch.write("job.log", "")
        say("after truncation, a longer line", through: fifo)
        #expect(
            swtop.waitForLines(upTo: 10) { $0.contains(prefix + "after truncation, a longer line") },
            "swtop printed: \(swtop.text)")
        #expect(swtop.lines.contains(prefix + "(stdout was truncated: reading it from the start)"))
        say("still followed", through: fifo)
        #expect(swtop.waitForLines(upTo: 10) { $0.contains(prefix + "still followed") }, "swtop printed: \(swtop.text)")
        swtop.interrupt()
    }

    @Test func anExitIsReportedOnceAndEndsAWatchOfNamedProcesses() throws {
        let scratch = try ScratchDirectory()
        let log = scratch.file("job.log")
        let fifo = scratch.file("say")
        try makeFIFO(fifo)
        let job = try Spawn.start(
            "/bin/sh", ["sh", "-c", "exec >> '\(log)'; read -r line < '\(fifo)'; echo \"$line\""])
        defer { Spawn.kill(job) }
        let swtop = try StreamingSwtop(["--watch-output", "--pid", String(job), "-d", "0.3"])
        let prefix = "[\(job) sh] "
        #expect(
            swtop.waitForLines(upTo: 10) { $0.contains(prefix + "(stdout: \(log))") }, "swtop printed: \(swtop.text)")
        say("last words", through: fifo)
        // The job ends (a zombie until reaped: that counts as ended).
        let status = swtop.waitForExit(upTo: 10)
        #expect(status == .exited(0), "swtop printed: \(swtop.text)")
        #expect(swtop.lines.filter { $0 == prefix + "exited" }.count == 1, "swtop printed: \(swtop.text)")
        #expect(swtop.lines.suffix(2) == [prefix + "last words", prefix + "exited"], "swtop printed: \(swtop.text)")
    }

    @Test func aPIDThatIsNotThereIsOneLineAndAFailure() throws {
        let run = try SwtopRun.run(["--watch-output", "--pid", "2147483647", "-d", "0.2"], timeout: 20)
        #expect(run.status == .exited(1))
        #expect(run.errorText == "swtop: --pid: no process 2147483647\n")
        #expect(run.output.isEmpty)
    }
}
