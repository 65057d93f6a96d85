import SwtopCore

/// The columns of the group table, each one a sort key.
public enum GroupColumn: String, CaseIterable, Sendable {
    case count, cpu, mem, res, minimum, mean, median, maximum, time, threads, key

    public var title: String {
        switch self {
        case .count: "COUNT"
        case .cpu: "CPU%"
        case .mem: "MEM%"
        case .res: "RES"
        case .minimum: "MIN"
        case .mean: "AVG"
        case .median: "MED"
        case .maximum: "MAX"
        case .time: "TIME+"
        case .threads: "THR"
        case .key: "GROUP"
        }
    }

    /// Cells including the separating space; the key takes the rest of the row.
    public var width: Int {
        switch self {
        case .count: 6
        case .cpu: 6
        case .mem: 5
        case .res, .minimum, .mean, .median, .maximum: 7
        case .time: 10
        case .threads: 5
        case .key: 0
        }
    }

    /// The column drawn at `cell` (the key takes the rest of the row).
    static func at(cell: Int) -> GroupColumn? {
        guard cell >= 0 else { return nil }
        var start = 0
        for column in allCases {
            if column == .key || cell < start + column.width { return column }
            start += column.width
        }
        return nil
    }

    /// Largest first for numbers, A to Z for the key, as for process columns.
    public var descendingByDefault: Bool { self != .key }

    /// <0, 0, >0 as `a` is smaller, equal or greater than `b` in this column.
    func compare(_ a: ProcessGroup, _ b: ProcessGroup) -> Int {
        func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch self {
        case .count: return order(a.count, b.count)
        case .cpu: return order(a.cpuPercent ?? -1, b.cpuPercent ?? -1)
        case .mem: return order(a.memoryPercent, b.memoryPercent)
        case .res: return order(a.residentBytes, b.residentBytes)
        case .minimum: return order(a.resident.minimum, b.resident.minimum)
        case .mean: return order(a.resident.mean, b.resident.mean)
        case .median: return order(a.resident.median, b.resident.median)
        case .maximum: return order(a.resident.maximum, b.resident.maximum)
        case .time: return order(a.cpuTicks, b.cpuTicks)
        case .threads: return order(a.threads, b.threads)
        case .key: return order(a.key, b.key)
        }
    }
}

/// How the group table is ordered (`P M T N < > I` while grouped).
public struct GroupOrdering: Sendable, Equatable {
    public var column: GroupColumn
    public var inverted: Bool

    public init(column: GroupColumn = .res, inverted: Bool = false) {
        self.column = column
        self.inverted = inverted
    }

    public var descending: Bool { column.descendingByDefault != inverted }

    /// Ordered by the column; the key breaks ties so the order is stable across refreshes.
    public func sorted(_ groups: [ProcessGroup]) -> [ProcessGroup] {
        groups.sorted { a, b in
            let result = column.compare(a, b)
            if result != 0 { return descending ? result > 0 : result < 0 }
            return a.key < b.key
        }
    }
}

extension GroupColumn {
    /// A group's cell in this column, as the view and `--batch` print it (the key unescaped).
    public func text(of group: ProcessGroup, ticksPerSecond: UInt64) -> String {
        switch self {
        case .count: String(group.count)
        case .cpu: group.cpuPercent.map { Units.fixed($0, fractionDigits: 1) } ?? ""
        case .mem: Units.fixed(group.memoryPercent, fractionDigits: 1)
        case .res: Units.size(group.residentBytes)
        case .minimum: Units.size(group.resident.minimum)
        case .mean: Units.size(UInt64(saturating: group.resident.mean))
        case .median: Units.size(UInt64(saturating: group.resident.median))
        case .maximum: Units.size(group.resident.maximum)
        case .time: Units.cpuTime(ticks: group.cpuTicks, ticksPerSecond: ticksPerSecond)
        case .threads: String(group.threads)
        case .key: group.key
        }
    }
}
