import Glibc
import SwtopCore
import SwtopHarness
import Synchronization

/// The process group of the spawned children, 0 while there is none.
///
/// A global because a signal handler is a C function pointer and can capture
/// nothing; an atomic because the handler may run between any two instructions
/// of the main thread (a lock-free load is async-signal-safe, a lock is not).
/// Only `ProcessFarm` stores into it.
let childGroup = Atomic<Int32>(0)

/// Kills the children when the bench is interrupted, so Ctrl-C or a `kill` never
/// leaves thousands of idle processes behind. (If the bench dies without running
/// a handler, e.g. SIGKILL, the children notice on their own: see `ProcessFarm`.)
enum SignalCleanup {
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    static func install() {
        // Globals outside main.swift are initialised lazily on first use, and that
        // initialiser is not async-signal-safe: touch it here, never first in a handler.
        childGroup.store(0, ordering: .releasing)
        for number in signals {
            _ = signal(number, killChildrenAndDie)
        }
    }

    /// Back to the default action and unblocked, for children: they must not kill
    /// their siblings, and they start with the mask `holdingBack` set.
    static func uninstall() {
        for number in signals {
            _ = signal(number, SIG_DFL)
        }
        var mask = cleanupMask()
        sigprocmask(SIG_UNBLOCK, &mask, nil)
    }

    /// Runs `body` with the cleanup signals held back; one that arrives meanwhile
    /// is handled right after. For steps a handler must not see half done.
    static func holdingBack<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        var mask = cleanupMask()
        var previous = sigset_t()
        sigprocmask(SIG_BLOCK, &mask, &previous)
        defer { sigprocmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    /// Sleeps `seconds` on the monotonic clock, or less when a cleanup signal
    /// arrives: then it takes the signal and throws it, so the caller can tidy up
    /// what a handler cannot (a tmux server, a temporary directory) before
    /// `redeliver`. Only inside `holdingBack`: otherwise the handler gets it first.
    static func sleep(_ seconds: Double) throws(Interrupted) {
        var mask = cleanupMask()
        let deadline = MonotonicClock.seconds() + seconds
        while true {
            let remaining = deadline - MonotonicClock.seconds()
            guard remaining > 0 else { return }
            let whole = remaining.rounded(.down)
            var timeout = timespec(tv_sec: Int(whole), tv_nsec: Int((remaining - whole) * 1e9))
            let number = sigtimedwait(&mask, nil, &timeout)
            if number > 0 { throw Interrupted(signal: number) }
            // -1 with EAGAIN (time is up) or EINTR (some other signal): the clock decides.
        }
    }

    /// Like `sleep(0)`, but always looks: throws a cleanup signal that is pending.
    static func takePending() throws(Interrupted) {
        var mask = cleanupMask()
        var now = timespec(tv_sec: 0, tv_nsec: 0)
        let number = sigtimedwait(&mask, nil, &now)
        if number > 0 { throw Interrupted(signal: number) }
    }

    /// Raises a signal that `sleep` took, once the tidying is done and the
    /// signals are no longer held back: the handler kills the children and the
    /// bench dies of it, as if the signal had just arrived.
    static func redeliver(_ interrupted: Interrupted) -> Never {
        var mask = cleanupMask()
        sigprocmask(SIG_UNBLOCK, &mask, nil)
        raise(interrupted.signal)
        // Not reached: the handler ends the process.
        exit(128 + interrupted.signal)
    }

    private static func cleanupMask() -> sigset_t {
        var mask = sigset_t()
        sigemptyset(&mask)
        for number in signals { sigaddset(&mask, number) }
        return mask
    }
}

/// A cleanup signal that arrived while it was held back (see `SignalCleanup.sleep`).
struct Interrupted: Error {
    let signal: Int32
}

/// Async-signal-safe only: kill(2), waitpid(2), signal(2), raise(3).
private func killChildrenAndDie(_ number: Int32) {
    let group = childGroup.load(ordering: .acquiring)
    if group > 0 {
        kill(-group, SIGKILL)
        // Reap them here: PID 1 of a container does not always reap orphans, and
        // unreaped children would stay behind as zombies.
        while waitpid(-group, nil, 0) > 0 || errno == EINTR {}
    }
    // Die of the same signal, so the caller sees the usual status (130 for Ctrl-C).
    _ = signal(number, SIG_DFL)
    raise(number)
}
