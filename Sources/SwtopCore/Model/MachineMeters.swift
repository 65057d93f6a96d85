/// The CPUs' clock: the average of what each reports now, and the highest it can go.
public struct CPUFrequency: Sendable, Equatable {
    public var averageMHz: Double
    /// nil when the kernel does not say (no cpufreq driver, a virtual machine).
    public var maximumMHz: Double?

    public init(averageMHz: Double, maximumMHz: Double?) {
        self.averageMHz = averageMHz
        self.maximumMHz = maximumMHz
    }
}

/// How full one mounted file system is, as `df` counts it.
public struct DiskUsage: Sendable, Equatable {
    public var mountPoint: String
    /// nil when statvfs failed (not mounted, no permission).
    public var totalBytes: UInt64?
    public var usedBytes: UInt64
    /// Free for unprivileged users (without the reserved blocks).
    public var availableBytes: UInt64
    /// statvfs has not answered for a while (a dead network share): the numbers, if
    /// any, are its last answer.
    public var isStalled = false

    public init(mountPoint: String, totalBytes: UInt64?, usedBytes: UInt64 = 0, availableBytes: UInt64 = 0) {
        self.mountPoint = mountPoint
        self.totalBytes = totalBytes
        self.usedBytes = usedBytes
        self.availableBytes = availableBytes
    }

    /// Used over used plus available, as df's Use%: the reserved blocks do not count as free.
    public var usedFraction: Double {
        let usable = usedBytes &+ availableBytes
        return usable == 0 ? 0 : Double(usedBytes) / Double(usable)
    }
}
