/// Reads what only some columns need, for the processes on screen only: storage
/// I/O rates (`/proc/PID/io`) and swapped-out memory (`VmSwap` of `status`). A rate
/// needs two reads of the same process in successive refreshes, so it is blank the
/// first time a row is shown. Single-threaded: the UI thread owns it.
public final class OnScreenReader {
    public struct IORates: Equatable, Sendable {
        public var readPerSecond: Double
        public var writePerSecond: Double

        public init(readPerSecond: Double, writePerSecond: Double) {
            self.readPerSecond = readPerSecond
            self.writePerSecond = writePerSecond
        }
    }

    private let procFS: ProcFS
    private let reader = ProcFileReader(initialCapacity: 2048)
    private struct Entry {
        var startTicks: UInt64
        var generation: UInt64
        var timestamp: Double
        var counters: ProcessIOCounters?
        var rates: IORates?
        var swapBytes: UInt64?
        var swapRead = false
    }
    private var cache: [Int32: Entry] = [:]

    public init(procFS: ProcFS) {
        self.procFS = procFS
    }

    /// - Parameters: generation, timestamp: the snapshot being drawn.
    public func ioRates(of process: ProcessEntry, generation: UInt64, timestamp: Double) -> IORates? {
        entry(for: process, generation: generation, timestamp: timestamp).rates
    }

    public func swapBytes(of process: ProcessEntry, generation: UInt64, timestamp: Double) -> UInt64? {
        var entry = entry(for: process, generation: generation, timestamp: timestamp)
        guard !entry.swapRead else { return entry.swapBytes }
        entry.swapBytes = reader.withContents(ofPath: path(process, "status")) { ProcessIOParser.swapBytes(status: $0) } ?? nil
        entry.swapRead = true
        cache[process.pid] = entry
        return entry.swapBytes
    }

    /// This generation's entry, reading `io` once per generation.
    private func entry(for process: ProcessEntry, generation: UInt64, timestamp: Double) -> Entry {
        let old = cache[process.pid].flatMap { $0.startTicks == process.startTicks ? $0 : nil }
        if let old, old.generation == generation { return old }
        let counters = reader.withContents(ofPath: path(process, "io")) { ProcessIOParser.parse($0) } ?? nil
        var entry = Entry(startTicks: process.startTicks, generation: generation, timestamp: timestamp, counters: counters)
        // Only from the refresh just before: a row off screen for a while has no fair rate.
        if let old, old.generation + 1 == generation, let before = old.counters, let counters, timestamp > old.timestamp,
           counters.readBytes >= before.readBytes, counters.writeBytes >= before.writeBytes {
            let seconds = timestamp - old.timestamp
            entry.rates = IORates(readPerSecond: Double(counters.readBytes - before.readBytes) / seconds,
                                  writePerSecond: Double(counters.writeBytes - before.writeBytes) / seconds)
        }
        // Entries of older generations are dead weight once the screen moved on.
        if cache.count > 512 { cache = cache.filter { $0.value.generation + 1 >= generation } }
        cache[process.pid] = entry
        return entry
    }

    private func path(_ process: ProcessEntry, _ file: String) -> String {
        // A thread's files are under its process: /proc/TGID/task/TID.
        process.isThread ? procFS.root + "/\(process.threadGroupID)/task/\(process.pid)/" + file
            : procFS.root + "/\(process.pid)/" + file
    }
}
