import Glibc
import SwtopHarness

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

    /// Reaps every exited child of the bench except `excluded`: the farm's
    /// children are reaped by the farm, which reaps its group leader last.
    static func reapExited(excluding excluded: Set<pid_t>) {
        let me = getpid()
        let zombies = ProcReader.processes { stat in stat.ppid == Int64(me) && stat.isZombie }
        for pid in zombies where !excluded.contains(pid) {
            _ = waitpid(pid, nil, WNOHANG)
        }
    }
}
