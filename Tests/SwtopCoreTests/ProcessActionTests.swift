import Glibc
import Testing

@testable import SwtopCore

/// Signals through `ProcessController` reach real child processes of the test,
/// and only the process that was meant.
@Suite(.serialized) struct ProcessControllerTests {
    let controller = ProcessController(procFS: ProcFS())

    /// A child `sleep` and what a target for it looks like.
    private func spawnSleeper() throws -> (pid: pid_t, target: ProcessTarget) {
        var pid: pid_t = 0
        let words: [String] = ["sleep", "30"]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        // Default dispositions and no blocked signals, whatever the test runner set.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        var all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        #expect(posix_spawn(&pid, "/bin/sleep", nil, &attributes, arguments, environ) == 0)
        let stat = try #require(readStat(pid))
        return (pid, ProcessTarget(pid: pid, startTicks: stat.startTicks, name: "sleep", user: "root"))
    }

    private func readStat(_ pid: pid_t) -> ProcessStat? {
        ProcFileReader().withContents(ofPath: "/proc/\(pid)/stat", singleLine: true) { ProcessStatParser.parse($0) }
            ?? nil
    }

    private func waitForState(_ pid: pid_t, _ state: Character) -> Bool {
        for _ in 0..<200 {
            if readStat(pid).map({ Character(Unicode.Scalar($0.state)) }) == state { return true }
            usleep(10_000)
        }
        return false
    }

    private func reap(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return status
    }

    @Test func stopContinueAndTerminateReachTheProcess() throws {
        let (pid, target) = try spawnSleeper()
        #expect(controller.send(SIGSTOP, to: target) == .done)
        #expect(waitForState(pid, "T"))
        #expect(controller.send(SIGCONT, to: target) == .done)
        #expect(waitForState(pid, "S"))
        #expect(controller.isAlive(target))
        #expect(controller.send(SIGTERM, to: target) == .done)
        #expect(waitForState(pid, "Z"))
        #expect(!controller.isAlive(target)) // a zombie has ended
        #expect(controller.send(SIGKILL, to: target) == .exited)
        let status = reap(pid)
        #expect(status & 0x7F == SIGTERM)
        #expect(controller.send(SIGTERM, to: target) == .exited)
    }

    @Test func aTargetWithAnotherStartTimeIsNeverSignalled() throws {
        let (pid, target) = try spawnSleeper()
        defer {
            kill(pid, SIGKILL)
            _ = reap(pid)
        }
        let impostor = ProcessTarget(pid: pid, startTicks: target.startTicks + 1, name: "sleep", user: "root")
        #expect(controller.send(SIGKILL, to: impostor) == .replaced)
        #expect(controller.renice(impostor, by: 5) == .replaced)
        usleep(50_000)
        #expect(readStat(pid)?.state == UInt8(ascii: "S"))
    }

    @Test func reniceSetsTheNiceValue() throws {
        let (pid, target) = try spawnSleeper()
        defer {
            kill(pid, SIGKILL)
            _ = reap(pid)
        }
        #expect(controller.renice(target, by: 7) == .done)
        #expect(controller.renice(target, by: 7) == .done) // from the value now, not a stale one
        #expect(readStat(pid)?.nice == 14)
        #expect(controller.renice(target, by: 100) == .done)
        #expect(readStat(pid)?.nice == 19)
    }

    @Test(arguments: [0, -1, -4242] as [Int32])
    func groupPIDsAreRefused(pid: Int32) {
        let target = ProcessTarget(pid: pid, startTicks: 0, name: "x", user: "root")
        #expect(controller.send(SIGTERM, to: target) == .refused)
        #expect(controller.renice(target, by: 1) == .refused)
    }
}

@Suite struct ActionOutcomeTests {
    let sshd = ProcessTarget(pid: 812, startTicks: 1, name: "sshd", user: "root")

