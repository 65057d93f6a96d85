import SwtopCore

enum ProcessTree {
    /// Depth-first layout of `sorted` (indices into `processes`, already in sibling
    /// order). Roots are processes whose parent is not in the list; a malformed
    /// parent cycle cannot loop because every process is placed once.
    static func layOut(sorted: [Int], of processes: [ProcessEntry]) -> [TableRow] {
        var shownPIDs = Set<Int32>(minimumCapacity: sorted.count)
        for index in sorted { shownPIDs.insert(processes[index].pid) }
        var children: [Int32: [Int]] = [:]
        var roots: [Int] = []
        for index in sorted {
            let process = processes[index]
            if process.ppid != process.pid, shownPIDs.contains(process.ppid) {
                children[process.ppid, default: []].append(index)
            } else {
                roots.append(index)
            }
        }

        var rows: [TableRow] = []
        rows.reserveCapacity(sorted.count)
        var placed = Set<Int>(minimumCapacity: sorted.count)
        // Stack of pending rows; children are pushed in reverse to pop in order.
        var stack: [TableRow] = roots.reversed().map { TableRow(index: $0) }
        while let row = stack.popLast() {
            guard placed.insert(row.index).inserted else { continue }
            rows.append(row)
            guard let kids = children[processes[row.index].pid] else { continue }
            // The vertical line at this row's level continues while it has siblings below.
            var levels = row.continuingLevels
            if row.depth > 0, !row.isLastChild, row.depth <= 64 { levels |= 1 << UInt64(row.depth - 1) }
            for (offset, kid) in kids.enumerated().reversed() {
                stack.append(
                    TableRow(
                        index: kid, depth: row.depth + 1, continuingLevels: levels,
                        isLastChild: offset == kids.count - 1))
            }
        }
        // Members of a parent cycle are unreachable from any root; show them as roots.
        if rows.count < sorted.count {
            for index in sorted where !placed.contains(index) { rows.append(TableRow(index: index)) }
        }
        return rows
    }
}
