import Testing

@testable import SwtopCore

/// Snapshots through the recording format and back: every field the table, groups and
/// JSON use must come back bit for bit, from full records and from deltas.
@Suite struct RecordingTests {
    /// Two real samples of this machine, the second with CPU% and changes against the first.
    static func liveSamples() -> [Snapshot] {
        var options = ScanOptions(readsStatm: true)
        options.readsCgroups = true
        options.readsIO = true
        options.readsDiskActivity = true
        options.readsNetworkActivity = true
        options.readsPressure = true
        options.readsTemperatures = true
        options.readsNetwork = true
        let reader = SnapshotReader(procFS: ProcFS(root: "/proc"), options: options)
        return [reader.read(), reader.read(), reader.read()]
    }

    /// What a record keeps of the cgroup limits: the use, not the counter it came from.
    static func recordedLimits(_ limits: CgroupLimits?) -> CgroupLimits? {
        var recorded = limits
        recorded?.cpuUsage = nil
        return recorded
    }

    @Test func cgroupLimitsComeBack() throws {
        var system = Self.liveSamples()[0].system
        for limits in [
            CgroupLimits(
                memoryMax: 1 << 28, memoryCurrent: 1 << 20, cpuQuota: 1.5, effectiveCPUSet: [1, 3], cpuUsed: 0.4),
            CgroupLimits(effectiveCPUSet: [0]), nil,
        ] {
            system.cgroupLimits = limits
            var writer = RecordByteWriter()
            writer.machineActivity(system)
            var reader = RecordByteReader(writer.bytes)
            var decoded = system
            decoded.cgroupLimits = CgroupLimits(memoryMax: 7)
            try reader.machineActivity(into: &decoded)
            let same = decoded.cgroupLimits == limits && reader.isAtEnd
            #expect(same)
        }
    }

