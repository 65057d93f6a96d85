/// Everything one refresh saw, immutable once published. `generation` grows by one
/// per sample so a reader can tell a new snapshot from one it already drew.
public struct Snapshot: Sendable {
    public var generation: UInt64
    /// Wall-clock time of the sample, seconds since the Unix epoch: for what is shown as a time.
    public var timestamp: Double
    /// The same moment on the monotonic clock: for intervals (rates, how long a row
    /// stays highlighted), which a step of the wall clock must not bend.
    public var monotonicSeconds: Double
    public var system: SystemState
    public var tasks: TaskCounts
    /// Ascending by PID.
    public var processes: [ProcessEntry]
    /// The processes' statm may be one kept from an earlier refresh
    /// (`ScanOptions.keepsStatmOfIdleProcesses`): what is shown reads its own.
    public var memoryMayBeKept = false

    /// - Parameter monotonicSeconds: `timestamp` when not given (snapshots built by hand).
    public init(
        generation: UInt64, timestamp: Double, monotonicSeconds: Double? = nil, system: SystemState,
        tasks: TaskCounts, processes: [ProcessEntry]
    ) {
        self.generation = generation
        self.timestamp = timestamp
        self.monotonicSeconds = monotonicSeconds ?? timestamp
        self.system = system
        self.tasks = tasks
        self.processes = processes
    }
}

/// Machine-wide numbers of one sample.
public struct SystemState: Sendable {
    public var cpuTotal: CPUUsage
    public var cpus: [CPUUsage]
    public var memory: MemoryInfo
    public var load: LoadAverage
    public var uptimeSeconds: Double
    /// Seconds since the epoch at which the machine booted (`btime`).
    public var bootTime: UInt64
    public var clockTicksPerSecond: UInt64
    /// Rates since the previous sample; nil on the first.
    public var contextSwitchesPerSecond: Double?
    public var interruptsPerSecond: Double?
    /// Only when a meter asks for them (`ScanOptions`).
    public var cpuFrequency: CPUFrequency?
    public var disks: [DiskUsage] = []
    /// The limits of swtop's own cgroup (inside a container: the container's), nil when none.
    public var cgroupLimits: CgroupLimits?
    /// nil when not read (`ScanOptions.readsDiskActivity` and the rest).
    public var diskActivity: [DiskActivity]?
    public var networkActivity: [InterfaceActivity]?
    public var pressure: MachinePressure?
    public var temperatures: [TemperatureReading]?
    /// DRM devices with clients, summed over every process (`ScanOptions.readsGPU`).
    public var gpus: [GPUDevice]?

    public var onlineCPUs: Int { max(1, cpus.count) }

    public init(
        cpuTotal: CPUUsage, cpus: [CPUUsage], memory: MemoryInfo, load: LoadAverage,
        uptimeSeconds: Double, bootTime: UInt64, clockTicksPerSecond: UInt64
    ) {
        self.cpuTotal = cpuTotal
        self.cpus = cpus
        self.memory = memory
        self.load = load
        self.uptimeSeconds = uptimeSeconds
        self.bootTime = bootTime
        self.clockTicksPerSecond = clockTicksPerSecond
    }
}

/// One CPU (or all of them, `id == nil`): raw counters and, from the second sample
/// on, how the time since the previous sample was spent.
public struct CPUUsage: Sendable, Equatable {
    public var id: Int?
    public var ticks: CPUTicks
    public var percentages: CPUPercentages?

    public init(id: Int?, ticks: CPUTicks, percentages: CPUPercentages?) {
        self.id = id
        self.ticks = ticks
        self.percentages = percentages
    }
}

/// Shares of the elapsed ticks, each 0…100. `system` includes irq and softirq, as
/// htop's meter shows it; they are also given apart.
public struct CPUPercentages: Sendable, Equatable {
    public var user = 0.0
    public var nice = 0.0
    public var system = 0.0
    public var irq = 0.0
    public var softirq = 0.0
    public var iowait = 0.0
    public var steal = 0.0
    public var guest = 0.0
    public var idle = 0.0

    public init() {}

    /// Busy time: everything except idle and iowait.
    public var busy: Double { max(0, min(100, 100 - idle - iowait)) }
}

/// Processes by state, as `top` counts them, plus thread totals.
public struct TaskCounts: Sendable, Equatable {
    /// Userland processes and kernel threads.
    public var total = 0
    public var running = 0
    public var sleeping = 0
    public var diskSleep = 0
    public var stopped = 0
    public var zombie = 0
    public var idle = 0
    /// Threads of userland processes, their main threads included.
    public var userlandThreads = 0
    public var kernelThreads = 0
    /// Runnable threads system-wide, from the kernel's own counter.
    public var runningThreads = 0
    /// Processes listed in /proc whose details this user may not read (`hidepid=1`);
    /// not in `total` or any other count. Processes hidden outright (`hidepid=2`) are
    /// not listed at all, so they cannot be counted.
    public var unreadable = 0
    /// Processes this sample could not read for want of file descriptors: those seen
    /// before are shown as the last sample had them, new ones are missing.
    public var notRefreshed = 0

    public init() {}
}
