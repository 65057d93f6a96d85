import Testing

@testable import SwtopCore

/// What is read only when asked for: the header meters' context switch and interrupt rates from
/// /proc/stat, the CPU clock from /proc/cpuinfo, disk usage from statvfs; command lines every refresh.
@Suite struct OptInReadsTests {
    @Test func statCountsContextSwitchesAndInterrupts() throws {
        let stat = try #require(parsing(SystemStatParserTests.modern, SystemStatParser.parse))
        #expect(stat.contextSwitches == 115_315)
        #expect(stat.interrupts == 1_462_898)
    }

    @Test func ratesArePerSecondOfMonotonicTime() {
        var assembler = SnapshotAssembler(clockTicksPerSecond: 100)
        func sample(ctxt: UInt64, intr: UInt64, at seconds: Double) -> SystemSample {
            var stat = SystemStat()
            stat.contextSwitches = ctxt
            stat.interrupts = intr
            return SystemSample(
                stat: stat, memory: MemoryInfo(), load: LoadAverage(), uptimeSeconds: 1, monotonicSeconds: seconds)
        }
        let first = assembler.assemble(system: sample(ctxt: 1000, intr: 500, at: 10), processes: [], timestamp: 1)
        #expect(first.system.contextSwitchesPerSecond == nil) // no earlier sample: no rate
        let second = assembler.assemble(system: sample(ctxt: 5000, intr: 1500, at: 12), processes: [], timestamp: 3)
        #expect(second.system.contextSwitchesPerSecond == 2000)
        #expect(second.system.interruptsPerSecond == 500)
        // A counter that went back gives no rate rather than a huge one.
        let third = assembler.assemble(system: sample(ctxt: 10, intr: 2500, at: 13), processes: [], timestamp: 4)
        #expect(third.system.contextSwitchesPerSecond == nil)
        #expect(third.system.interruptsPerSecond == 1000)
    }

    @Test func cpuinfoAveragesTheClocks() {
        let text = """
            processor\t: 0
            model name\t: Some CPU
            cpu MHz\t\t: 2000.500
            cache size\t: 512 KB

            processor\t: 1
            cpu MHz\t\t: 3000.500

            """
        #expect(parsing(text, CPUInfoParser.averageMHz) == 2500.5)
        #expect(parsing("processor\t: 0\nBogoMIPS\t: 50.00\n", CPUInfoParser.averageMHz) == nil) // ARM leaves it out
    }

    @Test func readerTakesFrequencyAndDisksOnlyWhenAsked() throws {
        let proc = try FixtureProc()
        try proc.setSystem(cpuTicks: [1, 0, 1, 10], perCPU: [[1, 0, 1, 10]])
        try proc.write("cpuinfo", "processor\t: 0\ncpu MHz\t\t: 1234.000\n")
        let reader = SnapshotReader(procFS: proc.procFS)
        #expect(reader.read().system.cpuFrequency == nil)
        #expect(reader.read().system.disks == [])
        var options = ScanOptions()
        options.readsCPUFrequency = true
        options.diskMounts = ["/", "/no/such/mount"]
        reader.options = options
        let system = reader.read().system
        // A fixture root has no /sys beside it: no maximum.
        #expect(system.cpuFrequency == CPUFrequency(averageMHz: 1234, maximumMHz: nil))
        #expect(system.disks.map(\.mountPoint) == ["/", "/no/such/mount"])
        let root = try #require(system.disks.first)
        #expect((root.totalBytes ?? 0) > 0 && root.usedBytes <= root.totalBytes ?? 0)
        #expect(root.usedFraction > 0 && root.usedFraction <= 1)
        #expect(system.disks[1].totalBytes == nil)
    }

    @Test func diskMetersAreOfferedForRealFileSystems() {
        let mounts = """
            proc /proc proc rw,nosuid 0 0
            /dev/vda / ext4 rw,relatime 0 0
            tmpfs /dev/shm tmpfs rw 0 0
            /dev/vdb1 /mnt/my\\040disk xfs rw 0 0
            server:/export /srv/nfs nfs4 rw 0 0
            /dev/vda / ext4 rw,relatime 0 0
            broken
            """
        #expect(MountsParser.diskMountPoints(mounts) == ["/", "/mnt/my disk", "/srv/nfs"])
    }

