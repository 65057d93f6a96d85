/// The limits of the cgroup swtop itself runs in (cgroup v2): inside a container the
/// meters should tell the container's truth, not the host's.
public struct CgroupLimits: Sendable, Equatable {
    /// The lowest `memory.max` of swtop's cgroup and its ancestors; nil when none sets one.
    public var memoryMax: UInt64?
    /// `memory.current` of the cgroup that sets that limit: what the limit bounds.
    public var memoryCurrent: UInt64?
    /// The lowest `cpu.max` of swtop's cgroup and its ancestors, as CPUs' worth of
    /// time (quota / period); nil when none sets one.
    public var cpuQuota: Double?
    /// The CPU ids of `cpuset.cpus.effective`, ascending.
    public var effectiveCPUSet: [Int]?
    /// CPUs' worth of time the limited cgroup used between the previous sample and
    /// this one (the growth of `usage_usec` in its `cpu.stat`); nil on the first.
    public var cpuUsed: Double?
    /// `usage_usec` at this sample, and the `cpu.stat` it came from: where the next delta starts.
    var cpuUsage: CPUUsageReading?

    struct CPUUsageReading: Sendable, Equatable {
        let path: String
        let microseconds: UInt64
    }

    public init(
        memoryMax: UInt64? = nil, memoryCurrent: UInt64? = nil, cpuQuota: Double? = nil,
        effectiveCPUSet: [Int]? = nil, cpuUsed: Double? = nil
    ) {
        self.memoryMax = memoryMax
        self.memoryCurrent = memoryCurrent
        self.cpuQuota = cpuQuota
        self.effectiveCPUSet = effectiveCPUSet
        self.cpuUsed = cpuUsed
    }

    /// True when no file named a limit.
    public var isEmpty: Bool { memoryMax == nil && cpuQuota == nil && effectiveCPUSet == nil }

    /// The memory limit when it is below the machine's `total` (a limit above it limits nothing).
    public func memoryLimit(below total: UInt64) -> (used: UInt64, limit: UInt64)? {
        guard let limit = memoryMax, limit > 0, limit < total, let used = memoryCurrent else { return nil }
        return (min(used, limit), limit)
    }

    /// `memory.max`: bytes, or `max`.
    static func parseMemoryMax(_ text: Substring) -> UInt64? {
        UInt64(text.trimmingWhitespace())
    }

    /// `cpu.max`: `QUOTA PERIOD` in microseconds, or `max PERIOD`.
    static func parseCPUMax(_ text: Substring) -> Double? {
        let fields = text.trimmingWhitespace().split(separator: " ")
        guard fields.count == 2, let quota = UInt64(fields[0]), let period = UInt64(fields[1]), period > 0 else {
            return nil
        }
        return Double(quota) / Double(period)
    }

    /// `cpuset.cpus.effective`: `0-3,6` → [0, 1, 2, 3, 6]; nil when empty, malformed
    /// or naming a CPU past 65535 (the kernel allows 8192).
    static func parseCPUList(_ text: Substring) -> [Int]? {
        var ids: [Int] = []
        for range in text.trimmingWhitespace().split(separator: ",") {
            let ends = range.split(separator: "-", omittingEmptySubsequences: false)
            guard let first = Int(ends[0]), first >= 0 else { return nil }
            let last = ends.count == 2 ? Int(ends[1]) : (ends.count == 1 ? first : nil)
            guard let last, last >= first, last < 1 << 16 else { return nil }
            ids.append(contentsOf: first...last)
        }
        return ids.isEmpty ? nil : Array(Set(ids)).sorted()
    }

    /// The `usage_usec N` line of `cpu.stat`: microseconds of CPU time the cgroup has used.
    static func parseUsage(_ text: Substring) -> UInt64? {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, fields[0] == "usage_usec" { return UInt64(fields[1]) }
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[start...end]
    }
}
