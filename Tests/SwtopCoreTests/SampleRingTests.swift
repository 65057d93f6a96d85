import Foundation
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
        let ring = try #require(SampleRing(window: 600, byteLimit: 1 << 30, fullInterval: 2))
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
        let ring = try #require(SampleRing(window: 2.5, byteLimit: 1 << 30, fullInterval: 1))
        for sample in Self.samples(6) { ring.append(sample) }
        // Monotonic 0…5, window 2.5 before 5: 3, 4 and 5 stay.
        #expect(ring.count == 3)
        #expect(ring.sequences == 3..<6)
        #expect(ring.timestamp(at: 3) == 1_003)
        _ = try #require(ring.snapshot(at: 3))
        let gone = ring.snapshot(at: 2)
        #expect(gone == nil)
    }

    @Test func theByteBoundHoldsAndWhatStaysDecodes() throws {
        let samples = Self.samples(8)
        let one = RecordingFormat.record(
            kind: .full, generation: 1, baseGeneration: 0, timestamp: 0,
            payload: SnapshotCoding.encode(samples[0], previous: nil)
        ).count
        let ring = try #require(SampleRing(window: 600, byteLimit: one * 3, fullInterval: 3))
        for sample in samples {
            ring.append(sample)
            #expect(ring.byteCount <= one * 3 || ring.count == 1)
        }
        #expect(ring.count >= 1 && ring.count < 8)
        for sequence in ring.sequences {
            let decoded = try #require(ring.snapshot(at: sequence), "sample \(sequence) of \(ring.sequences)")
            #expect(decoded.timestamp == ring.timestamp(at: sequence))
        }
    }

    /// The records are in a file with no name, not in swtop's memory: one descriptor
    /// to a deleted file, whose size grows with the samples.
    @Test func theRecordsLiveInAnUnlinkedFile() throws {
        let samples = Self.samples(3)
        let ring = try #require(SampleRing(window: 600, byteLimit: 1 << 30))
        var own = [String]()
        for sample in samples { ring.append(sample) }
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
        for name in descriptors {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + name)) ?? ""
            if target.hasPrefix("/tmp/#") && target.hasSuffix("(deleted)") { own.append(name) }
        }
        #expect(!own.isEmpty, "no unlinked temporary file among the descriptors")
        var sizes = 0
        for name in own {
            var info = stat()
            if stat("/proc/self/fd/" + name, &info) == 0 { sizes += Int(info.st_size) }
        }
        #expect(sizes >= ring.byteCount)
    }

    /// Jumps land on the sample nearest the time in their direction, and never stand still.
    @Test func jumpsByTime() throws {
        let ring = try #require(SampleRing(window: 600, byteLimit: 1 << 30, fullInterval: 2))
        for sample in Self.samples(6) { ring.append(sample) } // stamped 1000…1005
        #expect(ring.sequence(from: 5, toward: 1_002.5) == 2)
        #expect(ring.sequence(from: 0, toward: 1_002.5) == 3)
        #expect(ring.sequence(from: 2, toward: 1_004) == 4)
        #expect(ring.sequence(from: 5, toward: 900) == 0)
        #expect(ring.sequence(from: 0, toward: 2_000) == 5)
        // A jump shorter than the interval still moves one sample.
        #expect(ring.sequence(from: 3, toward: 1_003.2) == 4)
        #expect(ring.sequence(from: 3, toward: 1_002.8) == 2)
        #expect(ring.sequence(from: 5, toward: 1_006) == 5)
    }
}
