import SwtopCore

/// Hand-built snapshots for rendering tests.
enum SnapshotBuilder {
    static func process(
        _ pid: Int32, ppid: Int32 = 1, comm: String? = nil, args: [String]? = nil,
        user: String = "root", uid: UInt32 = 0, cpu: Double? = 0, res: UInt64 = 1 << 20,
        ticks: UInt64 = 0, state: Character = "S", kernel: Bool = false
    ) -> ProcessEntry {
        let name = comm ?? "p\(pid)"
        return ProcessEntry(
            pid: pid, ppid: ppid, state: state.asciiValue!, isKernelThread: kernel, startTicks: 100,
            userTicks: ticks, virtualBytes: 4 << 20, approximateResidentBytes: res,
            exactMemory: ResidentMemory(residentBytes: res, sharedBytes: 512 << 10),
            details: ProcessDetails(
                comm: name, commandLine: kernel ? [] : (args ?? ["/bin/\(name)"]),
                realUID: uid, effectiveUID: uid, realUser: user, effectiveUser: user),
            cpuPercent: cpu, memoryPercent: Double(res) / Double(1 << 30) * 100)
    }

    static func snapshot(_ processes: [ProcessEntry]) -> Snapshot {
        var shares = CPUPercentages()
        shares.user = 10
        shares.system = 5
        shares.idle = 85
        var memory = MemoryInfo()
        memory.total = 1 << 30
        memory.free = 512 << 20
        memory.available = 768 << 20
        memory.buffers = 16 << 20
        memory.cached = 128 << 20
        memory.swapTotal = 1 << 30
        memory.swapFree = 1 << 30
        let cpu = CPUUsage(id: 0, ticks: CPUTicks(), percentages: shares)
        let tasks = TaskCounts(counting: processes)
        return Snapshot(
            generation: 2, timestamp: 3_600 * 13 + 60 * 4 + 5,
            system: SystemState(
                cpuTotal: CPUUsage(id: nil, ticks: CPUTicks(), percentages: shares), cpus: [cpu],
                memory: memory, load: LoadAverage(one: 0.5, five: 0.25, fifteen: 0.125),
                uptimeSeconds: 90_061, bootTime: 1_700_000_000, clockTicksPerSecond: 100),
            tasks: tasks, processes: processes.sorted { $0.pid < $1.pid })
    }
}
