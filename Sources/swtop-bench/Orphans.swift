import Glibc

/// Processes the monitors mode leaves without a parent, and their reaping.
///
/// A tmux server detaches itself (it forks twice), and a monitor that outlives its
/// server loses its parent too. Orphans go to init, which in some containers never
/// reaps them: they would stay as zombies, still listed in /proc and counted in
/// the next level. As a child subreaper the bench inherits them instead, and can
/// reap them and know they are gone.
enum Orphans {
    /// prctl option from <linux/prctl.h>, which Swift does not import.
    private static let setChildSubreaper: Int32 = 36

    /// Makes the bench the reaper of its orphaned descendants. False when the
    /// kernel or libc refuses: then a zombie whose parent is not the bench counts as gone.
    static func adopt() -> Bool {
        guard let prctl = LibC.prctl else { return false }
        return prctl(setChildSubreaper, 1, 0, 0, 0) == 0
    }

    /// Waits up to `seconds` for `pid` to be gone, reaping it if it is the bench's
    /// child. True when it is gone: no longer in /proc, or a zombie left to another parent.
    static func waitUntilGone(_ pid: pid_t, seconds: Double) -> Bool {
        let deadline = MonotonicClock.seconds() + seconds
        while true {
            let result = waitpid(pid, nil, WNOHANG)
            if result == pid { return true }
            if result < 0, errno == ECHILD {
                guard let stat = ProcessStat(pid: pid) else { return true }
                if stat.isZombie { return true }
            }
            guard MonotonicClock.seconds() < deadline else { return false }
            usleep(5_000)
        }
    }

    /// Waits for `pid` to end, and kills it if it will not. False when even
    /// SIGKILL did not end it in time (a process stuck in the kernel).
    static func end(_ pid: pid_t, graceSeconds: Double) -> Bool {
        if waitUntilGone(pid, seconds: graceSeconds) { return true }
        kill(pid, SIGKILL)
        return waitUntilGone(pid, seconds: 2)
    }

    /// Reaps every exited child of the bench except `excluded`: the farm's
    /// children are reaped by the farm, which reaps its group leader last.
    static func reapExited(excluding excluded: Set<pid_t>) {
        let me = getpid()
        let zombies = ProcessStat.processes { stat in stat.parent == me && stat.isZombie }
        for pid in zombies where !excluded.contains(pid) {
            _ = waitpid(pid, nil, WNOHANG)
        }
    }
}
