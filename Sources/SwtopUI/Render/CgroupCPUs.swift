import SwtopCore

/// What the CPU meters show inside a cgroup that limits CPU: only the CPUs of its
/// cpuset, and one more bar for the cgroup's own use against what it may use.
extension SystemState {
    /// The CPUs with a bar: inside a cpuset that leaves some out, only its own.
    var meteredCPUs: [CPUUsage] {
        guard let set = cgroupLimits?.effectiveCPUSet else { return cpus }
        let allowed = Set(set)
        let kept = cpus.enumerated().filter { allowed.contains($0.element.id ?? $0.offset) }.map(\.element)
        return kept.isEmpty || kept.count == cpus.count ? cpus : kept
    }

    /// CPUs' worth of time the cgroup may use (its `cpu.max`, at most its cpuset's
    /// CPUs), when that is less than the machine's online CPUs.
    var cgroupCPULimit: Double? {
        guard let limits = cgroupLimits else { return nil }
        let limit = min(limits.cpuQuota ?? .infinity, Double(meteredCPUs.count))
        return limit < Double(cpus.count) ? limit : nil
    }

    /// The cells of the CPU meters: a bar per metered CPU, and the cgroup's when it limits CPU.
    public var cpuMeterCount: Int { meteredCPUs.count + (cgroupCPULimit == nil ? 0 : 1) }
}

extension HeaderRenderer {
    /// `CPU[|||  0.42/1.50 CPUs (cgroup limit)]`: the cgroup's use (`cpu.stat`) against its limit.
    func drawCgroupCPU(_ system: SystemState, limit: Double, row: Int, column: Int, width: Int, into frame: inout Frame)
    {
        let used = system.cgroupLimits?.cpuUsed
        let amounts =
            (used.map { Units.fixed($0, fractionDigits: 2) } ?? "-") + "/" + Units.fixed(limit, fractionDigits: 2)
        let label = "CPU"
        let inner = width - label.count - 2
        // The longest wording that fits a narrow cell.
        let text =
            [amounts + " CPUs (cgroup limit)", amounts + " (cgroup limit)", amounts + " cgroup", amounts]
            .first { DisplayWidth.of($0) <= inner } ?? amounts
        drawBar(
            into: &frame, row: row, column: column, width: width, label: label,
            segments: used.map { [(min(1, $0 / max(0.01, limit)), .cpuUser)] } ?? [], text: text)
    }
}