    static func expectSame(_ decoded: Snapshot, _ original: Snapshot) {
        #expect(decoded.generation == original.generation)
        #expect(decoded.timestamp.bitPattern == original.timestamp.bitPattern)
        #expect(decoded.monotonicSeconds.bitPattern == original.monotonicSeconds.bitPattern)
        #expect(decoded.system.cpuTotal == original.system.cpuTotal)
        #expect(decoded.system.cpus == original.system.cpus)
        #expect(decoded.system.memory == original.system.memory)
        #expect(decoded.system.load == original.system.load)
        #expect(decoded.system.uptimeSeconds == original.system.uptimeSeconds)
        #expect(decoded.system.bootTime == original.system.bootTime)
        // Optionals compared outside #expect, which AddressSanitizer stops on.
        let sameRate =
            decoded.system.contextSwitchesPerSecond?.bitPattern == original.system.contextSwitchesPerSecond?.bitPattern
        #expect(sameRate)
        #expect(decoded.system.disks == original.system.disks)
        let sameActivity =
            decoded.system.diskActivity == original.system.diskActivity
            && decoded.system.networkActivity == original.system.networkActivity
            && decoded.system.pressure == original.system.pressure
            && decoded.system.temperatures == original.system.temperatures
            && decoded.system.cgroupLimits == recordedLimits(original.system.cgroupLimits)
            && decoded.system.gpus == original.system.gpus
        #expect(sameActivity)
        #expect(decoded.tasks == original.tasks)
        #expect(decoded.processes.count == original.processes.count)
        for (mine, theirs) in zip(decoded.processes, original.processes) {
            #expect(mine.identity == theirs.identity)
            #expect(mine.ppid == theirs.ppid && mine.threadGroupID == theirs.threadGroupID)
            #expect(mine.processGroup == theirs.processGroup && mine.session == theirs.session)
            #expect(mine.ttyNumber == theirs.ttyNumber && mine.state == theirs.state)
            #expect(mine.isKernelThread == theirs.isKernelThread && mine.isCarriedOver == theirs.isCarriedOver)
            #expect(
                mine.priority == theirs.priority && mine.nice == theirs.nice && mine.threadCount == theirs.threadCount)
            #expect(mine.userTicks == theirs.userTicks && mine.systemTicks == theirs.systemTicks)
            #expect(mine.virtualBytes == theirs.virtualBytes)
            #expect(mine.approximateResidentBytes == theirs.approximateResidentBytes)
            let sameMemory = mine.exactMemory == theirs.exactMemory
            #expect(sameMemory)
            #expect(mine.processor == theirs.processor && mine.directoryOwner == theirs.directoryOwner)
            let sameCPU = mine.cpuPercent?.bitPattern == theirs.cpuPercent?.bitPattern
            #expect(sameCPU)
            #expect(mine.memoryPercent.bitPattern == theirs.memoryPercent.bitPattern)
            #expect(mine.details.recordsEqual(theirs.details))
            let sameCgroup = mine.details.cgroup == theirs.details.cgroup
            #expect(sameCgroup)
            let sameIO = mine.ioCounters == theirs.ioCounters && mine.ioRates == theirs.ioRates
            #expect(sameIO)
            let sameDescriptorUse = mine.networkRates == theirs.networkRates && mine.gpuUse == theirs.gpuUse
            #expect(sameDescriptorUse)
        }
    }

    /// A recording of `samples` as one file's bytes.
    static func recording(_ samples: [Snapshot], fullInterval: Double = 600) -> [UInt8] {
        var encoder = RecordingEncoder(fullInterval: fullInterval)
        var bytes = RecordingFormat.fileHeader()
        for sample in samples { bytes += encoder.record(sample) }
        return bytes
    }

    static func decodeAll(_ bytes: [UInt8]) throws -> (samples: [Snapshot], warnings: [String]) {
        let reader = try RecordingReader(bytes)
        var samples: [Snapshot] = []
        reader.forEachSnapshot {
            samples.append($0)
            return true
        }
        return (samples, reader.warnings)
    }

    @Test func liveSamplesComeBackFromFullAndDeltaRecords() throws {
        let samples = Self.liveSamples()
        let bytes = Self.recording(samples)
        let reader = try RecordingReader(bytes)
        #expect(reader.frames.map(\.kind) == [.full, .delta, .delta])
        let (decoded, warnings) = try Self.decodeAll(bytes)
        #expect(warnings.isEmpty)
        try #require(decoded.count == samples.count)
        for (mine, theirs) in zip(decoded, samples) { Self.expectSame(mine, theirs) }
    }

    @Test func aDeltaIsSmallerThanAFullRecord() {
        let samples = Self.liveSamples()
        let full = SnapshotCoding.encode(samples[2], previous: nil)
        let delta = SnapshotCoding.encode(samples[2], previous: samples[1])
        #expect(delta.count < full.count)
    }

    @Test func aFullRecordComesEveryInterval() throws {
        let samples = Self.liveSamples()
        // A zero interval makes every record full.
        let reader = try RecordingReader(Self.recording(samples, fullInterval: 0))
        #expect(reader.frames.map(\.kind) == [.full, .full, .full])
    }

    @Test func aBeginTimeStartsAtTheLastFullRecordBeforeIt() throws {
        let samples = Self.liveSamples()
        var bytes = Self.recording(samples, fullInterval: 0)
        let reader = try RecordingReader(bytes)
        #expect(reader.startIndex(forSamplesFrom: samples[2].timestamp) == 2)
        #expect(reader.startIndex(forSamplesFrom: samples[0].timestamp - 1) == 0)
        #expect(reader.startIndex(forSamplesFrom: samples[2].timestamp + 1) == 3)
        // With deltas, decoding starts at the full record they build on.
        let deltas = try RecordingReader(Self.recording(samples))
        #expect(deltas.startIndex(forSamplesFrom: samples[2].timestamp) == 0)
        // Records before the start are not decoded: damage there goes unnoticed.
        bytes[reader.frames[1].offset + RecordingFormat.frameHeaderSize] ^= 0xff
        let damaged = try RecordingReader(bytes)
        var seen: [Double] = []
        damaged.forEachSnapshot(from: 2) {
            seen.append($0.timestamp)
            return true
        }
        #expect(seen == [samples[2].timestamp])
        #expect(damaged.warnings.isEmpty)
        damaged.forEachSnapshot { _ in true }
        #expect(damaged.warnings.count == 1)
    }

    @Test func newGoneAndChangedProcessesFollowTheDelta() throws {
        func entry(
            _ pid: Int32, start: UInt64, state: UInt8, comm: String, cpu: Double?,
            network: NetworkRates? = nil, gpu: GPUUse? = nil
        ) -> ProcessEntry {
            var entry = ProcessEntry(
                pid: pid, ppid: 1, state: state, startTicks: start, userTicks: 7,
                details: ProcessDetails(comm: comm, commandLine: [comm, "--flag"]), cpuPercent: cpu)
            entry.networkRates = network
            entry.gpuUse = gpu
            return entry
        }
        var system = SystemState(
            cpuTotal: CPUUsage(id: nil, ticks: CPUTicks(), percentages: nil), cpus: [],
            memory: MemoryInfo(), load: LoadAverage(), uptimeSeconds: 1, bootTime: 5,
            clockTicksPerSecond: 100)
        system.gpus = [
            GPUDevice(name: "0000:03:00.0", busyPercent: 42.5, memoryBytes: 1 << 29, clients: 2),
            GPUDevice(name: "-", busyPercent: nil, memoryBytes: nil, clients: 1),
        ]
        let first = Snapshot(
            generation: 1, timestamp: 10, system: system, tasks: TaskCounts(),
            processes: [
                entry(
                    1, start: 1, state: UInt8(ascii: "S"), comm: "init", cpu: nil,
                    network: NetworkRates(receivePerSecond: 1, sendPerSecond: 2),
                    gpu: GPUUse(percent: 3, memoryBytes: 1)),
                entry(
                    50, start: 9, state: UInt8(ascii: "R"), comm: "worker", cpu: 1.5,
                    network: NetworkRates(receivePerSecond: 5_242_880, sendPerSecond: 0.5),
                    gpu: GPUUse(percent: nil, memoryBytes: 4096)),
            ])
        // PID 50 recycled (new start time), PID 60 new, PID 1 stopped, its sockets closed.
        let second = Snapshot(
            generation: 2, timestamp: 11, system: system, tasks: TaskCounts(),
            processes: [
                entry(
                    1, start: 1, state: UInt8(ascii: "T"), comm: "init", cpu: 0,
                    gpu: GPUUse(percent: 50, memoryBytes: nil)),
                entry(50, start: 99, state: UInt8(ascii: "S"), comm: "other", cpu: nil),
                entry(60, start: 100, state: UInt8(ascii: "Z"), comm: "new\u{1b}[31m", cpu: nil),
            ])
        let (decoded, warnings) = try Self.decodeAll(Self.recording([first, second]))
        #expect(warnings.isEmpty)
        try #require(decoded.count == 2)
        Self.expectSame(decoded[0], first)
        Self.expectSame(decoded[1], second)
    }
}
