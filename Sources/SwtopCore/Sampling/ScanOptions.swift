/// What a sample reads beyond `/proc/PID/stat`. Every extra file per process costs a
/// kernel text render per refresh, so each one is opt-in.
public struct ScanOptions: Sendable, Equatable {
    /// Read `statm` for every process: exact RES and SHR (`ProcessEntry.exactMemory`),
    /// for output that shows every process, and for an order or sums by memory.
    /// Off, the view reads `statm` only for the rows on screen (`OnScreenReader`).
    public var readsStatm: Bool
    /// With `readsStatm`, keep the RES and SHR of a process whose stat did not move
    /// since the last refresh (CPU time, VIRT and stat's own RSS counter all the
    /// same), re-reading them one refresh in `ProcessScanner.idleStatmRotation`: for
    /// a recording, which keeps every process's memory, beside a view that shows a
    /// screenful. A process's memory changes without it running only when the kernel
    /// takes pages from it (reclaim, a file it maps truncated), and stat's counter then
    /// moves too, but for a change within the kernel's per-CPU batch of that counter.
    public var keepsStatmOfIdleProcesses = false
    /// Read `io` for every process: the I/O columns sorted on, or output that gives
    /// every process's I/O (`--json`). Off, the view reads it for the rows on screen.
    public var readsIO = false
    /// List /proc/PID/task and read each thread's stat (the view's `H`).
    public var readsThreads: Bool
    /// Read every kernel thread's stat each refresh. Off while the view hides them
    /// (often half the processes of a machine): each one known is then re-read only
    /// one refresh in `ProcessScanner.hiddenKernelThreadRotation`, to notice that
    /// it ended and its PID went to a new process.
    public var readsKernelThreads: Bool

    /// Read `/proc/cpuinfo` for the CPU frequency meter.
    public var readsCPUFrequency = false
    /// File systems whose usage the disk meters show (one statvfs each per refresh).
    public var diskMounts: [String] = []
    /// `/proc/diskstats` (whole disks, see `MachineActivityReader.disks`) for the disk I/O meter.
    public var readsDiskActivity = false
    /// `/proc/net/dev` for the network meter.
    public var readsNetworkActivity = false
    /// `/proc/pressure/{cpu,io,memory}` for the pressure meter.
    public var readsPressure = false
    /// hwmon sensors and thermal zones for the temperature meter.
    public var readsTemperatures = false
    /// Read every process's command line again each refresh, for programs that
    /// rewrite their argv (off: once per identity).
    public var rereadsCommandLines = false
    /// Read `/proc/PID/cgroup` (CGROUP, CONTAINER, UNIT): once per identity, and
    /// again one refresh in `ProcessScanner.cgroupRotation` for a running process.
    /// Runtimes and systemd place a process right after it starts; a later move is
    /// rare, and a process that runs is the one worth noticing it for.
    public var readsCgroups = false
    /// List every process's descriptors and match its sockets against the kernel's
    /// TCP socket table (NET RX/s, NET TX/s): `DescriptorUsageReader`.
    public var readsNetwork = false
    /// Read the fdinfo of every process's DRM descriptors (GPU%, GPU MEM, the GPU meter).
    public var readsGPU = false

    public init(readsStatm: Bool = false, readsThreads: Bool = false, readsKernelThreads: Bool = true) {
        self.readsStatm = readsStatm
        self.readsThreads = readsThreads
        self.readsKernelThreads = readsKernelThreads
    }
}
