import SwtopCore

/// The rows of the grouped view: one per group in the group ordering, each
/// expanded group followed by its members as process rows in the process ordering.
enum GroupedTable {
    static func rows(of snapshot: Snapshot, candidates: [Int], by kind: GroupKind, state: ViewState) -> [DisplayRow] {
        let processes = snapshot.processes
        let chosen =
            state.ordering.userID.map { uid in candidates.filter { processes[$0].details.effectiveUID == uid } }
            ?? candidates
        let groups = state.groupOrdering.sorted(
            ProcessGroup.groups(of: processes, candidates: chosen, by: kind, memoryTotal: snapshot.system.memory.total))
        var result: [DisplayRow] = []
        result.reserveCapacity(groups.count)
        for group in groups {
            let first = group.members[0]
            result.append(
                DisplayRow(
                    row: TableRow(index: first), pid: processes[first].pid,
                    cpuPercent: group.cpuPercent, group: group))
            guard state.expandedGroups.contains(group.key) else { continue }
            let members = group.members.sorted { state.ordering.precedes(processes[$0], processes[$1]) }
            for index in members {
                result.append(
                    DisplayRow(
                        row: TableRow(index: index, depth: 1), pid: processes[index].pid,
                        cpuPercent: processes[index].cpuPercent, memberOf: group.key))
            }
        }
        return result
    }

    /// The members of the group `key` as the view shows it now (for actions and tags).
    static func members(of key: String, in snapshot: Snapshot, state: ViewState) -> [ProcessEntry] {
        DisplayTable.rows(of: snapshot, state: state).first { $0.group?.key == key }?.group?.members
            .map { snapshot.processes[$0] } ?? []
    }
}
