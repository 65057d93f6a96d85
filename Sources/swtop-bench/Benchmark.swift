import SwtopCore

/// What one level measured. Times are CPU milliseconds of this process.
struct LevelResult {
    var level: Int
    /// PID directories the floor loop saw on its last run.
    var processes: Int
    var floor = Timings()
    var sample = Timings()
    var sampleWithShared = Timings()
    /// With the disk, network and pressure meters on.
    var sampleWithMeters = Timings()
    /// With a NET column shown: the socket table and every process's descriptors.
    var sampleWithNetwork = Timings()
    var firstSample = Timings()
    /// VmHWM of the bench after the level: the peak so far, all levels included.
    var peakResidentBytes: UInt64?
}

/// Times swtop's sampling against the floor loop at the current process count.
struct Benchmark {
    let procFS: ProcFS
    /// Timed repetitions of each steady-state operation.
    let samples: Int

    /// First samples are expensive (details for every process), so fewer are timed.
    var firstSampleReaders: Int { min(samples, 5) }

    func measure(level: Int) -> LevelResult {
        var result = LevelResult(level: level, processes: 0)
        let floor = FloorLoop(root: procFS.root)
        let statOnly = SnapshotReader(procFS: procFS, options: ScanOptions())
        let withShared = SnapshotReader(procFS: procFS, options: ScanOptions(readsStatm: true))
        var meters = ScanOptions()
        meters.readsDiskActivity = true
        meters.readsNetworkActivity = true
        meters.readsPressure = true
        let withMeters = SnapshotReader(procFS: procFS, options: meters)
        var network = ScanOptions()
        network.readsNetwork = true
        let withNetwork = SnapshotReader(procFS: procFS, options: network)

        // Warm-up, untimed: the readers' first read fetches command line, executable
        // and status of every process (timed separately below); later reads reuse them.
        _ = floor.run()
        _ = statOnly.read()
        _ = withShared.read()
        _ = withMeters.read()
        _ = withNetwork.read()

        // The steady-state operations take turns, in a rotating order, so a
        // disturbance on the machine (or a drift of its caches) hits all of them alike
        // and the ratios hold even when the absolute numbers are noisy.
        let operations: [(inout LevelResult) -> Void] = [
            { result in
                var seen = FloorLoop.Result()
                result.floor.append(CPUClock.milliseconds { seen = floor.run() })
                result.processes = seen.processes
            },
            { result in result.sample.append(CPUClock.milliseconds { _ = statOnly.read() }) },
            { result in result.sampleWithShared.append(CPUClock.milliseconds { _ = withShared.read() }) },
            { result in result.sampleWithMeters.append(CPUClock.milliseconds { _ = withMeters.read() }) },
            { result in result.sampleWithNetwork.append(CPUClock.milliseconds { _ = withNetwork.read() }) },
        ]
        for round in 0..<samples {
            for step in 0..<operations.count {
                operations[(round + step) % operations.count](&result)
            }
        }

        // A fresh reader's first read: what swtop pays once at start-up. One fresh
        // reader first, untimed, so that all timed ones meet the same kernel caches.
        _ = SnapshotReader(procFS: procFS).read()
        for _ in 0..<firstSampleReaders {
            let reader = SnapshotReader(procFS: procFS)
            result.firstSample.append(CPUClock.milliseconds { _ = reader.read() })
        }

        result.peakResidentBytes = MachineInfo.peakResidentBytes(procRoot: procFS.root)
        return result
    }
}
