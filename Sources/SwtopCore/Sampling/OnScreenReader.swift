/// Which per-process files the rows on screen need beyond what the sampler read.
public struct OnScreenFiles: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Exact RES and SHR (RES, SHR and MEM% columns).
    public static let statm = OnScreenFiles(rawValue: 1 << 0)
    /// Storage I/O rates (READ/s, WRITE/s).
    public static let io = OnScreenFiles(rawValue: 1 << 1)
    /// Swapped-out memory, `VmSwap` (SWAP).
    public static let status = OnScreenFiles(rawValue: 1 << 2)
}

/// What one process on screen showed in the files it was read for.
public struct OnScreenValue: Equatable, Sendable {
    public var memory: ResidentMemory?
    public var ioRates: IORates?
    /// The `io` counters the rates came from (READ, WRITE totals).
    public var ioCounters: IOCounters?
    public var swapBytes: UInt64?

    public init(
        memory: ResidentMemory? = nil, ioRates: IORates? = nil, ioCounters: IOCounters? = nil, swapBytes: UInt64? = nil
    ) {
        self.memory = memory
        self.ioRates = ioRates
        self.ioCounters = ioCounters
        self.swapBytes = swapBytes
    }
}

/// Storage I/O of one process, bytes per second between two refreshes.
public struct IORates: Equatable, Sendable {
    public var readPerSecond: Double
    public var writePerSecond: Double

    public init(readPerSecond: Double, writePerSecond: Double) {
        self.readPerSecond = readPerSecond
        self.writePerSecond = writePerSecond
    }

    /// Between two reads of one process's `io`; nil without both, or when a
    /// counter stepped back.
    init?(from before: IOCounters?, to now: IOCounters?, seconds: Double) {
        guard let before, let now, seconds > 0,
            now.readBytes >= before.readBytes, now.writtenBytes >= before.writtenBytes
        else { return nil }
        self.init(
            readPerSecond: Double(now.readBytes - before.readBytes) / seconds,
            writePerSecond: Double(now.writtenBytes - before.writtenBytes) / seconds)
    }
}

/// The values of the rows on screen, by identity: a frame is drawn from them
/// without reading a file.
public struct OnScreenValues: Sendable {
    public var byProcess: [ProcessIdentity: OnScreenValue]

    public init(_ byProcess: [ProcessIdentity: OnScreenValue] = [:]) {
        self.byProcess = byProcess
    }

    public subscript(process: ProcessEntry) -> OnScreenValue? { byProcess[process.identity] }
}

/// Reads what only some columns need, for the processes on screen only: exact RES
/// and SHR (`statm`, unless the sampler read it for every process), storage I/O
/// rates (`io`) and swapped-out memory (`VmSwap` of `status`). Reading them for
/// every process every refresh would cost a file each. A rate needs two reads of
/// the same process in successive refreshes, so it is blank the first time a row
/// is shown. Single-threaded: the UI thread owns it.
public final class OnScreenReader {
    private let procFS: ProcFS
    private let reader = ProcFileReader(initialCapacity: 2048)
    private struct Entry {
        var generation: UInt64
        var monotonicSeconds: Double
        /// What has been read for this generation.
        var files: OnScreenFiles = []
        var value = OnScreenValue()
        var counters: IOCounters?
    }
    private var cache: [ProcessIdentity: Entry] = [:]
    public init(procFS: ProcFS) {
        self.procFS = procFS
    }

    /// Reads `files` for `processes`, once per process and snapshot: drawing the
    /// same snapshot again (a key press) reads nothing.
    /// - Parameters:
    ///   - generation, monotonicSeconds: of the snapshot being drawn.
    ///   - sampledMemoryIsFresh: false when the snapshot's statm may be one kept from
    ///     an earlier refresh (`Snapshot.memoryMayBeKept`): the rows then read their own.
    public func read(
        _ files: OnScreenFiles, for processes: some Sequence<ProcessEntry>, generation: UInt64,
        monotonicSeconds: Double, sampledMemoryIsFresh: Bool = true
    ) -> OnScreenValues {
        var values = OnScreenValues()
        guard !files.isEmpty else { return values }
        for process in processes {
            values.byProcess[process.identity] = value(
                of: process, files: files, generation: generation,
                monotonicSeconds: monotonicSeconds, sampledMemoryIsFresh: sampledMemoryIsFresh)
        }
        // Entries of older generations are dead weight once the screen moved on.
        if cache.count > 512 { cache = cache.filter { $0.value.generation + 1 >= generation } }
        return values
    }

    private func value(
        of process: ProcessEntry, files: OnScreenFiles, generation: UInt64,
        monotonicSeconds: Double, sampledMemoryIsFresh: Bool
    ) -> OnScreenValue {
        let identity = process.identity
        let old = cache[identity]
        var entry =
            old.flatMap { $0.generation == generation ? $0 : nil }
            ?? Entry(generation: generation, monotonicSeconds: monotonicSeconds)
        let missing = files.subtracting(entry.files)
        if missing.contains(.statm) {
            // The sampler's read, when it made one, is of this very snapshot.
            entry.value.memory =
                (sampledMemoryIsFresh ? process.exactMemory : nil)
                ?? read("statm", of: process, singleLine: true) {
                    StatmParser.parse($0, pageSize: procFS.pageSize)
                }
        }
        if missing.contains(.io), let counters = process.ioCounters {
            // The sampler read io for every process in this very snapshot.
            entry.counters = counters
            entry.value.ioCounters = counters
            entry.value.ioRates = process.ioRates
        } else if missing.contains(.io) {
            entry.counters = read("io", of: process) { ProcessIOParser.parse($0) }
            entry.value.ioCounters = entry.counters
            // Only from the refresh just before: a row off screen for a while has no fair rate.
            if let old, old.generation + 1 == generation {
                entry.value.ioRates = IORates(
                    from: old.counters, to: entry.counters,
                    seconds: monotonicSeconds - old.monotonicSeconds)
            }
        }
        if missing.contains(.status) {
            entry.value.swapBytes = read("status", of: process) { StatusParser.parse($0)?.swapBytes }
        }
        entry.files.formUnion(files)
        cache[identity] = entry
        return entry.value
    }

    private func read<Value>(
        _ file: String, of process: ProcessEntry, singleLine: Bool = false,
        _ parse: (UnsafeBufferPointer<UInt8>) -> Value?
    ) -> Value? {
        // A thread's files are under its process: /proc/TGID/task/TID.
        let path =
            process.isThread
            ? procFS.root + "/" + DecimalText.string(process.threadGroupID) + "/task/" + DecimalText.string(process.pid)
                + "/" + file
            : procFS.root + "/" + DecimalText.string(process.pid) + "/" + file
        return reader.withContents(ofPath: path, singleLine: singleLine, parse)
    }
}
