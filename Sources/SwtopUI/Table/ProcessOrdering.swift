import SwtopCore

/// How a list of processes is chosen and ordered for display.
public struct ProcessOrdering: Sendable, Equatable {
    public var key: SortKey
    /// Inverts the key's natural direction (`--reverse`, `I`).
    public var inverted: Bool
    public var tree: Bool
    /// Keep only processes of this effective uid.
    public var userID: UInt32?

    public init(key: SortKey = .cpu, inverted: Bool = false, tree: Bool = false, userID: UInt32? = nil) {
        self.key = key
        self.inverted = inverted
        self.tree = tree
        self.userID = userID
    }

    public var descending: Bool { key.descendingByDefault != inverted }

    /// True when `a` goes before `b`. PID breaks ties so the order is stable across refreshes.
    public func precedes(_ a: ProcessEntry, _ b: ProcessEntry) -> Bool {
        let result = key.compare(a, b)
        if result != 0 { return descending ? result > 0 : result < 0 }
        return a.pid < b.pid
    }
}

/// One line of the process table: which process, and where it sits in the tree.
public struct TableRow: Sendable, Equatable {
    /// Index into `Snapshot.processes`.
    public var index: Int
    public var depth: Int
    /// Tree guides: bit `n` set when the ancestor at depth `n + 1` has siblings
    /// below it (draw a vertical line in that column).
    public var continuingLevels: UInt64
    /// True when this row is the last child of its parent.
    public var isLastChild: Bool

    public init(index: Int, depth: Int = 0, continuingLevels: UInt64 = 0, isLastChild: Bool = false) {
        self.index = index
        self.depth = depth
        self.continuingLevels = continuingLevels
        self.isLastChild = isLastChild
    }
}

public enum ProcessTable {
    /// The rows to show, in order: filtered by user, then sorted, or laid out as a
    /// tree whose siblings are sorted. A process whose parent is not shown is a root.
    ///
    /// - Parameter candidates: indices of the processes to consider (all when nil);
    ///   the others are treated as not shown.
    public static func rows(of processes: [ProcessEntry], candidates: [Int]? = nil, ordering: ProcessOrdering)
        -> [TableRow]
    {
        var shown = candidates ?? Array(processes.indices)
        if let uid = ordering.userID {
            shown.removeAll { processes[$0].details.effectiveUID != uid }
        }
        shown.sort { ordering.precedes(processes[$0], processes[$1]) }
        guard ordering.tree else { return threadsUnderTheirProcess(shown, processes) }
        return ProcessTree.layOut(sorted: shown, of: processes)
    }

    /// Flat order, except that each thread follows its process (in sort order among
    /// its siblings). A thread whose process is not shown keeps its own place.
    private static func threadsUnderTheirProcess(_ sorted: [Int], _ processes: [ProcessEntry]) -> [TableRow] {
        var shownProcesses = Set<Int32>()
        for index in sorted where !processes[index].isThread { shownProcesses.insert(processes[index].pid) }
        var threads: [Int32: [Int]] = [:]
        var rows: [TableRow] = []
        rows.reserveCapacity(sorted.count)
        for index in sorted where processes[index].isThread && shownProcesses.contains(processes[index].threadGroupID) {
            threads[processes[index].threadGroupID, default: []].append(index)
        }
        for index in sorted {
            let process = processes[index]
            if process.isThread, shownProcesses.contains(process.threadGroupID) { continue }
            rows.append(TableRow(index: index))
            for thread in threads[process.pid] ?? [] { rows.append(TableRow(index: thread)) }
        }
        return rows
    }
}
