import Glibc

/// Takes one snapshot of the whole system per call, remembering what the next
/// call needs (previous counters, per-identity details). Single-threaded: the
/// `Sampler` runs one on its own thread; tests and the benchmark call it directly.
public final class SnapshotReader {
    public let procFS: ProcFS
    private let scanner: ProcessScanner
    private let reader = ProcFileReader()
    private var assembler: SnapshotAssembler
    private var lastSystem: SystemSample?
    private lazy var meters = MeterReader(procFS: procFS)
    private lazy var activity = MachineActivityReader(procFS: procFS)
    private lazy var descriptorUsage = DescriptorUsageReader(procFS: procFS)
    /// Whether `/proc/loadavg`'s last PID speaks for the tasks under the proc root
    /// (see `isOwnNamespace`).
    private let lastPIDCoversRoot: Bool
    /// The last PID at the previous sample, when loadavg gave one.
    private var lastPID: Int32?
    /// swtop's own cgroup limits, read at the first sample and every `limitsInterval`
    /// samples after (a container's limits change rarely: a few small reads then);
    /// its CPU usage counter every sample.
    private var cgroupLimits: CgroupLimits?
    private var samplesSinceLimits: Int?
    static let limitsInterval = 30
    /// Samples since the proc root was last listed.
    private var samplesSinceListing = 0
    /// The proc root is listed at least this often, whatever the last PID says.
    static let listingInterval = 8

    public convenience init(procFS: ProcFS, options: ScanOptions = ScanOptions()) {
        self.init(procFS: procFS, options: options, lastPIDCoversRoot: Self.isOwnNamespace(procFS))
    }

    init(procFS: ProcFS, options: ScanOptions, lastPIDCoversRoot: Bool) {
        self.procFS = procFS
        self.scanner = ProcessScanner(procFS: procFS, options: options)
        self.assembler = SnapshotAssembler(clockTicksPerSecond: procFS.clockTicksPerSecond)
        self.lastPIDCoversRoot = lastPIDCoversRoot
    }

    public var options: ScanOptions {
        get { scanner.options }
        set { scanner.options = newValue }
    }

    public func read() -> Snapshot {
        // System counters first, then processes: the same order as htop, so the
        // process deltas fall inside the interval the CPU counters measure.
        let (system, freshLastPID) = readSystemAndLastPID()
        let previous = assembler.previous?.processes ?? []
        // While the kernel's last PID stands still no task was created, so the
        // processes are those of the last sample, less any that exited.
        let unchanged = lastPIDCoversRoot && freshLastPID != nil && freshLastPID == lastPID && !previous.isEmpty
        let listing = !unchanged || samplesSinceListing + 1 >= Self.listingInterval
        lastPID = freshLastPID
        samplesSinceListing = listing ? 0 : samplesSinceListing + 1
        var processes = scanner.scan(previous: previous, listing: listing)
        var gpus: [GPUDevice]?
        if options.readsNetwork || options.readsGPU {
            gpus = descriptorUsage.annotate(
                &processes, network: options.readsNetwork, gpu: options.readsGPU,
                monotonicSeconds: system.monotonicSeconds)
        }
        var snapshot = assembler.assemble(
            system: system, processes: processes, unreadable: scanner.unreadableCount,
            notRefreshed: scanner.notRefreshedCount, timestamp: Self.now())
        snapshot.system.gpus = gpus
        snapshot.memoryMayBeKept = options.readsStatm && options.keepsStatmOfIdleProcesses
        return snapshot
    }

    /// The system sample, and the last PID from a loadavg read just now (nil when
    /// it could not be read: the sample then keeps the old load average).
    private func readSystemAndLastPID() -> (sample: SystemSample, lastPID: Int32?) {
        let root = procFS.root
        // A file that cannot be read keeps its last value rather than dropping to zero.
        let stat = reader.withContents(ofPath: root + "/stat") { SystemStatParser.parse($0) }
        let memory = reader.withContents(ofPath: root + "/meminfo") { MeminfoParser.parse($0) }
        let load = reader.withContents(ofPath: root + "/loadavg", singleLine: true) { LoadavgParser.parse($0) }
        let uptime = reader.withContents(ofPath: root + "/uptime", singleLine: true) { UptimeParser.parse($0) }
        var sample = SystemSample(
            stat: stat ?? lastSystem?.stat ?? SystemStat(),
            memory: memory ?? lastSystem?.memory ?? MemoryInfo(),
            load: load ?? lastSystem?.load ?? LoadAverage(),
            uptimeSeconds: uptime ?? lastSystem?.uptimeSeconds ?? 0,
            monotonicSeconds: Double(MonotonicClock.nanoseconds()) / 1e9
        )
        lastSystem = sample
        let limitsReader = CgroupLimitsReader(procRoot: root, reader: reader)
        if samplesSinceLimits.map({ $0 + 1 >= Self.limitsInterval }) ?? true {
            cgroupLimits = limitsReader.read()
            samplesSinceLimits = 0
        } else {
            samplesSinceLimits = samplesSinceLimits.map { $0 + 1 }
            // The cgroup's CPU use is a delta: its counter is read every sample.
            if let path = cgroupLimits?.cpuUsage?.path { cgroupLimits?.cpuUsage = limitsReader.usage(at: path) }
        }
        sample.cgroupLimits = cgroupLimits
        if scanner.options.readsCPUFrequency { sample.cpuFrequency = meters.cpuFrequency() }
        if !scanner.options.diskMounts.isEmpty { sample.disks = meters.diskUsage(of: scanner.options.diskMounts) }
        let options = scanner.options
        if options.readsDiskActivity { sample.diskActivity = activity.disks(at: sample.monotonicSeconds) }
        if options.readsNetworkActivity { sample.networkActivity = activity.interfaces(at: sample.monotonicSeconds) }
        if options.readsPressure { sample.pressure = activity.pressure() }
        if options.readsTemperatures { sample.temperatures = activity.temperatures() }
        return (sample, load?.lastPID)
    }

    /// True when the procfs at the root shows this process under its own PID: it
    /// belongs to this PID namespace, the one loadavg's last PID counts in.
    static func isOwnNamespace(_ procFS: ProcFS) -> Bool {
        var target = [CChar](repeating: 0, count: 32)
        let length = readlink(procFS.root + "/self", &target, target.count - 1)
        guard length > 0 else { return false }
        return String(decoding: target[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            == DecimalText.string(getpid())
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
