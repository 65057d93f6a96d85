/// Where a recording's bytes come from: a file (`pread`) or, for tests and the
/// fuzzer, an array. Reads past the end return fewer bytes.
public protocol RecordingBytes {
    var size: Int { get }
    func read(at offset: Int, count: Int) -> [UInt8]
}

extension Array: RecordingBytes where Element == UInt8 {
    public var size: Int { count }
    public func read(at offset: Int, count: Int) -> [UInt8] {
        guard offset < self.count else { return [] }
        return Array(self[offset..<Swift.min(self.count, offset + count)])
    }
}

/// Why a file cannot be replayed at all; each says where (`RecordingReader.open`).
public enum RecordingOpenError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case notARecording
    case newerVersion(UInt16)

    public var description: String {
        switch self {
        case .empty: "offset 0: the file is empty"
        case .notARecording: "offset 0: not a swtop recording"
        case .newerVersion(let version):
            "offset 8: format version \(version) is newer than this swtop reads (\(RecordingFormat.version))"
        }
    }
}

/// The records of one recording, indexed by their frame headers on open (40 bytes
/// read per record, no payload), decoded on demand. Damage is a warning, not an end:
/// bytes that are no record are skipped to the next marker, a record whose checksum
/// or payload is wrong is left out, and so are the deltas after it until a full one.
public final class RecordingReader {
    private let bytes: any RecordingBytes
    /// Every record whose frame header is plausible, in file order.
    public private(set) var frames: [RecordFrame] = []
    /// The file's format version, which says what its records hold.
    public let version: UInt16
    /// What was wrong with the file, one line each, with offsets.
    public private(set) var warnings: [String] = []

    public init(_ bytes: any RecordingBytes) throws(RecordingOpenError) {
        self.bytes = bytes
        let header = bytes.read(at: 0, count: RecordingFormat.headerSize)
        guard !header.isEmpty else { throw .empty }
        guard header.count == RecordingFormat.headerSize, header.starts(with: RecordingFormat.magic) else {
            throw .notARecording
        }
        version = UInt16(header[8]) | UInt16(header[9]) << 8
        guard version <= RecordingFormat.version else { throw .newerVersion(version) }
        guard version >= 1, Int(header[10]) == RecordingFormat.headerSize else { throw .notARecording }
        index()
    }

    private func index() {
        var offset = RecordingFormat.headerSize
        let size = bytes.size
        while offset < size {
            let head = bytes.read(at: offset, count: RecordingFormat.frameHeaderSize)
            if let frame = RecordFrame(head, offset: offset), frame.end <= size {
                frames.append(frame)
                offset = frame.end
                continue
            }
            if head.count < RecordingFormat.frameHeaderSize || RecordFrame(head, offset: offset) != nil {
                warnings.append("offset \(offset): the last record is torn (\(size - offset) bytes), skipped")
                return
            }
            let next = nextMarker(after: offset)
            warnings.append("offset \(offset): \(next - offset) damaged bytes skipped")
            offset = next
        }
    }

    /// The offset of the next record marker after `offset`, or the end of the file.
    private func nextMarker(after offset: Int) -> Int {
        let marker = RecordingFormat.recordMarker
        var start = offset + 1
        let chunk = 1 << 16
        while start < bytes.size {
            let block = bytes.read(at: start, count: chunk + marker.count - 1)
            if block.count >= marker.count {
                for index in 0...(block.count - marker.count) where block[index] == marker[0] {
                    if block[index..<index + marker.count].elementsEqual(marker) { return start + index }
                }
            }
            start += chunk
        }
        return bytes.size
    }

    /// The payload of `frame`, checked and decompressed; nil (with a warning) when damaged.
    private func payload(of frame: RecordFrame) -> [UInt8]? {
        let compressed = bytes.read(at: frame.offset + RecordingFormat.frameHeaderSize, count: frame.length)
        guard compressed.count == frame.length,
            CRC32.checksum(compressed, continuing: CRC32.checksum(frame.checkedHeader)) == frame.checksum
        else {
            warnings.append("offset \(frame.offset): record of sample \(frame.generation) fails its checksum, skipped")
            return nil
        }
        guard let payload = Zstd.decompress(compressed) else {
            warnings.append("offset \(frame.offset): record of sample \(frame.generation) does not decompress, skipped")
            return nil
        }
        return payload
    }

    /// The sample of `frames[index]`, given the sample decoded just before it (for a
    /// delta); nil, with a warning, when it is damaged or its base is missing.
    public func snapshot(at index: Int, previous: Snapshot?) -> Snapshot? {
        let frame = frames[index]
        let base: Snapshot?
        switch frame.kind {
        case .full:
            base = nil
        case .delta:
            guard let previous, previous.generation == frame.baseGeneration else {
                warnings.append(
                    "offset \(frame.offset): sample \(frame.generation) is a delta against a sample that could not be read, skipped"
                )
                return nil
            }
            base = previous
        }
        guard let payload = payload(of: frame) else { return nil }
        do {
            return try SnapshotCoding.decode(
                payload, generation: frame.generation, timestamp: frame.timestamp, previous: base, version: version)
        } catch {
            warnings.append(
                "offset \(frame.offset): record of sample \(frame.generation) is malformed (\(error)), skipped")
            return nil
        }
    }

    /// Where to start decoding to meet every sample from `time` on: the last full record
    /// at or before the first record stamped `time` or later (every record before that
    /// one is earlier, so nothing is missed even if the clock stepped back later).
    public func startIndex(forSamplesFrom time: Double) -> Int {
        guard let first = frames.firstIndex(where: { $0.timestamp >= time }) else { return frames.count }
        return frames[...first].lastIndex(where: { $0.kind == .full }) ?? 0
    }

    /// Every readable sample in order from `frames[start]`, with `body` called for
    /// each; `body` returns false to stop.
    public func forEachSnapshot(from start: Int = 0, _ body: (Snapshot) -> Bool) {
        var previous: Snapshot?
        for index in frames.indices where index >= start {
            let decoded = snapshot(at: index, previous: previous)
            if let decoded, !body(decoded) { return }
            // A damaged record leaves no base, so the deltas after it are skipped too.
            previous = decoded
        }
    }
}
