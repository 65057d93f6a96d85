import SwtopCore

/// What processes are grouped by (the view's `g`, `--group`).
public enum GroupKind: String, CaseIterable, Sendable {
    case program, user, container, unit, cgroup

    /// The group `process` belongs to.
    public func key(of process: ProcessEntry) -> String {
        switch self {
        case .program: ProgramName.of(process)
        case .user: process.details.effectiveUser
        case .container: process.details.cgroup?.container?.shortName ?? "-"
        case .unit: process.details.cgroup?.unit ?? "-"
        case .cgroup: process.details.cgroup?.path ?? "-"
        }
    }

    /// The files a grouping needs the sampler to read.
    public var readsCgroups: Bool { self == .container || self == .unit || self == .cgroup }
}

/// One group of processes and its statistics. Threads are not members: a process
/// counts once, with its thread count.
public struct ProcessGroup: Sendable, Equatable {
    public var key: String
    /// Indices into the snapshot's processes, ascending by PID.
    public var members: [Int]
    public var pids: [Int32]
    /// The sum over the members that have a CPU% (nil when none has one yet).
    public var cpuPercent: Double?
    public var memoryPercent: Double
    public var residentBytes: UInt64
    public var resident: ResidentStatistics
    public var cpuTicks: UInt64
    public var threads: Int

    public var count: Int { members.count }

    /// The groups of `candidates` (indices into `processes`) by `kind`, ascending by
    /// key. RES is exact where the sample read statm (the sampler does while grouping).
    public static func groups(
        of processes: [ProcessEntry], candidates: [Int], by kind: GroupKind,
        memoryTotal: UInt64
    ) -> [ProcessGroup] {
        var byKey: [String: [Int]] = [:]
        for index in candidates where !processes[index].isThread {
            byKey[kind.key(of: processes[index]), default: []].append(index)
        }
        return byKey.compactMap { key, members in
            let entries = members.map { processes[$0] }
            guard let resident = ResidentStatistics(entries.map(\.residentBytes)) else { return nil }
            let residentBytes = entries.reduce(UInt64(0)) { $0 &+ $1.residentBytes }
            let cpu = entries.compactMap(\.cpuPercent)
            return ProcessGroup(
                key: key, members: members, pids: entries.map(\.pid),
                cpuPercent: cpu.isEmpty ? nil : cpu.reduce(0, +),
                memoryPercent: memoryTotal > 0 ? min(100, Double(residentBytes) / Double(memoryTotal) * 100) : 0,
                residentBytes: residentBytes, resident: resident,
                cpuTicks: entries.reduce(UInt64(0)) { $0 &+ $1.cpuTicks },
                threads: entries.reduce(0) { $0 + Int($1.threadCount) })
        }.sorted { $0.key < $1.key }
    }
}
