/// The CPU arithmetic of the README's "What the numbers mean", kept pure so it can be checked on hand-made
/// samples. Every delta saturates at zero: counters can step back (CPU hotplug,
/// a buggy hypervisor) and a negative share is never shown.
public enum CPUAccounting {
    /// How the ticks between two readings of one CPU were spent.
    public static func percentages(from previous: CPUTicks, to current: CPUTicks) -> CPUPercentages? {
        let elapsed = delta(previous.total, current.total)
        guard elapsed > 0 else { return nil }
        let scale = 100 / Double(elapsed)
        func share(_ old: UInt64, _ new: UInt64) -> Double { min(100, Double(delta(old, new)) * scale) }
        var result = CPUPercentages()
        result.user = share(previous.user, current.user)
        result.nice = share(previous.nice, current.nice)
        result.irq = share(previous.irq, current.irq)
        result.softirq = share(previous.softirq, current.softirq)
        result.system = min(100, share(previous.system, current.system) + result.irq + result.softirq)
        result.iowait = share(previous.iowait, current.iowait)
        result.steal = share(previous.steal, current.steal)
        result.guest = share(previous.guest &+ previous.guestNice, current.guest &+ current.guestNice)
        result.idle = share(previous.idle, current.idle)
        return result
    }

    /// Ticks one core can spend in an interval of wall-clock time, so that one busy
    /// core is 100%.
    ///
    /// Measured by the monotonic clock (as psutil does) rather than by the /proc/stat
    /// totals (htop's way): on virtual machines without steal accounting those totals
    /// stop while the host runs something else, but a process's utime and stime
    /// (from the scheduler's clock) do not, and a busy loop would show 120%.
    public static func ticksPerCore(elapsedSeconds: Double, ticksPerSecond: UInt64) -> Double {
        max(0, elapsedSeconds) * Double(ticksPerSecond)
    }

    /// A process's CPU% over an interval of `ticksPerCore`; nil when no time passed.
    public static func processPercent(
        previousTicks: UInt64, currentTicks: UInt64,
        ticksPerCore: Double, onlineCPUs: Int
    ) -> Double? {
        guard ticksPerCore > 0 else { return nil }
        let percent = Double(delta(previousTicks, currentTicks)) / ticksPerCore * 100
        return min(percent, Double(max(1, onlineCPUs)) * 100)
    }

    @inline(__always)
    static func delta(_ old: UInt64, _ new: UInt64) -> UInt64 { new > old ? new - old : 0 }
}
