import Glibc
import Synchronization
import Testing

@testable import SwtopCore

@Suite struct SamplerTests {
    /// Another thread reads snapshots while the sampler publishes them; run under
    /// `--sanitize=thread` this proves the hand-over race-free.
    @Test func snapshotsArePublishedToOtherThreadsWithGrowingGenerations() async throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 10)
        let sampler = Sampler(procFS: proc.procFS, interval: 0.1)
        sampler.start()
        let generations = try await withThrowingTaskGroup(of: [UInt64].self) { group in
            group.addTask {
                var seen: [UInt64] = []
                var generation: UInt64 = 0
                while generation < 5 {
                    guard let snapshot = sampler.waitForSnapshot(newerThan: generation) else { break }
                    #expect(snapshot.generation > generation)
                    #expect(snapshot.processes.map(\.pid) == [10])
                    generation = snapshot.generation
                    seen.append(generation)
                }
                return seen
            }
            group.addTask {
                // A second reader polls the latest snapshot concurrently.
                for _ in 0..<200 {
                    if let latest = sampler.latest { #expect(latest.processes.count == 1) }
                    try await Task.sleep(for: .milliseconds(2))
                }
                return []
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        sampler.stop()
        #expect(generations.last ?? 0 >= 5)
        #expect(generations == generations.sorted())
        // After stop, a waiter is released instead of blocking forever.
        #expect(sampler.waitForSnapshot(newerThan: 1_000) == nil)
    }

    @Test func theSamplerKeepsItsInterval() throws {
        let proc = try FixtureProc()
        let sampler = Sampler(procFS: proc.procFS, interval: 0.1)
        sampler.start()
        defer { sampler.stop() }
        let first = try #require(sampler.waitForSnapshot(newerThan: 0))
        let fourth = try #require(sampler.waitForSnapshot(newerThan: 3))
        // Three intervals of 0.1 s between them; generous bounds keep this a behaviour
        // check (it ticks, and not immediately), not a timing test.
        let elapsed = fourth.timestamp - first.timestamp
        #expect(elapsed >= 0.25)
        #expect(fourth.generation >= 4)
    }
    @Test func aNudgeBringsTheNextSampleForward() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 10)
        // An hour between ticks: a second snapshot within seconds comes from the nudge.
        let sampler = Sampler(procFS: proc.procFS, interval: 3600)
        sampler.start()
        defer { sampler.stop() }
        let first = try #require(sampler.waitForSnapshot(newerThan: 0))
        sampler.drainNotifications()
        sampler.sampleSoon()
        #expect(MonotonicClock.waitReadable(sampler.notificationDescriptor, forNanoseconds: 10_000_000_000))
        let second = try #require(sampler.latest)
        #expect(second.generation == first.generation + 1)
        // Not at once: the signalled process gets a moment, and CPU% a real period.
        #expect(second.timestamp - first.timestamp >= 0.09)
    }
}

/// A read that does not return (a dead network share, a process's locked memory)
/// must not keep swtop from exiting, nor pile up threads.
@Suite struct BlockedReadTests {
    /// A snapshot source whose read says it started, then waits until released.
    final class BlockingSource: SnapshotSource, @unchecked Sendable {
        var options = ScanOptions()
        let entered = Pipe()
        let release = Pipe()

        func read() -> Snapshot {
            entered.signal()
            _ = MonotonicClock.waitReadable(release.readEnd, forNanoseconds: nil)
            var assembler = SnapshotAssembler(clockTicksPerSecond: 100)
            return assembler.assemble(
                system: SystemSample(
                    stat: SystemStat(), memory: MemoryInfo(), load: LoadAverage(),
                    uptimeSeconds: 0, monotonicSeconds: 0),
                processes: [], timestamp: 0)
        }
    }

    @Test func aTimedStopGivesUpOnASamplerStuckInARead() throws {
        let source = BlockingSource()
        let sampler = Sampler(interval: 0.1) { _ in source }
        sampler.start()
        #expect(MonotonicClock.waitReadable(source.entered.readEnd, forNanoseconds: nil))
        #expect(!sampler.stop(waitingAtMost: 0.2))
        // A waiting reader is let go all the same.
        #expect(sampler.waitForSnapshot(newerThan: 0) == nil)
        source.release.signal() // the thread ends by itself, detached
    }

    @Test func aTimedStopOfAnIdleSamplerJoinsIt() throws {
        let proc = try FixtureProc()
        let sampler = Sampler(procFS: proc.procFS, interval: 3600)
        sampler.start()
        _ = try #require(sampler.waitForSnapshot(newerThan: 0))
        #expect(sampler.stop(waitingAtMost: 10))
    }

    final class StuckStatvfs: Sendable {
        let calls = Atomic<Int>(0)
        let release = Pipe()

        func query(_ mount: String) -> DiskUsage {
            calls.wrappingAdd(1, ordering: .relaxed)
            if mount == "/stuck" { _ = MonotonicClock.waitReadable(release.readEnd, forNanoseconds: nil) }
            return DiskUsage(mountPoint: mount, totalBytes: 1000, usedBytes: 250, availableBytes: 750)
        }
    }

    @Test func aStuckStatvfsHoldsOneThreadAndMarksItsMeterStalled() throws {
        let statvfs = StuckStatvfs()
        let probe = DiskUsageProbe(stallNanoseconds: 0, query: statvfs.query)
        for _ in 0..<5 {
            let usage = probe.usage(of: ["/stuck", "/"])
            #expect(usage.map(\.mountPoint) == ["/stuck", "/"])
            #expect(usage[0].totalBytes == nil && usage[0].isStalled)
            #expect(usage[1].totalBytes == 1000 && !usage[1].isStalled)
        }
        // One call for the stuck mount in all those rounds, one per round for the other.
        #expect(statvfs.calls.load(ordering: .relaxed) == 1 + 5)
        statvfs.release.signal()
        // The released thread answers when the machine gets to it: look again for up to 30 s.
        var answered: DiskUsage?
        for _ in 0..<3000 where answered?.totalBytes == nil {
            answered = probe.usage(of: ["/stuck"]).first
            if answered?.totalBytes == nil { usleep(10_000) }
        }
        #expect(answered?.totalBytes == 1000)
    }
}
