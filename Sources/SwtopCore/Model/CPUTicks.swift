/// One `cpu` line of `/proc/stat`, in clock ticks since boot. Older kernels print
/// fewer columns (4 to 10); the missing ones read as zero.
public struct CPUTicks: Equatable, Sendable {
    public var user: UInt64 = 0
    public var nice: UInt64 = 0
    public var system: UInt64 = 0
    public var idle: UInt64 = 0
    public var iowait: UInt64 = 0
    public var irq: UInt64 = 0
    public var softirq: UInt64 = 0
    public var steal: UInt64 = 0
    /// Time spent running guests. The kernel already counts it inside `user`
    /// (and guest_nice inside `nice`), so it is never added to the total.
    public var guest: UInt64 = 0
    public var guestNice: UInt64 = 0

    public init() {}

    public init(
        user: UInt64, nice: UInt64, system: UInt64, idle: UInt64, iowait: UInt64 = 0,
        irq: UInt64 = 0, softirq: UInt64 = 0, steal: UInt64 = 0, guest: UInt64 = 0, guestNice: UInt64 = 0
    ) {
        (self.user, self.nice, self.system, self.idle, self.iowait) = (user, nice, system, idle, iowait)
        (self.irq, self.softirq, self.steal, self.guest, self.guestNice) = (irq, softirq, steal, guest, guestNice)
    }

    /// Every tick the CPU spent, busy or not.
    public var total: UInt64 { user &+ nice &+ system &+ idle &+ iowait &+ irq &+ softirq &+ steal }
}

/// One CPU's counters, tagged with its number (`cpu3` → 3).
public struct NumberedCPUTicks: Equatable, Sendable {
    public var id: Int
    public var ticks: CPUTicks

    public init(id: Int, ticks: CPUTicks) {
        self.id = id
        self.ticks = ticks
    }
}
