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
        let cpus = try #require(limits.effectiveCPUSet)
        #expect(memory == 536_870_912)
        #expect(current == 104_857_600)
        #expect(quota == 1.5)
        #expect(cpus == [0, 1, 3])
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
        let refused = limits.ownCgroup() == nil
        #expect(refused)
    }

    @Test func theLowestLimitFromTheOwnCgroupUpToTheMountBinds() throws {
        // A slice above limits memory to 256 MiB and CPU to 0.5; the container itself
        // sets 512 MiB and 1.5 CPUs. Each limit comes with the usage of the cgroup that sets it.
        let proc = try fixture(memoryMax: "536870912\n", cpuMax: "150000 100000\n", cpus: "0\n", path: "/pod/ctr")
        try proc.write("cg/pod/memory.max", "268435456\n")
        try proc.write("cg/pod/memory.current", "209715200\n")
        try proc.write("cg/pod/cpu.max", "50000 100000\n")
        try proc.write("cg/pod/cpu.stat", "usage_usec 1000000\nuser_usec 600000\n")
        try proc.write("cg/pod/ctr/cpu.stat", "usage_usec 9\n")
        try proc.write("cg/memory.max", "max\n")
        let limits = try #require(CgroupLimitsReader(procRoot: proc.root.path, reader: ProcFileReader()).read())
        let memory = try #require(limits.memoryMax)
        let current = try #require(limits.memoryCurrent)
        let quota = try #require(limits.cpuQuota)
        let usage = try #require(limits.cpuUsage)
        #expect(memory == 268_435_456)
        #expect(current == 209_715_200)
        #expect(quota == 0.5)
        #expect(usage.path.hasSuffix("/cg/pod/cpu.stat"))
        #expect(usage.microseconds == 1_000_000)
    }

    @Test func theCgroupsCPUUseIsTheGrowthOfItsCounterOverTheInterval() throws {
        let proc = try fixture(memoryMax: "max\n", cpuMax: "100000 100000\n", cpus: "0-1\n")
        try proc.write("cg/docker/abc/cpu.stat", "usage_usec 5000000\nuser_usec 1\n")
        let reader = SnapshotReader(procFS: proc.procFS, options: ScanOptions(), lastPIDCoversRoot: true)
        let start = MonotonicClock.nanoseconds()
        let first = try #require(reader.read().system.cgroupLimits)
        #expect(isNil(first.cpuUsed))
        // Between the samples the cgroup used 2 s of CPU: its use is that over the
        // interval, which lies inside the time both reads took.
        try proc.write("cg/docker/abc/cpu.stat", "usage_usec 7000000\nuser_usec 1\n")
        let second = reader.read()
        let bracket = Double(MonotonicClock.nanoseconds() - start) / 1e9
        let used = try #require(second.system.cgroupLimits?.cpuUsed)
        #expect(used >= 2 / bracket * 0.999)
        // A counter that steps back (another cgroup's) gives no use rather than a huge one.
        try proc.write("cg/docker/abc/cpu.stat", "usage_usec 10\n")
        #expect(isNil(reader.read().system.cgroupLimits?.cpuUsed))
    }

    @Test func cpuListsAndMalformedValues() {
        #expect((CgroupLimits.parseCPUList("0-3,6,8-9\n") ?? []) == [0, 1, 2, 3, 6, 8, 9])
        #expect((CgroupLimits.parseCPUList("5") ?? []) == [5])
        #expect((CgroupLimits.parseCPUList("2,0-2") ?? []) == [0, 1, 2])
        #expect(isNil(CgroupLimits.parseCPUList("3-1")))
        #expect(isNil(CgroupLimits.parseCPUList("a")))
        #expect(isNil(CgroupLimits.parseCPUList("0-99999999999")))
        #expect((CgroupLimits.parseUsage("usage_usec 42\nuser_usec 40\n") ?? 0) == 42)
        #expect(isNil(CgroupLimits.parseUsage("user_usec 40\n")))
        #expect((CgroupLimits.parseCPUMax("50000 100000") ?? -1) == 0.5)
        #expect(isNil(CgroupLimits.parseCPUMax("50000 0")))
        #expect(isNil(CgroupLimits.parseMemoryMax("-1")))
    }
}
