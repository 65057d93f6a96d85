import Glibc
import Testing

@testable import SwtopHarness

@Suite struct SpawnTests {
    private var shell: String { Spawn.executable("sh") ?? "/bin/sh" }

    @Test func runCollectsOutputAndStatus() throws {
        let finished = try Spawn.run(shell, ["sh", "-c", "echo one; echo two; exit 3"])
        #expect(finished.output == "one\ntwo\n")
        #expect(finished.status == .exited(3))
        #expect(!finished.succeeded)
    }

    /// The child starts with nothing blocked and default dispositions, in a group of
    /// its own, even when the parent blocks and ignores signals.
    @Test func childStartsWithACleanSignalStateInItsOwnGroup() throws {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGUSR1)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        // Programs that leave their signal mask alone (a shell may reset it) report their own state.
        let grep = try #require(Spawn.executable("grep"))
        let status = try Spawn.run(grep, ["grep", "^SigBlk", "/proc/self/status"])
        #expect(status.output == "SigBlk:\t0000000000000000\n")
        let cat = try #require(Spawn.executable("cat"))
        let stat = try Spawn.run(cat, ["cat", "/proc/self/stat"]).output
        // Field 5, the process group, is the third after the command's closing parenthesis.
        let fields = stat[stat.index(after: try #require(stat.lastIndex(of: ")")))...].split(separator: " ")
        #expect(fields.count > 2 && Int32(fields[2]) != getpgrp(), "\(stat)")
    }

    @Test func aHelperThatDoesNotFinishIsKilledAndReported() {
        #expect(throws: SpawnError.self) { try Spawn.run(shell, ["sh", "-c", "exec sleep 30"], timeout: 0.2) }
    }

    @Test func reapWithinReturnsNilWhileRunningAndKillEnds() throws {
        let pid = try Spawn.start(shell, ["sh", "-c", "exec sleep 30"])
        #expect(Spawn.reap(pid, within: 0) == nil)
        Spawn.kill(pid)
        #expect(Spawn.reap(pid) == nil, "killed and reaped already")
    }

    @Test func endWaitsForAChildThenKillsIt() throws {
        let pid = try Spawn.start(shell, ["sh", "-c", "exec sleep 30"])
        #expect(Spawn.end(pid, graceSeconds: 0.05))
        #expect(ProcReader.stat(pid) == nil)
    }

    @Test func executableLooksInPATH() {
        #expect(Spawn.executable("sh").map(Spawn.isExecutableFile) == true)
        #expect(Spawn.executable("no-such-program-anywhere") == nil)
    }
}
