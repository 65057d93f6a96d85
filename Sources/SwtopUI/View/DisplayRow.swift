import SwtopCore

/// A row of the interactive table: a table row plus what folding hides under it.
public struct DisplayRow: Sendable, Equatable {
    public var row: TableRow
    public var pid: Int32
    /// Descendants hidden under a collapsed node (0 otherwise).
    public var hiddenDescendants = 0
    /// CPU% including the hidden descendants; nil while no delta exists.
    public var cpuPercent: Double?
    /// RES of the hidden descendants, which MEM% includes (exact: a collapsed
    /// node makes the sampler read statm for every process).
    public var hiddenResidentBytes: UInt64 = 0
    /// Set on a group's own row (grouped view); `row.index` is then its first member.
    public var group: ProcessGroup? {
        get { groupStorage?.group }
        set { groupStorage = newValue.map(GroupStorage.init) }
    }
    /// The group behind one reference: inline, its statistics were most of every
    /// row's size, and the view builds a row for each process on every refresh.
    private var groupStorage: GroupStorage?
    /// The key of the group a member row is listed under (grouped view).
    public var memberOf: String?

    public init(
        row: TableRow, pid: Int32, cpuPercent: Double? = nil, group: ProcessGroup? = nil, memberOf: String? = nil
    ) {
        self.row = row
        self.pid = pid
        self.cpuPercent = cpuPercent
        self.groupStorage = group.map(GroupStorage.init)
        self.memberOf = memberOf
    }
}

/// A group's statistics, shared by reference between copies of its row.
private final class GroupStorage: Sendable, Equatable {
    let group: ProcessGroup

    init(_ group: ProcessGroup) { self.group = group }

    static func == (left: GroupStorage, right: GroupStorage) -> Bool { left.group == right.group }
}

/// What the table shows for a snapshot and a view state: filtered (user, text,
/// kernel threads), ordered, and in tree view folded where the user collapsed it.
public enum DisplayTable {
    public static func rows(of snapshot: Snapshot, state: ViewState) -> [DisplayRow] {
        let processes = snapshot.processes
        let selection = RowSelection(filter: state.activeFilter, pids: state.onlyPIDs)
        let kept = processes.indices.filter { index in
            let process = processes[index]
            return (state.showsKernelThreads || !process.isKernelThread)
                && (state.showsThreads || !process.isThread)
                && selection.keeps(process, system: snapshot.system)
        }
        if let kind = state.grouping {
            return GroupedTable.rows(of: snapshot, candidates: kept, by: kind, state: state)
        }
        // Only kept processes take part in ordering and the tree, so a process
        // whose parent is filtered out becomes a root.
        let ordered = ProcessTable.rows(of: processes, candidates: kept, ordering: state.ordering)
        var result: [DisplayRow] = []
        result.reserveCapacity(ordered.count)
        var position = 0
        while position < ordered.count {
            let tableRow = ordered[position]
            let process = processes[tableRow.index]
            var display = DisplayRow(row: tableRow, pid: process.pid, cpuPercent: process.cpuPercent)
            position += 1
            if state.ordering.tree, state.collapsed.contains(process.pid) {
                // Descendants follow their ancestor with a greater depth: skip and sum them.
                while position < ordered.count, ordered[position].depth > tableRow.depth {
                    let hidden = processes[ordered[position].index]
                    display.hiddenDescendants += 1
                    if let cpu = hidden.cpuPercent { display.cpuPercent = (display.cpuPercent ?? 0) + cpu }
                    display.hiddenResidentBytes &+= hidden.residentBytes
                    position += 1
                }
            }
            result.append(display)
        }
        return result
    }
}

/// A plain word of the filter (and the `/` search): case-insensitive substring of the command line, user name or
/// PID; `|` separates alternatives. An empty filter keeps everything.
public struct ProcessFilter: Sendable {
    let alternatives: [String]

    public init(_ text: String) {
        alternatives = text.lowercased().split(separator: "|").map { String($0) }.filter { !$0.isEmpty }
    }

    public func matches(_ process: ProcessEntry) -> Bool {
        guard !alternatives.isEmpty else { return true }
        let command = CommandText.display(process).lowercased()
        let user = process.details.effectiveUser.lowercased()
        let pid = String(process.pid)
        return alternatives.contains { command.containsText($0) || user.containsText($0) || pid.containsText($0) }
    }
}
