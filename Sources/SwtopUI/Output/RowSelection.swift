import SwtopCore

/// Which processes the output keeps, the same for the view, `--batch`, `--json`
/// and the exports: `-F/--filter`, `-p/--pid` and `--top`. (Grouping would be one more step
/// after this one.)
public struct RowSelection: Sendable, Equatable {
    public var filter: FilterExpression
    /// Only these processes and their threads; nil keeps all.
    public var pids: Set<Int32>?
    /// `--top N`: the first N rows after ordering (in tree order with `--tree`).
    public var top: Int?

    public init(filter: FilterExpression = .everything, pids: Set<Int32>? = nil, top: Int? = nil) {
        self.filter = filter
        self.pids = pids
        self.top = top
    }

    public func keeps(_ process: ProcessEntry, system: SystemState) -> Bool {
        if let pids, !pids.contains(process.pid), !pids.contains(process.threadGroupID) { return false }
        return filter.matches(process, system: system)
    }

    /// The rows of the snapshot this selection keeps, ordered (and laid out as a tree) by `ordering`.
    public func rows(of snapshot: Snapshot, ordering: ProcessOrdering) -> [TableRow] {
        let processes = snapshot.processes
        let kept =
            pids == nil && filter.isEverything
            ? nil
            : processes.indices.filter { keeps(processes[$0], system: snapshot.system) }
        let rows = ProcessTable.rows(of: processes, candidates: kept, ordering: ordering)
        guard let top, rows.count > top else { return rows }
        return Array(rows.prefix(top))
    }
}
