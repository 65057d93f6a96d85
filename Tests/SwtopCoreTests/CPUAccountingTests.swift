import Testing

@testable import SwtopCore

@Suite struct CPUAccountingTests {
    private func system(total: CPUTicks, perCPU: [CPUTicks], at seconds: Double, memTotal: UInt64 = 1 << 30)
        -> SystemSample
    {
        var stat = SystemStat()
        stat.total = total
        stat.perCPU = perCPU.enumerated().map { NumberedCPUTicks(id: $0.offset, ticks: $0.element) }
        var memory = MemoryInfo()
        memory.total = memTotal
        return SystemSample(
            stat: stat, memory: memory, load: LoadAverage(), uptimeSeconds: 1, monotonicSeconds: seconds)
    }

    private func process(pid: Int32, start: UInt64, ticks: UInt64, res: UInt64 = 0) -> ProcessEntry {
        ProcessEntry(
            pid: pid, ppid: 1, startTicks: start, userTicks: ticks, approximateResidentBytes: res,
            details: ProcessDetails(comm: "p\(pid)", commandLine: []))
    }

    /// Two CPUs; between samples 2 s pass: 200 ticks per core at 100 Hz (and 400
    /// ticks in all in /proc/stat).
    private func twoSamples(before: [ProcessEntry], after: [ProcessEntry]) -> (Snapshot, Snapshot) {
        var assembler = SnapshotAssembler(clockTicksPerSecond: 100)
        let first = assembler.assemble(
            system: system(
                total: CPUTicks(user: 100, nice: 0, system: 100, idle: 800),
                perCPU: [
                    CPUTicks(user: 50, nice: 0, system: 50, idle: 400),
                    CPUTicks(user: 50, nice: 0, system: 50, idle: 400),
                ],
                at: 10),
            processes: before, timestamp: 1)
        let second = assembler.assemble(
            system: system(
                total: CPUTicks(user: 300, nice: 20, system: 140, idle: 920, iowait: 10, irq: 5, softirq: 5),
                perCPU: [
                    CPUTicks(user: 250, nice: 0, system: 50, idle: 400),
                    CPUTicks(user: 50, nice: 20, system: 90, idle: 520, iowait: 10, irq: 5, softirq: 5),
                ],
                at: 12),
            processes: after, timestamp: 2)
        return (first, second)
    }

    @Test func processPercentIsTicksOverOneCoresShare() throws {
        let (first, second) = twoSamples(
            before: [
                process(pid: 10, start: 1, ticks: 1000), process(pid: 11, start: 1, ticks: 0),
                process(pid: 12, start: 1, ticks: 0),
            ],
            after: [
                process(pid: 10, start: 1, ticks: 1200), process(pid: 11, start: 1, ticks: 50),
                process(pid: 12, start: 1, ticks: 0),
            ])
        #expect(first.processes.allSatisfy { $0.cpuPercent == nil }) // no previous sample: no number
        #expect(first.generation == 1)
        #expect(second.generation == 2)
        // 2 s at 100 Hz = 200 ticks per core. 200 ticks = one full core.
        #expect(second.processes.map(\.cpuPercent) == [100, 25, 0])
    }

    @Test func cpuSharesAddUpPerCPUAndInTotal() throws {
        let (first, second) = twoSamples(before: [], after: [])
        #expect(first.system.cpuTotal.percentages == nil)
        let total = try #require(second.system.cpuTotal.percentages)
        // Δtotal = 400: user 200, nice 20, system 40 (+5 irq +5 softirq), idle 120, iowait 10.
        #expect(total.user == 50)
        #expect(total.nice == 5)
        #expect(total.system == 12.5)
        #expect(total.irq == 1.25)
        #expect(total.idle == 30)
        #expect(total.iowait == 2.5)
        #expect(total.busy == 67.5)
        let cpu0 = try #require(second.system.cpus[0].percentages)
        #expect(cpu0.user == 100)
        #expect(cpu0.busy == 100)
        let cpu1 = try #require(second.system.cpus[1].percentages)
        #expect(cpu1.idle == 60)
        #expect(second.system.onlineCPUs == 2)
    }

    @Test func aCounterThatStepsBackGivesZeroNeverNegative() throws {
        let (_, second) = twoSamples(
            before: [process(pid: 10, start: 1, ticks: 5000)],
            after: [process(pid: 10, start: 1, ticks: 4000)])
        #expect(second.processes[0].cpuPercent == 0)
        let shares = CPUAccounting.percentages(
            from: CPUTicks(user: 500, nice: 0, system: 100, idle: 1000),
            to: CPUTicks(user: 400, nice: 0, system: 200, idle: 1100))
        #expect(shares?.user == 0)
        // Each share stays within 0…100 even when the counters disagree.
        #expect(shares?.system == 100)
        #expect(shares?.busy == 0)
    }

    @Test func aReusedPIDIsANewProcessWithoutADelta() throws {
        let (_, second) = twoSamples(
            before: [process(pid: 10, start: 1, ticks: 100)],
            after: [process(pid: 10, start: 777, ticks: 150)])
        #expect(second.processes[0].cpuPercent == nil)
    }

    @Test func theIntervalIsWallClockTimeNotStatTotals() {
        // /proc/stat totals that lag behind (a VM without steal accounting) must not
        // inflate a process's share: 1 s of wall time, 100 ticks of CPU = 100%.
        var assembler = SnapshotAssembler(clockTicksPerSecond: 100)
        let lagging = CPUTicks(user: 10, nice: 0, system: 0, idle: 10)
        _ = assembler.assemble(
            system: system(total: lagging, perCPU: [lagging], at: 5),
            processes: [process(pid: 1, start: 1, ticks: 0)], timestamp: 1)
        let later = CPUTicks(user: 70, nice: 0, system: 0, idle: 10)
        let second = assembler.assemble(
            system: system(total: later, perCPU: [later], at: 6),
            processes: [process(pid: 1, start: 1, ticks: 100)], timestamp: 2)
        #expect(second.processes[0].cpuPercent == 100)
        #expect(CPUAccounting.ticksPerCore(elapsedSeconds: 0.5, ticksPerSecond: 100) == 50)
    }

    @Test func percentIsCappedAtAllCores() {
        let percent = CPUAccounting.processPercent(
            previousTicks: 0, currentTicks: 10_000, ticksPerCore: 100, onlineCPUs: 2)
        #expect(percent == 200)
        #expect(CPUAccounting.processPercent(previousTicks: 0, currentTicks: 10, ticksPerCore: 0, onlineCPUs: 2) == nil)
    }

    @Test func memoryPercentIsResidentOverTotal() {
        let (_, second) = twoSamples(before: [], after: [process(pid: 10, start: 1, ticks: 0, res: 1 << 28)])
        #expect(second.processes[0].memoryPercent == 25)
    }

    @Test func processesThatComeAndGoDoNotConfuseTheMergeWalk() {
        let (_, second) = twoSamples(
            before: [
                process(pid: 3, start: 1, ticks: 0), process(pid: 5, start: 1, ticks: 0),
                process(pid: 9, start: 1, ticks: 0),
            ],
            after: [
                process(pid: 4, start: 2, ticks: 100), process(pid: 5, start: 1, ticks: 100),
                process(pid: 10, start: 1, ticks: 100),
            ])
        #expect(second.processes.map(\.cpuPercent) == [nil, 50, nil])
    }
}
