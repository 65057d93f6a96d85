/// Everything the detail view shows about one process, read on demand by
/// `ProcessInspector` (never by the sampler). Text fields hold the process's own
/// bytes decoded losslessly (see `LosslessText`), control characters included:
/// the view escapes them.
///
/// What comes from `stat` is always there (the file is readable by everyone);
/// what other files hold is `Readable`, so "not permitted" can be shown.
public struct ProcessInspection: Sendable, Equatable {
    public var pid: Int32
    /// With `pid`, the identity of the process (stat field 22).
    public var startTicks: UInt64
    /// The kernel's task name (`comm`).
    public var comm: String
    /// argv; empty for kernel threads and zombies.
    public var commandLine: Readable<[String]>
    public var executable: Readable<ExecutableFile>
    public var workingDirectory: Readable<String>
    public var rootDirectory: Readable<String>
    /// The state letter of proc(5): R, S, D, Z, T, t, X, I …
    public var state: UInt8
    /// The parent first, then its parent, up to PID 1 (or as far as they can be read).
    public var ancestors: [ProcessLink]
    /// Direct children, ascending by PID.
    public var children: Readable<[ProcessLink]>
    public var credentials: Readable<Credentials>
    /// Seconds since the Unix epoch: `btime` + start ticks / CLK_TCK.
    public var startTime: Double
    /// Seconds the process has been running, from the uptime at inspection.
    public var elapsedSeconds: Double
    public var threads: Readable<[InspectedThread]>
    public var scheduling: Scheduling
    /// The CPUs it may run on, in the kernel's list form (`0-3,6`).
    public var affinity: Readable<String>
    /// The controlling terminal (`pts/3`, `tty1`), nil when it has none.
    public var terminal: String?
    /// The file mode creation mask (Linux 4.7 and later show it in status).
    public var umask: Readable<UInt32>
    public var limits: Readable<[ResourceLimit]>
    public var signals: Readable<SignalMasks>
    public var memory: MemoryUsage
    public var io: Readable<IOCounters>
    public var cgroups: Readable<[CgroupMembership]>
    /// The machine's CPU counter total at inspection (`/proc/stat` cpu line), and the
    /// online CPU count: the next inspection turns thread tick deltas into CPU%.
    public var systemTicks: UInt64
    public var onlineCPUs: Int

    public init(
        pid: Int32, startTicks: UInt64, comm: String, commandLine: Readable<[String]>,
        executable: Readable<ExecutableFile>, workingDirectory: Readable<String>,
        rootDirectory: Readable<String>, state: UInt8, ancestors: [ProcessLink],
        children: Readable<[ProcessLink]>, credentials: Readable<Credentials>, startTime: Double,
        elapsedSeconds: Double, threads: Readable<[InspectedThread]>, scheduling: Scheduling,
        affinity: Readable<String>, terminal: String?, umask: Readable<UInt32>,
        limits: Readable<[ResourceLimit]>, signals: Readable<SignalMasks>, memory: MemoryUsage,
        io: Readable<IOCounters>, cgroups: Readable<[CgroupMembership]>, systemTicks: UInt64,
        onlineCPUs: Int
    ) {
        self.pid = pid
        self.startTicks = startTicks
        self.comm = comm
        self.commandLine = commandLine
        self.executable = executable
        self.workingDirectory = workingDirectory
        self.rootDirectory = rootDirectory
        self.state = state
        self.ancestors = ancestors
        self.children = children
        self.credentials = credentials
        self.startTime = startTime
        self.elapsedSeconds = elapsedSeconds
        self.threads = threads
        self.scheduling = scheduling
        self.affinity = affinity
        self.terminal = terminal
        self.umask = umask
        self.limits = limits
        self.signals = signals
        self.memory = memory
        self.io = io
        self.cgroups = cgroups
        self.systemTicks = systemTicks
        self.onlineCPUs = onlineCPUs
    }

    public var stateLetter: Character { Character(Unicode.Scalar(state)) }
}

/// What `ProcessInspector.inspect` found.
public enum InspectionResult: Sendable, Equatable {
    case inspected(ProcessInspection)
    /// The PID is gone, is a zombie, or now belongs to another process (other start
    /// time). A view keeps its last inspection and says the process exited.
    case exited
}
