import Testing

@testable import SwtopCore

/// swtop's own cgroup limits, from a fixture /proc (self/cgroup, self/mounts) and a
/// fixture cgroup v2 tree under it.
@Suite struct CgroupLimitsTests {
    /// Outside `#expect`: an Optional compared there trips the address sanitizer.
    private func isNil<T>(_ value: T?) -> Bool { value == nil }

    private func fixture(memoryMax: String, cpuMax: String, cpus: String, path: String = "/docker/abc") throws
        -> FixtureProc
    {
        let proc = try FixtureProc()
        try proc.write("self/cgroup", "0::\(path)\n")
        try proc.write("self/mounts", "proc /proc proc rw 0 0\ncgroup2 \(proc.root.path)/cg cgroup2 rw,nosuid 0 0\n")
        try proc.write("cg\(path)/memory.max", memoryMax)
        try proc.write("cg\(path)/memory.current", "104857600\n")
        try proc.write("cg\(path)/cpu.max", cpuMax)
        try proc.write("cg\(path)/cpuset.cpus.effective", cpus)
        return proc
    }

    @Test func limitsOfTheOwnCgroupReachTheSnapshot() throws {
        let proc = try fixture(memoryMax: "536870912\n", cpuMax: "150000 100000\n", cpus: "0-1,3\n")
        let reader = SnapshotReader(procFS: proc.procFS, options: ScanOptions(), lastPIDCoversRoot: true)
        let limits = try #require(reader.read().system.cgroupLimits)
        let memory = try #require(limits.memoryMax)
        let current = try #require(limits.memoryCurrent)
        let quota = try #require(limits.cpuQuota)
        let cpus = try #require(limits.effectiveCPUs)
        #expect(memory == 536_870_912)
        #expect(current == 104_857_600)
        #expect(quota == 1.5)
        #expect(cpus == 3)
        // Below the machine's 1 GB (fixture MemTotal): the meter shows the limit.
        let shown = try #require(limits.memoryLimit(below: 1_000_000 * 1024))
        #expect(shown.used == 104_857_600 && shown.limit == 536_870_912)
        let aboveTheMachine = limits.memoryLimit(below: 100_000_000) == nil // a limit above the machine limits nothing
        #expect(aboveTheMachine)
    }

    @Test func maxMeansNoLimit() throws {
        let proc = try fixture(memoryMax: "max\n", cpuMax: "max 100000\n", cpus: "\n")
        let reader = SnapshotReader(procFS: proc.procFS, options: ScanOptions(), lastPIDCoversRoot: true)
        let none = reader.read().system.cgroupLimits == nil
        #expect(none)
    }

    @Test func aPathClimbingOutOfTheTreeIsRefused() throws {
        let proc = try fixture(memoryMax: "1000\n", cpuMax: "max 100000\n", cpus: "0\n", path: "/a/../b")
        let limits = CgroupLimitsReader(procRoot: proc.root.path, reader: ProcFileReader())
        let refused = limits.ownDirectory() == nil
        #expect(refused)
    }

    @Test func cpuListsAndMalformedValues() {
        #expect((CgroupLimits.countCPUs("0-3,6,8-9\n") ?? -1) == 7)
        #expect((CgroupLimits.countCPUs("5") ?? -1) == 1)
        #expect(isNil(CgroupLimits.countCPUs("3-1")))
        #expect(isNil(CgroupLimits.countCPUs("a")))
        #expect((CgroupLimits.parseCPUMax("50000 100000") ?? -1) == 0.5)
        #expect(isNil(CgroupLimits.parseCPUMax("50000 0")))
        #expect(isNil(CgroupLimits.parseMemoryMax("-1")))
    }
}
