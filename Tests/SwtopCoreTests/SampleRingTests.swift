import Testing

@testable import SwtopCore

/// The compressed ring of recent samples behind live pause: bounded by age and bytes,
/// every sample in it decodes to what was appended.
@Suite struct SampleRingTests {
    /// `count` real samples of this machine, stamped one second apart.
    static func samples(_ count: Int) -> [Snapshot] {
        let reader = SnapshotReader(procFS: ProcFS(root: "/proc"), options: ScanOptions(readsStatm: true))
        return (0..<count).map { index in
            var snapshot = reader.read()
            snapshot.monotonicSeconds = Double(index)
            snapshot.timestamp = 1_000 + Double(index)
            return snapshot
        }
    }

    @Test func everySampleComesBack() throws {
        let samples = Self.samples(6)
        var ring = SampleRing(window: 600, byteLimit: 1 << 30, fullInterval: 2)
        for sample in samples { ring.append(sample) }
        #expect(ring.count == 6)
        for index in 0..<6 {
            let decoded = try #require(ring.snapshot(at: index))
            RecordingTests.expectSame(decoded, samples[index])
            #expect(ring.timestamp(at: index) == samples[index].timestamp)
        }
        let beyond = ring.snapshot(at: 6)
        #expect(beyond == nil)
    }

    @Test func oldSamplesLeaveByAge() throws {
        var ring = SampleRing(window: 2.5, byteLimit: 1 << 30, fullInterval: 1)
        for sample in Self.samples(6) { ring.append(sample) }
        // Monotonic 0…5, window 2.5 before 5: 3, 4 and 5 stay.
        #expect(ring.count == 3)
        #expect(ring.timestamp(at: 0) == 1_003)
        _ = try #require(ring.snapshot(at: 0))
    }

    @Test func theByteBoundHoldsAndWhatStaysDecodes() throws {
        let samples = Self.samples(8)
        let one = RecordingFormat.record(
            kind: .full, generation: 1, baseGeneration: 0, timestamp: 0,
            payload: SnapshotCoding.encode(samples[0], previous: nil)
        ).count
        var ring = SampleRing(window: 600, byteLimit: one * 3, fullInterval: 3)
        for sample in samples {
            ring.append(sample)
            #expect(ring.byteCount <= one * 3 || ring.count == 1)
        }
        #expect(ring.count >= 1 && ring.count < 8)
        for index in 0..<ring.count {
            let decoded = try #require(ring.snapshot(at: index), "sample \(index) of \(ring.count)")
            #expect(decoded.timestamp == ring.timestamp(at: index))
        }
    }
}
