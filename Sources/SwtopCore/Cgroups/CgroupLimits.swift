/// The limits of the cgroup swtop itself runs in (cgroup v2): inside a container the
/// meters should tell the container's truth, not the host's.
public struct CgroupLimits: Sendable, Equatable {
    /// `memory.max`; nil for `max` (no limit).
    public var memoryMax: UInt64?
    /// `memory.current`: what the cgroup uses now, which the limit bounds.
    public var memoryCurrent: UInt64?
    /// `cpu.max` as CPUs' worth of time (quota / period); nil for `max`.
    public var cpuQuota: Double?
    /// The number of CPUs in `cpuset.cpus.effective`.
    public var effectiveCPUs: Int?

    public init(
        memoryMax: UInt64? = nil, memoryCurrent: UInt64? = nil, cpuQuota: Double? = nil, effectiveCPUs: Int? = nil
    ) {
        self.memoryMax = memoryMax
        self.memoryCurrent = memoryCurrent
        self.cpuQuota = cpuQuota
        self.effectiveCPUs = effectiveCPUs
    }

    /// True when no file named a limit.
    public var isEmpty: Bool { memoryMax == nil && cpuQuota == nil && effectiveCPUs == nil }

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

    /// `cpuset.cpus.effective`: `0-3,6` → 5; nil when empty or malformed.
    static func countCPUs(_ text: Substring) -> Int? {
        var count = 0
        for range in text.trimmingWhitespace().split(separator: ",") {
            let ends = range.split(separator: "-", omittingEmptySubsequences: false)
            guard let first = Int(ends[0]), first >= 0 else { return nil }
            let last = ends.count == 2 ? Int(ends[1]) : (ends.count == 1 ? first : nil)
            guard let last, last >= first, last - first < 1 << 16 else { return nil }
            count += last - first + 1
        }
        return count > 0 ? count : nil
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
