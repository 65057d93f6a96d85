#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

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

    public init(procFS: ProcFS, options: ScanOptions = ScanOptions()) {
        self.procFS = procFS
        self.scanner = ProcessScanner(procFS: procFS, options: options)
        self.assembler = SnapshotAssembler(clockTicksPerSecond: procFS.clockTicksPerSecond)
    }

    public var options: ScanOptions {
        get { scanner.options }
        set { scanner.options = newValue }
    }

    public func read() -> Snapshot {
        // System counters first, then processes: the same order as htop, so the
        // process deltas fall inside the interval the CPU counters measure.
        let system = readSystem()
        let processes = scanner.scan(previous: assembler.previous?.processes ?? [])
        return assembler.assemble(system: system, processes: processes, unreadable: scanner.unreadableCount,
                                  timestamp: Self.now())
    }

    func readSystem() -> SystemSample {
        let root = procFS.root
        // A file that cannot be read keeps its last value rather than dropping to zero.
        let stat = reader.withContents(ofPath: root + "/stat") { SystemStatParser.parse($0) } ?? nil
        let memory = reader.withContents(ofPath: root + "/meminfo") { MeminfoParser.parse($0) } ?? nil
        let load = reader.withContents(ofPath: root + "/loadavg", singleLine: true) { LoadAndUptimeParser.loadAverage($0) } ?? nil
        let uptime = reader.withContents(ofPath: root + "/uptime", singleLine: true) { LoadAndUptimeParser.uptimeSeconds($0) } ?? nil
        var sample = SystemSample(
            stat: stat ?? lastSystem?.stat ?? SystemStat(),
            memory: memory ?? lastSystem?.memory ?? MemoryInfo(),
            load: load ?? lastSystem?.load ?? LoadAverage(),
            uptimeSeconds: uptime ?? lastSystem?.uptimeSeconds ?? 0,
            monotonicSeconds: Double(MonotonicClock.nanoseconds()) / 1e9
        )
        lastSystem = sample
        if scanner.options.readsCPUFrequency { sample.cpuFrequency = meters.cpuFrequency() }
        sample.disks = scanner.options.diskMounts.map(MeterReader.diskUsage)
        return sample
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
