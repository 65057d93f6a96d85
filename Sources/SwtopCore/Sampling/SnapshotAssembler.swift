/// Turns raw samples into snapshots: CPU% from the deltas against the previous
/// sample, MEM%, task counts, a generation number. Pure apart from its memory of
/// the previous snapshot, so tests drive it with hand-built samples.
public struct SnapshotAssembler: Sendable {
    public private(set) var previous: Snapshot?
    private var previousMonotonicSeconds: Double?
    private var previousStat: SystemStat?
    public let clockTicksPerSecond: UInt64

    public init(clockTicksPerSecond: UInt64) {
        self.clockTicksPerSecond = clockTicksPerSecond
    }

    /// - Parameter processes: ascending by PID, percentages not yet filled in.
    /// - Parameter unreadable: processes listed but not readable (see `TaskCounts.unreadable`).
    /// - Parameter notRefreshed: see `TaskCounts.notRefreshed`.
    public mutating func assemble(
        system sample: SystemSample, processes: consuming [ProcessEntry], unreadable: Int = 0,
        notRefreshed: Int = 0, timestamp: Double
    ) -> Snapshot {
        let onlineCPUs = max(1, sample.stat.perCPU.count)
        let before = previous?.system
        let cpuTotal = CPUUsage(
            id: nil, ticks: sample.stat.total,
            percentages: before.flatMap { CPUAccounting.percentages(from: $0.cpuTotal.ticks, to: sample.stat.total) })
        let cpus = sample.stat.perCPU.map { cpu in
            let old = before?.cpus.first { $0.id == cpu.id }
            return CPUUsage(
                id: cpu.id, ticks: cpu.ticks,
                percentages: old.flatMap { CPUAccounting.percentages(from: $0.ticks, to: cpu.ticks) })
        }
        let ticksPerCore = previousMonotonicSeconds.map {
            CPUAccounting.ticksPerCore(
                elapsedSeconds: sample.monotonicSeconds - $0, ticksPerSecond: clockTicksPerSecond)
        }

        let elapsedSeconds = previousMonotonicSeconds.map { sample.monotonicSeconds - $0 }
        var processes = processes
        let previousProcesses = previous?.processes ?? []
        let memoryTotal = Double(sample.memory.total)
        var earlier = 0 // merge walk: both lists ascend by PID
        for index in processes.indices {
            let pid = processes[index].pid
            while earlier < previousProcesses.count, previousProcesses[earlier].pid < pid { earlier += 1 }
            if let ticksPerCore, earlier < previousProcesses.count,
                previousProcesses[earlier].identity == processes[index].identity,
                !processes[index].isCarriedOver, !previousProcesses[earlier].isCarriedOver
            {
                processes[index].cpuPercent = CPUAccounting.processPercent(
                    previousTicks: previousProcesses[earlier].cpuTicks, currentTicks: processes[index].cpuTicks,
                    ticksPerCore: ticksPerCore, onlineCPUs: onlineCPUs)
            } else {
                processes[index].cpuPercent = nil
            }
            if let elapsedSeconds, elapsedSeconds > 0, earlier < previousProcesses.count,
                previousProcesses[earlier].identity == processes[index].identity,
                !processes[index].isCarriedOver, !previousProcesses[earlier].isCarriedOver
            {
                processes[index].ioRates = IORates(
                    from: previousProcesses[earlier].ioCounters,
                    to: processes[index].ioCounters, seconds: elapsedSeconds)
            } else {
                processes[index].ioRates = nil
            }
            processes[index].memoryPercent =
                memoryTotal > 0
                ? min(100, Double(processes[index].residentBytes) / memoryTotal * 100) : 0
        }

        // Counters that step back (a restarted container's view) give no rate rather than a huge one.
        // A closure rather than a key path: a key path is built at run time by the
        // standard library's code for it, which would be resident only for this.
        func rate(_ counter: (SystemStat) -> UInt64) -> Double? {
            guard let previousStat, let before = previousMonotonicSeconds, sample.monotonicSeconds > before,
                counter(sample.stat) >= counter(previousStat)
            else { return nil }
            return Double(counter(sample.stat) - counter(previousStat)) / (sample.monotonicSeconds - before)
        }
        var system = SystemState(
            cpuTotal: cpuTotal, cpus: cpus, memory: sample.memory, load: sample.load,
            uptimeSeconds: sample.uptimeSeconds, bootTime: sample.stat.bootTime,
            clockTicksPerSecond: clockTicksPerSecond)
        system.contextSwitchesPerSecond = rate { $0.contextSwitches }
        system.interruptsPerSecond = rate { $0.interrupts }
        system.cpuFrequency = sample.cpuFrequency
        system.disks = sample.disks
        system.cgroupLimits = sample.cgroupLimits
        system.cgroupLimits?.cpuUsed = cgroupCPUUsed(
            sample, before: before?.cgroupLimits, elapsedSeconds: elapsedSeconds)
        system.diskActivity = sample.diskActivity
        system.networkActivity = sample.networkActivity
        system.pressure = sample.pressure
        system.temperatures = sample.temperatures

        var tasks = TaskCounts(counting: processes)
        tasks.runningThreads = Int(clamping: sample.stat.runningThreads)
        tasks.unreadable = unreadable
        tasks.notRefreshed = notRefreshed
        let snapshot = Snapshot(
            generation: (previous?.generation ?? 0) + 1,
            timestamp: timestamp,
            monotonicSeconds: sample.monotonicSeconds,
            system: system,
            tasks: tasks,
            processes: processes
        )
        previous = snapshot
        previousMonotonicSeconds = sample.monotonicSeconds
        previousStat = sample.stat
        return snapshot
    }

    /// CPUs' worth of time the limited cgroup used since the previous sample; nil
    /// on the first, when its counter moved to another cgroup, or stepped back.
    private func cgroupCPUUsed(_ sample: SystemSample, before: CgroupLimits?, elapsedSeconds: Double?) -> Double? {
        guard let now = sample.cgroupLimits?.cpuUsage, let then = before?.cpuUsage, now.path == then.path,
            now.microseconds >= then.microseconds, let elapsedSeconds, elapsedSeconds > 0
        else { return nil }
        return Double(now.microseconds - then.microseconds) / 1e6 / elapsedSeconds
    }
}

extension TaskCounts {
    /// Counts processes by state letter and sums their threads.
    public init(counting processes: [ProcessEntry]) {
        self.init()
        for process in processes where !process.isThread {
            total += 1
            if process.isKernelThread {
                kernelThreads += 1
            } else {
                userlandThreads += Int(process.threadCount)
            }
            switch process.state {
            case UInt8(ascii: "R"): running += 1
            case UInt8(ascii: "S"): sleeping += 1
            case UInt8(ascii: "D"): diskSleep += 1
            case UInt8(ascii: "T"), UInt8(ascii: "t"): stopped += 1
            case UInt8(ascii: "Z"): zombie += 1
            case UInt8(ascii: "I"): idle += 1
            default: break
            }
        }
    }
}
