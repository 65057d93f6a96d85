import Testing

@testable import SwtopCore

/// /proc/PID/io read by the sampler for every process only when asked, and its
/// rates between two samples of the same process.
@Suite struct ProcessIOSamplingTests {
    static func io(read: UInt64, write: UInt64) -> String {
        "rchar: 100\nwchar: 200\nsyscr: 1\nsyscw: 2\nread_bytes: \(read)\nwrite_bytes: \(write)\ncancelled_write_bytes: 0\n"
    }

    @Test func ioIsReadForEveryProcessOnlyWhenAsked() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 10)
        try proc.write("10/io", Self.io(read: 4096, write: 8192))
        try proc.addProcess(pid: 11) // no io file: unreadable, as another user's process when not root
        let off = SnapshotReader(procFS: proc.procFS).read()
        #expect(off.processes.allSatisfy { $0.ioCounters == nil && $0.ioRates == nil })
        var options = ScanOptions()
        options.readsIO = true
        let on = SnapshotReader(procFS: proc.procFS, options: options).read()
        let readable = try #require(on.processes.first { $0.pid == 10 })
        let counters = try #require(readable.ioCounters)
        #expect(counters.readBytes == 4096 && counters.writtenBytes == 8192)
        let unreadable = try #require(on.processes.first { $0.pid == 11 })
        let unknown = unreadable.ioCounters == nil
        #expect(unknown, "unknown, not 0")
    }

    @Test func ratesAreOverTheMonotonicIntervalOfTheSameProcess() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 10)
        try proc.write("10/io", Self.io(read: 0, write: 1000))
        var options = ScanOptions()
        options.readsIO = true
        let template = try #require(SnapshotReader(procFS: proc.procFS, options: options).read().processes.first)
        func sample(at seconds: Double) -> SystemSample {
            SystemSample(
                stat: SystemStat(), memory: MemoryInfo(), load: LoadAverage(), uptimeSeconds: 1,
                monotonicSeconds: seconds)
        }
        func entry(read: UInt64, write: UInt64, start: UInt64 = 100) -> ProcessEntry {
            var process = template
            process.startTicks = start
            process.ioCounters = IOCounters(
                readCharacters: 0, writtenCharacters: 0, readBytes: read, writtenBytes: write,
                cancelledWriteBytes: 0)
            return process
        }
        var assembler = SnapshotAssembler(clockTicksPerSecond: 100)
        let first = assembler.assemble(system: sample(at: 10), processes: [entry(read: 0, write: 1000)], timestamp: 1)
        let none = first.processes[0].ioRates == nil
        #expect(none, "blank on the first sample")
        let second = assembler.assemble(
            system: sample(at: 12), processes: [entry(read: 2 << 20, write: 1000 + (6 << 20))],
            timestamp: 3)
        let rates = try #require(second.processes[0].ioRates)
        #expect(rates.readPerSecond == Double(1 << 20))
        #expect(rates.writePerSecond == Double(3 << 20))
        // The same PID with another start time is another process: no rate across the two.
        let recycled = assembler.assemble(
            system: sample(at: 13), processes: [entry(read: 9 << 20, write: 0, start: 500)],
            timestamp: 4)
        let fresh = recycled.processes[0].ioRates == nil
        #expect(fresh)
    }
}