    /// `update process names every refresh`.
    @Test func commandLinesAreReadAgainOnlyWhenAsked() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 77, comm: "daemon", cmdline: Array("daemon: starting\u{0}".utf8))
        let reader = SnapshotReader(procFS: proc.procFS)
        #expect(reader.read().processes.first?.details.rawCommandLine == "daemon: starting")
        try proc.write("77/cmdline", "daemon: idle\u{0}")
        #expect(reader.read().processes.first?.details.rawCommandLine == "daemon: starting") // once per identity
        var options = ScanOptions()
        options.rereadsCommandLines = true
        reader.options = options
        let process = try #require(reader.read().processes.first)
        #expect(process.details.rawCommandLine == "daemon: idle")
        #expect(process.details.comm == "daemon")
    }

    @Test func rowsOnScreenReadTheirOwnStatmWhenTheSamplerMayHaveKeptOne() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 88, comm: "idle", rss: 5)
        try proc.write("88/statm", "2000 422 385 1 0 100 0\n")
        var recording = ScanOptions(readsStatm: true)
        recording.keepsStatmOfIdleProcesses = true
        let kept = SnapshotReader(procFS: proc.procFS, options: recording).read()
        #expect(kept.memoryMayBeKept)
        #expect(!SnapshotReader(procFS: proc.procFS, options: ScanOptions(readsStatm: true)).read().memoryMayBeKept)
        let sampled = try #require(kept.processes.first)
        try proc.write("88/statm", "2000 500 385 1 0 100 0\n")
        let reader = OnScreenReader(procFS: proc.procFS)
        // The sampler's read of this very snapshot is used as it is...
        let trusted = try #require(reader.read([.statm], for: [sampled], generation: 1, monotonicSeconds: 1)[sampled])
        #expect(try #require(trusted.memory).residentBytes == 422 * 4096)
        // ...unless it may be one kept from an earlier refresh: then the file now.
        let own = try #require(
            reader.read(
                [.statm], for: [sampled], generation: 2, monotonicSeconds: 2,
                sampledMemoryIsFresh: !kept.memoryMayBeKept)[sampled])
        #expect(try #require(own.memory).residentBytes == 500 * 4096)
    }

    @Test func onScreenValuesForTheRowsOnScreen() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 88, comm: "writer", rss: 5)
        let io = { (read: Int, write: Int) in
            "rchar: 999999\nwchar: 999999\nsyscr: 1\nsyscw: 1\nread_bytes: \(read)\nwrite_bytes: \(write)\ncancelled_write_bytes: 0\n"
        }
        try proc.write("88/io", io(4096, 0))
        try proc.write("88/statm", "2000 422 385 1 0 100 0\n")
        try proc.write("88/status", "Name:\twriter\nVmRSS:\t  100 kB\nVmSwap:\t     12 kB\n")
        let process = try #require(SnapshotReader(procFS: proc.procFS).read().processes.first)
        let reader = OnScreenReader(procFS: proc.procFS)
        let all: OnScreenFiles = [.statm, .io, .status]
        func value(generation: UInt64, at seconds: Double, _ files: OnScreenFiles = all) -> OnScreenValue? {
            reader.read(files, for: [process], generation: generation, monotonicSeconds: seconds)[process]
        }
        let first = try #require(value(generation: 1, at: 100))
        #expect(first.ioRates == nil) // one read: no rate yet
        #expect(first.memory == ResidentMemory(residentBytes: 422 * 4096, sharedBytes: 385 * 4096))
        try proc.write("88/io", io(4096 + 2048, 1 << 20))
        try proc.write("88/statm", "2000 500 1 1 0 100 0\n")
        // The same snapshot drawn again reads nothing.
        #expect(value(generation: 1, at: 100) == first)
        let second = try #require(value(generation: 2, at: 102))
        #expect(second.ioRates == IORates(readPerSecond: 1024, writePerSecond: 524_288))
        // Unwrapped first: `#expect` on a `UInt64?` makes swift-testing read 9 bytes of an
        // 8-byte value, which AddressSanitizer stops on.
        let secondMemory = try #require(second.memory)
        #expect(secondMemory.residentBytes == 500 * 4096)
        let swap = try #require(second.swapBytes)
        #expect(swap == 12 * 1024)
        // Only the files asked for are read.
        let noRate1 = value(generation: 3, at: 104, [.statm])?.ioRates == nil
        #expect(noRate1)
        // Off screen for a refresh: no rate from counters two refreshes old.
        let noRate2 = value(generation: 5, at: 106)?.ioRates == nil
        #expect(noRate2)
        // Unreadable (another user's process without root): nothing, no crash.
        proc.remove("88/io")
        let noRate3 = value(generation: 6, at: 108)?.ioRates == nil
        #expect(noRate3)
        #expect(reader.read([], for: [process], generation: 7, monotonicSeconds: 110).byProcess.isEmpty)
    }
}
