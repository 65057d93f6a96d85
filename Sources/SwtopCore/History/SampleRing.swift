/// Recent samples kept compressed, in the recording format, for stepping back
/// through the last minutes of a live run: a sample costs its record's bytes (a delta
/// is ~10 bytes per process), never a whole Snapshot. Bounded by age and by bytes;
/// the oldest go first, a full sample with the deltas that need it.
public struct SampleRing: Sendable {
    private struct Entry: Sendable {
        var frame: RecordFrame
        var bytes: [UInt8]
    }

    /// Samples older than this (seconds of monotonic time before the newest) are dropped.
    public let window: Double
    /// The ring never holds more than this many bytes of records.
    public let byteLimit: Int
    private var encoder: RecordingEncoder
    private var entries: [Entry] = []
    private var monotonicTimes: [Double] = []
    public private(set) var byteCount = 0

    /// - Parameter fullInterval: seconds between full samples: the most a step back decodes.
    public init(window: Double, byteLimit: Int, fullInterval: Double = 60) {
        self.window = window
        self.byteLimit = byteLimit
        encoder = RecordingEncoder(fullInterval: fullInterval)
    }

    public var count: Int { entries.count }

    /// The wall-clock time of sample `index` (0 is the oldest), without decoding it.
    public func timestamp(at index: Int) -> Double { entries[index].frame.timestamp }

    public mutating func append(_ snapshot: Snapshot) {
        let bytes = encoder.record(snapshot)
        guard let frame = RecordFrame(Array(bytes.prefix(RecordingFormat.frameHeaderSize)), offset: 0) else { return }
        entries.append(Entry(frame: frame, bytes: bytes))
        monotonicTimes.append(snapshot.monotonicSeconds)
        byteCount += bytes.count
        let oldest = snapshot.monotonicSeconds - window
        while let first = monotonicTimes.first, first < oldest || byteCount > byteLimit, entries.count > 1 {
            dropOldest()
        }
    }

    /// Drops the oldest sample, and the deltas that needed it until the next full one.
    private mutating func dropOldest() {
        repeat {
            byteCount -= entries.removeFirst().bytes.count
            monotonicTimes.removeFirst()
        } while entries.first.map({ $0.frame.kind == .delta }) ?? false
        if entries.isEmpty { encoder.restart() }
    }

    /// Sample `index` (0 is the oldest), decoded from the full sample before it.
    public func snapshot(at index: Int) -> Snapshot? {
        guard entries.indices.contains(index) else { return nil }
        guard let start = entries[...index].lastIndex(where: { $0.frame.kind == .full }) else { return nil }
        var previous: Snapshot?
        for entry in entries[start...index] {
            let payload = Array(entry.bytes.dropFirst(RecordingFormat.frameHeaderSize))
            guard let plain = Zstd.decompress(payload),
                let decoded = try? SnapshotCoding.decode(
                    plain, generation: entry.frame.generation,
                    timestamp: entry.frame.timestamp,
                    previous: entry.frame.kind == .delta ? previous : nil)
            else { return nil }
            previous = decoded
        }
        return previous
    }
}
