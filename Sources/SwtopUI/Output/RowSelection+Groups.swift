import SwtopCore

extension RowSelection {
    /// `--group` in every output: the groups of the processes this selection keeps
    /// (and only `userID`'s when given), largest RES first; `--top N` keeps the first N
    /// groups. Kernel threads take part, as `[kernel]` under program.
    public func groups(of snapshot: Snapshot, by kind: GroupKind, userID: UInt32?) -> [ProcessGroup] {
        let processes = snapshot.processes
        let candidates = processes.indices.filter { index in
            (userID == nil || processes[index].details.effectiveUID == userID)
                && keeps(processes[index], system: snapshot.system)
        }
        let groups = GroupOrdering(column: .res).sorted(
            ProcessGroup.groups(
                of: processes, candidates: candidates, by: kind, memoryTotal: snapshot.system.memory.total))
        guard let top, groups.count > top else { return groups }
        return Array(groups.prefix(top))
    }
}
