/// Samples the view can step through when it looks at the past: the live ring while
/// paused, or a recording being replayed. Positions are sequence numbers that never
/// shift: the ring drops its oldest samples, so position 0 moves on with them.
public protocol SampleHistory: AnyObject {
    /// The sequence number of the oldest sample still held.
    var firstSequence: Int { get }
    var count: Int { get }
    /// The wall-clock time of the sample at `sequence`, without decoding it.
    func timestamp(at sequence: Int) -> Double
    /// nil when the sample cannot be read (a damaged record, or one already dropped).
    func snapshot(at sequence: Int) -> Snapshot?
}

extension SampleHistory {
    /// The sequence numbers held, oldest first.
    public var sequences: Range<Int> { firstSequence..<firstSequence + count }

    /// The first sample at or after `time`; the newest when none is.
    public func sequence(atOrAfter time: Double) -> Int {
        min(firstSequence { $0 >= time }, sequences.upperBound - 1)
    }

    /// The last sample at or before `time`; the oldest when none is.
    public func sequence(atOrBefore time: Double) -> Int {
        max(firstSequence { $0 > time } - 1, sequences.lowerBound)
    }

    /// The sample closest to `time` in its direction from `sequence`, and at least
    /// one step away when there is one to take: a jump never stands still.
    public func sequence(from sequence: Int, toward time: Double) -> Int {
        let back = time < timestamp(at: sequence)
        let found = back ? self.sequence(atOrBefore: time) : self.sequence(atOrAfter: time)
        guard found == sequence else { return found }
        return min(max(sequences.lowerBound, sequence + (back ? -1 : 1)), sequences.upperBound - 1)
    }

    /// The first sample whose time satisfies `isReached`, by bisection (samples are
    /// in time order); `sequences.upperBound` when none does.
    private func firstSequence(where isReached: (Double) -> Bool) -> Int {
        var low = sequences.lowerBound
        var high = sequences.upperBound
        while low < high {
            let middle = (low + high) / 2
            if isReached(timestamp(at: middle)) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
