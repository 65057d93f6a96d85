/// Reads SHR (`/proc/PID/statm`) on demand for the few processes on screen, so the
/// sampler does not pay a statm read for every process on every refresh. Values
/// are kept for one generation per identity. Single-threaded (the UI thread owns it).
public final class SharedMemoryReader {
    private let procFS: ProcFS
    private let reader = ProcFileReader(initialCapacity: 256)
    private struct Entry {
        var startTicks: UInt64
        var generation: UInt64
        var bytes: UInt64?
    }
    private var cache: [Int32: Entry] = [:]

    public init(procFS: ProcFS) {
        self.procFS = procFS
    }

    public func sharedBytes(of process: ProcessEntry, generation: UInt64) -> UInt64? {
        if let known = process.sharedBytes { return known }
        if let entry = cache[process.pid], entry.startTicks == process.startTicks, entry.generation == generation {
            return entry.bytes
        }
        let pages = reader.withContents(ofPath: procFS.root + "/\(process.pid)/statm", singleLine: true) {
            StatmParser.sharedPages($0)
        } ?? nil
        let bytes = pages.map { $0 &* procFS.pageSize }
        // Entries of older generations are dead weight once the screen moved on.
        if cache.count > 512 { cache = cache.filter { $0.value.generation == generation } }
        cache[process.pid] = Entry(startTicks: process.startTicks, generation: generation, bytes: bytes)
        return bytes
    }
}
