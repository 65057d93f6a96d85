/// One process in a snapshot: the numbers re-read every refresh, plus a shared
/// reference to what was read once for its identity.
public struct ProcessEntry: Sendable {
    // The fields are ordered widest first, and the rarely read I/O, network and GPU numbers sit
    // behind one reference, because a snapshot holds an entry per process and
    // several snapshots are alive at once: this keeps an entry at 144 bytes.

    /// Clock ticks after boot; with `pid` it identifies the process.
    public var startTicks: UInt64
    public var userTicks: UInt64
    public var systemTicks: UInt64
    public var virtualBytes: UInt64
    /// RES from the rss field of `stat`, read every refresh: the kernel's
    /// approximate counter (see `ResidentMemory`). It orders rows only where no
    /// exact value is needed; what is shown comes from `statm`.
    public var approximateResidentBytes: UInt64
    public var memoryPercent: Double
    public var details: ProcessDetails
    private var extras: ProcessExtras?
    /// RES and SHR from `statm`, when this sample read it (see `ScanOptions.readsStatm`).
    public var exactMemory: ResidentMemory?
    /// The state letter of proc(5): R, S, D, Z, T, t, X, I …
    public var state: UInt8
    public var isKernelThread: Bool
    /// True when this refresh did not read the process (a hidden kernel thread, see
    /// `ScanOptions.readsKernelThreads`): its numbers are the last ones read, and no
    /// CPU% is computed from or against them.
    public var isCarriedOver = false
    /// The task id: a process's PID, or a thread's TID.
    public var pid: Int32
    /// For a thread, the process it belongs to (so a tree shows threads as its children).
    public var ppid: Int32
    /// The process a thread belongs to; equal to `pid` for a process.
    public var threadGroupID: Int32
    public var processGroup: Int32
    public var session: Int32
    /// The controlling terminal as `dev_t` (0 when there is none).
    public var ttyNumber: Int32
    public var priority: Int32
    public var nice: Int32
    public var threadCount: Int32
    public var processor: Int32
    /// Owner of `/proc/PID`: cheap to read every refresh, and a change means the
    /// process switched users, so its details are read again.
    public var directoryOwner: UInt32
    /// nil until two samples of this same process exist.
    public var cpuPercent: Double?

    /// `/proc/PID/io`, when this sample read it (`ScanOptions.readsIO`) and it was readable.
    public var ioCounters: IOCounters? {
        get { extras?.ioCounters }
        set { extras = ProcessExtras(extras, ioCounters: newValue) }
    }

    /// Storage bytes per second since the previous sample of the same process; nil
    /// on its first sample or where `io` was not read.
    public var ioRates: IORates? {
        get { extras?.ioRates }
        set { extras = ProcessExtras(extras, ioRates: newValue) }
    }

    /// TCP bytes per second of the sockets this process holds (`ScanOptions.readsNetwork`);
    /// nil where not read, not permitted, or on the first sample read.
    public var networkRates: NetworkRates? {
        get { extras?.networkRates }
        set { extras = ProcessExtras(extras, networkRates: newValue) }
    }

    /// GPU use of this process's DRM clients (`ScanOptions.readsGPU`); nil where not read.
    public var gpuUse: GPUUse? {
        get { extras?.gpuUse }
        set { extras = ProcessExtras(extras, gpuUse: newValue) }
    }

    public init(
        pid: Int32, ppid: Int32, threadGroupID: Int32? = nil, processGroup: Int32 = 0, session: Int32 = 0,
        ttyNumber: Int32 = 0,
        state: UInt8 = UInt8(ascii: "S"), isKernelThread: Bool = false, priority: Int32 = 20, nice: Int32 = 0,
        threadCount: Int32 = 1, startTicks: UInt64, userTicks: UInt64 = 0, systemTicks: UInt64 = 0,
        virtualBytes: UInt64 = 0, approximateResidentBytes: UInt64 = 0, exactMemory: ResidentMemory? = nil,
        processor: Int32 = 0,
        directoryOwner: UInt32 = 0, details: ProcessDetails, cpuPercent: Double? = nil, memoryPercent: Double = 0
    ) {
        self.pid = pid
        self.ppid = ppid
        self.threadGroupID = threadGroupID ?? pid
        self.processGroup = processGroup
        self.session = session
        self.ttyNumber = ttyNumber
        self.state = state
        self.isKernelThread = isKernelThread
        self.priority = priority
        self.nice = nice
        self.threadCount = threadCount
        self.startTicks = startTicks
        self.userTicks = userTicks
        self.systemTicks = systemTicks
        self.virtualBytes = virtualBytes
        self.approximateResidentBytes = approximateResidentBytes
        self.exactMemory = exactMemory
        self.processor = processor
        self.directoryOwner = directoryOwner
        self.details = details
        self.cpuPercent = cpuPercent
        self.memoryPercent = memoryPercent
    }

    /// A userland thread other than its process's main thread.
    public var isThread: Bool { threadGroupID != pid }

    public var cpuTicks: UInt64 { userTicks &+ systemTicks }

    /// RES: exact where `statm` was read, else the approximate value of `stat`.
    public var residentBytes: UInt64 { exactMemory?.residentBytes ?? approximateResidentBytes }

    /// SHR, where `statm` was read.
    public var sharedBytes: UInt64? { exactMemory?.sharedBytes }

    public var identity: ProcessIdentity { ProcessIdentity(self) }

    public var stateLetter: Character { Character(Unicode.Scalar(state)) }
}

extension ProcessEntry {
    /// This entry kept for a refresh that did not read it.
    func carriedOver() -> ProcessEntry {
        var entry = self
        entry.isCarriedOver = true
        entry.cpuPercent = nil
        return entry
    }
}

/// The I/O, network and GPU numbers of one entry. Immutable, so entries that share
/// one (copies of a snapshot handed to another thread) never see each other's changes.
private final class ProcessExtras: Sendable {
    let ioCounters: IOCounters?
    let ioRates: IORates?
    let networkRates: NetworkRates?
    let gpuUse: GPUUse?

    /// `old` with the given parts replaced; nil when nothing is left to hold, so
    /// entries without these numbers hold no object.
    convenience init?(
        _ old: ProcessExtras?, ioCounters: IOCounters?? = nil, ioRates: IORates?? = nil,
        networkRates: NetworkRates?? = nil, gpuUse: GPUUse?? = nil
    ) {
        self.init(
            ioCounters: ioCounters ?? old?.ioCounters, ioRates: ioRates ?? old?.ioRates,
            networkRates: networkRates ?? old?.networkRates, gpuUse: gpuUse ?? old?.gpuUse)
    }

    init?(ioCounters: IOCounters?, ioRates: IORates?, networkRates: NetworkRates?, gpuUse: GPUUse?) {
        guard ioCounters != nil || ioRates != nil || networkRates != nil || gpuUse != nil else { return nil }
        self.ioCounters = ioCounters
        self.ioRates = ioRates
        self.networkRates = networkRates
        self.gpuUse = gpuUse
    }
}
