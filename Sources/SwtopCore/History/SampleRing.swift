import Glibc

/// Recent samples of a live run, for stepping back while paused. Each is kept as
/// its record in the recording format (a delta is ~10 bytes per process) in an
/// unlinked temporary file, so the ring costs disk cache, not swtop's memory; only
/// the records' headers stay in memory. Bounded by age and by bytes: the oldest go
/// first, a full sample with the deltas that need it. Used by one thread.
public final class SampleRing: SampleHistory {
    private struct Entry {
        var frame: RecordFrame
        var segment: Segment
        /// Where the record starts in its segment.
        var offset: Int
        var monotonicSeconds: Double
    }

    /// One unlinked file of records; closed when no sample in it is held any more.
    private final class Segment {
        let descriptor: Int32
        var size = 0

        init?(directory: String) {
            // O_TMPFILE: a file with no name, so nothing another user controls (a link
            // put in its place) is ever opened, and it goes away with swtop.
            let descriptor = open(directory, Self.temporaryFile | O_RDWR | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { return nil }
            self.descriptor = descriptor
        }

        deinit { close(descriptor) }

        /// `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`), which Swift does not import.
        static let temporaryFile: Int32 = 0o20_000_000 | O_DIRECTORY
    }

    /// Samples older than this (seconds of monotonic time before the newest) are dropped.
    public let window: Double
    /// The ring never holds more than this many bytes of records.
    public let byteLimit: Int
    private let directory: String
    private var encoder: RecordingEncoder
    private var entries: [Entry] = []
    private var dropped = 0
    private var current: Segment?
    public private(set) var byteCount = 0

    /// nil when no temporary file can be made in `directory`.
    /// - Parameter fullInterval: seconds between full samples: the most a step back decodes.
    public init?(window: Double, byteLimit: Int, fullInterval: Double = 60, directory: String = "/tmp") {
        guard let first = Segment(directory: directory) else { return nil }
        self.window = window
        self.byteLimit = byteLimit
        self.directory = directory
        current = first
        encoder = RecordingEncoder(fullInterval: fullInterval, level: .fast)
    }

    public var firstSequence: Int { dropped }
    public var count: Int { entries.count }

    public func timestamp(at sequence: Int) -> Double { entries[sequence - dropped].frame.timestamp }

    /// Adds a sample; false when it could not be written (the disk is full), and then
    /// the ring starts again from the next sample, which is a full one.
    @discardableResult
    public func append(_ snapshot: Snapshot) -> Bool {
        let bytes = encoder.record(snapshot)
        guard let frame = RecordFrame(Array(bytes.prefix(RecordingFormat.frameHeaderSize)), offset: 0) else {
            return false
        }
        // A new file every quarter of the bound, so dropping old samples frees disk.
        if current.map({ $0.size + bytes.count > max(1 << 20, byteLimit / 4) }) ?? true {
            current = Segment(directory: directory)
        }
        guard let segment = current, write(bytes, to: segment) else {
            encoder.restart()
            return false
        }
        entries.append(
            Entry(frame: frame, segment: segment, offset: segment.size, monotonicSeconds: snapshot.monotonicSeconds))
        segment.size += bytes.count
        byteCount += bytes.count
        let oldest = snapshot.monotonicSeconds - window
        while let first = entries.first, first.monotonicSeconds < oldest || byteCount > byteLimit, entries.count > 1 {
            dropOldest()
        }
        return true
    }

    private func write(_ bytes: [UInt8], to segment: Segment) -> Bool {
        bytes.withUnsafeBytes { buffer in
            pwrite(segment.descriptor, buffer.baseAddress, buffer.count, off_t(segment.size)) == buffer.count
        }
    }

    /// Drops the oldest sample, and the deltas that needed it until the next full one.
    private func dropOldest() {
        repeat {
            let entry = entries.removeFirst()
            byteCount -= RecordingFormat.frameHeaderSize + entry.frame.length
            dropped += 1
        } while entries.first.map({ $0.frame.kind == .delta }) ?? false
        if entries.isEmpty { encoder.restart() }
    }

    /// The sample at `sequence`, decoded from the full sample before it.
    public func snapshot(at sequence: Int) -> Snapshot? {
        let index = sequence - dropped
        guard entries.indices.contains(index) else { return nil }
        guard let start = entries[...index].lastIndex(where: { $0.frame.kind == .full }) else { return nil }
        var previous: Snapshot?
        for entry in entries[start...index] {
            var payload = [UInt8](repeating: 0, count: entry.frame.length)
            let read = payload.withUnsafeMutableBytes { buffer in
                pread(
                    entry.segment.descriptor, buffer.baseAddress, buffer.count,
                    off_t(entry.offset + RecordingFormat.frameHeaderSize))
            }
            guard read == payload.count, let plain = Zstd.decompress(payload),
                let decoded = try? SnapshotCoding.decode(
                    plain, generation: entry.frame.generation, timestamp: entry.frame.timestamp,
                    previous: entry.frame.kind == .delta ? previous : nil)
            else { return nil }
            previous = decoded
        }
        return previous
    }
}
