import Glibc
import SwtopCore

extension Spawn {
    /// Blocks until `pid` (a child of this process) ends; nil when it is not our child (any more).
    @discardableResult
    public static func reap(_ pid: pid_t) -> ExitStatus? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, 0)
            if result == pid { return ExitStatus(waitStatus: status) }
            if result < 0, errno == EINTR { continue }
            return nil
        }
    }

    /// Reaps `pid` if it ends within `seconds`; nil when it is still running (or not our child).
    public static func reap(_ pid: pid_t, within seconds: Double) -> ExitStatus? {
        let deadline = MonotonicClock.seconds() + seconds
        // A child has often closed its output just before it exits: the first naps are
        // short, so that a quick helper costs no more than it takes; later ones back off.
        var nap: useconds_t = 200
        repeat {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return ExitStatus(waitStatus: status) }
            if result < 0, errno != EINTR { return nil }
            usleep(nap)
            nap = min(nap * 2, 5_000)
        } while MonotonicClock.seconds() < deadline
        return nil
    }

    /// SIGKILL, then reap. Safe to call for a child that has already been reaped.
    public static func kill(_ pid: pid_t) {
        guard pid > 0 else { return }
        _ = Glibc.kill(pid, SIGKILL)
        _ = reap(pid)
    }

    /// Waits up to `graceSeconds` for `pid`, a child or not, to end by itself, then
    /// kills it. False when even SIGKILL did not end it in time (a process stuck in
    /// the kernel).
    public static func end(_ pid: pid_t, graceSeconds: Double) -> Bool {
        guard pid > 0 else { return true }
        if waitUntilGone(pid, seconds: graceSeconds) { return true }
        _ = Glibc.kill(pid, SIGKILL)
        return waitUntilGone(pid, seconds: 2)
    }

    /// Waits up to `seconds` for `pid` to be gone, reaping it if it is our child.
    /// True when it is gone: reaped, no longer in /proc, or a zombie left to another parent.
    public static func waitUntilGone(_ pid: pid_t, seconds: Double) -> Bool {
        MonotonicClock.wait(upTo: seconds, every: 0.005) {
            let result = waitpid(pid, nil, WNOHANG)
            if result == pid { return true }
            guard result < 0, errno == ECHILD else { return false }
            guard let stat = ProcReader.stat(pid) else { return true }
            return stat.isZombie
        }
    }
}