    @Test func errorsBecomeWordsNamingThePID() {
        #expect(
            ActionOutcome.failed(errno: EPERM).message(for: sshd, action: "terminate")
                == "not permitted: PID 812 (sshd) belongs to root")
        #expect(
            ActionOutcome.failed(errno: ESRCH).message(for: sshd, action: "terminate")
                == "PID 812 (sshd) had already exited")
        #expect(ActionOutcome.exited.message(for: sshd, action: "kill") == "PID 812 (sshd) had already exited")
        #expect(
            ActionOutcome.replaced.message(for: sshd, action: "kill") == "PID 812 is now another process: nothing sent")
        #expect(ActionOutcome.done.message(for: sshd, action: "suspended") == "suspended: PID 812 (sshd)")
        #expect(
            ActionOutcome.failed(errno: ENOMEM).message(for: sshd, action: "kill").hasPrefix("kill PID 812 (sshd): "))
    }

    /// setpriority's EACCES: the process is the user's own, lowering its nice value takes privilege.
    @Test func aLowerNiceValueNamesTheMissingCapability() {
        let own = ProcessTarget(pid: 4242, startTicks: 1, name: "make", user: "alice")
        #expect(
            ActionOutcome.failed(errno: EACCES).message(for: own, action: "renice")
                == "not permitted: a lower nice value for PID 4242 (make) needs CAP_SYS_NICE")
        #expect(
            ActionOutcome.someThreadsFailed(2, of: 5, errno: EACCES).message(for: own, action: "renice")
                == "renice PID 4242 (make): 2 of 5 threads unchanged (a lower nice value needs CAP_SYS_NICE)")
        #expect(
            ActionOutcome.someThreadsFailed(1, of: 3, errno: EPERM).message(for: own, action: "renice")
                == "renice PID 4242 (make): 1 of 3 threads unchanged (not permitted)")
    }

    @Test func theCatalogNamesEverySignalOnce() {
        let all = SignalCatalog.all
        #expect(all.first == SignalCatalog.Entry(number: 1, name: "SIGHUP"))
        #expect(SignalCatalog.name(of: SIGTERM) == "SIGTERM")
        #expect(SignalCatalog.name(of: SIGKILL) == "SIGKILL")
        #expect(all.map(\.number) == all.map(\.number).sorted() && Set(all.map(\.number)).count == all.count)
        #expect(SignalCatalog.standard.count == 31)
        #expect(all.last?.name == "SIGRTMAX" && all.contains { $0.name == "SIGRTMIN+1" })
    }
}

@Suite struct GracefulStopTests {
    let quick = ProcessTarget(pid: 100, startTicks: 1, name: "quick", user: "root")
    let stubborn = ProcessTarget(pid: 200, startTicks: 1, name: "stubborn", user: "root")
    let gone = ProcessTarget(pid: 300, startTicks: 1, name: "gone", user: "root")

    /// Records what was sent; `quick` dies on SIGTERM, `stubborn` only on SIGKILL.
    final class FakeSystem {
        var sent: [(Int32, Int32)] = []
        var alive: Set<Int32> = [100, 200]
        func send(_ signal: Int32, _ target: ProcessTarget) -> ActionOutcome {
            guard alive.contains(target.pid) else { return .exited }
            sent.append((signal, target.pid))
            if signal == SIGKILL || (signal == SIGTERM && target.pid == 100) { alive.remove(target.pid) }
            return .done
        }
    }

    @Test func terminateThenKillWhatOutlivesTheGrace() {
        let system = FakeSystem()
        var stop = GracefulStop(targets: [quick, stubborn, gone], grace: 5, now: 1000, send: system.send)
        #expect(system.sent.map(\.0) == [SIGTERM, SIGTERM])
        stop.advance(now: 1002, isAlive: { system.alive.contains($0.pid) }, send: system.send)
        #expect(stop.phase == .waiting)
        #expect(stop.stillRunning == [stubborn])
        #expect(stop.secondsLeft(now: 1002) == 3)
        stop.advance(now: 1004.9, isAlive: { system.alive.contains($0.pid) }, send: system.send)
        #expect(system.sent.count == 2) // no SIGKILL before the deadline
        stop.advance(now: 1005, isAlive: { system.alive.contains($0.pid) }, send: system.send)
        #expect(stop.phase == .finished)
        #expect(system.sent.last.map { [$0.0, $0.1] } == [SIGKILL, 200])
        #expect(stop.endedOnTerminate == [quick])
        #expect(stop.killed == [stubborn])
        #expect(
            stop.summary
                == "Graceful stop: ended on SIGTERM: 100; needed SIGKILL: 200; PID 300 (gone) had already exited")
    }

    @Test func escapeCancelsTheKill() {
        let system = FakeSystem()
        var stop = GracefulStop(targets: [stubborn], grace: 5, now: 0, send: system.send)
        stop.cancel()
        stop.advance(now: 10, isAlive: { system.alive.contains($0.pid) }, send: system.send)
        #expect(stop.phase == .cancelled)
        #expect(system.sent.map(\.0) == [SIGTERM])
        #expect(stop.summary == "Graceful stop: SIGKILL cancelled; still running: 200")
    }

    @Test func endsEarlyWhenEveryTargetIsGone() {
        let system = FakeSystem()
        var stop = GracefulStop(targets: [quick], grace: 5, now: 0, send: system.send)
        stop.advance(now: 0.1, isAlive: { system.alive.contains($0.pid) }, send: system.send)
        #expect(stop.phase == .finished)
        #expect(stop.summary == "Graceful stop: ended on SIGTERM: 100")
    }
}
