/// A recording as a `SampleHistory` for the replay view. A sample is decoded from
/// the full record before it; the last one decoded is kept, so stepping forward
/// decodes one record and stepping back at most the deltas since a full one.
public final class RecordingHistory: SampleHistory {
    public let reader: RecordingReader
    private var last: (sequence: Int, snapshot: Snapshot)?

    public init(_ reader: RecordingReader) {
        self.reader = reader
    }

    public var firstSequence: Int { 0 }
    public var count: Int { reader.frames.count }

    public func timestamp(at sequence: Int) -> Double { reader.frames[sequence].timestamp }

    public func snapshot(at sequence: Int) -> Snapshot? {
        guard reader.frames.indices.contains(sequence) else { return nil }
        if let last, last.sequence == sequence { return last.snapshot }
        guard let full = reader.frames[...sequence].lastIndex(where: { $0.kind == .full }) else { return nil }
        var start = full
        var previous: Snapshot?
        if let last, last.sequence < sequence, last.sequence >= full {
            start = last.sequence + 1
            previous = last.snapshot
        }
        for index in start...sequence {
            previous = reader.snapshot(at: index, previous: previous)
            guard previous != nil else { return nil }
        }
        if let previous { last = (sequence, previous) }
        return previous
    }
}
