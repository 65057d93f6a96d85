/// The machine-wide files of one sample, as read.
public struct SystemSample: Sendable {
    public var stat: SystemStat
    public var memory: MemoryInfo
    public var load: LoadAverage
    public var uptimeSeconds: Double
    /// Only when a meter asks for it (`ScanOptions`).
    public var cpuFrequency: CPUFrequency?
    public var disks: [DiskUsage] = []
    /// swtop's own cgroup limits (v2), nil when there are none.
    public var cgroupLimits: CgroupLimits?
    /// nil when not read (`ScanOptions.readsDiskActivity` and the rest).
    public var diskActivity: [DiskActivity]?
    public var networkActivity: [InterfaceActivity]?
    public var pressure: MachinePressure?
    public var temperatures: [TemperatureReading]?

    /// When the sample was taken, in seconds on the monotonic clock: the interval
    /// between two samples that CPU% divides by.
    public var monotonicSeconds: Double

    public init(
        stat: SystemStat, memory: MemoryInfo, load: LoadAverage, uptimeSeconds: Double, monotonicSeconds: Double
    ) {
        self.monotonicSeconds = monotonicSeconds
        self.stat = stat
        self.memory = memory
        self.load = load
        self.uptimeSeconds = uptimeSeconds
    }
}
