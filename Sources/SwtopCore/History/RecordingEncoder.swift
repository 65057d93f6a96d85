/// Turns the samples of a run into records: a full one first and then every
/// `fullInterval` seconds (so a reader can start there), deltas against the sample
/// before in between.
public struct RecordingEncoder: Sendable {
    public static let defaultFullInterval: Double = 600

    public let fullInterval: Double
    public let level: Zstd.Level
    private var previous: Snapshot?
    private var lastFullTime = -Double.infinity

    public init(fullInterval: Double = RecordingEncoder.defaultFullInterval, level: Zstd.Level = .standard) {
        self.fullInterval = fullInterval
        self.level = level
    }

    /// The next record starts over with a full sample (a new file after rotation).
    public mutating func restart() {
        previous = nil
    }

    public mutating func record(_ snapshot: Snapshot) -> [UInt8] {
        let base = previous.flatMap { snapshot.monotonicSeconds - lastFullTime < fullInterval ? $0 : nil }
        if base == nil { lastFullTime = snapshot.monotonicSeconds }
        let payload = SnapshotCoding.encode(snapshot, previous: base)
        previous = snapshot
        return RecordingFormat.record(
            kind: base == nil ? .full : .delta, generation: snapshot.generation,
            baseGeneration: base?.generation ?? 0, timestamp: snapshot.timestamp,
            payload: payload, level: level)
    }
}
