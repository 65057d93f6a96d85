import SwtopCore

/// The columns of the interactive table: title, width, alignment, sort key, and
/// how important they are when the terminal is too narrow for all of them.
public enum TableColumn: CaseIterable, Sendable {
    case pid, user, priority, nice, virt, res, shr, state, cpu, mem, time, command

    public var title: String {
        switch self {
        case .pid: "PID"
        case .user: "USER"
        case .priority: "PRI"
        case .nice: "NI"
        case .virt: "VIRT"
        case .res: "RES"
        case .shr: "SHR"
        case .state: "S"
        case .cpu: "CPU%"
        case .mem: "MEM%"
        case .time: "TIME+"
        case .command: "Command"
        }
    }

    /// Cells including the space before the next column; Command takes the rest.
    public var width: Int {
        switch self {
        case .pid: 8
        case .user: 9
        case .priority: 4
        case .nice: 4
        case .virt, .res, .shr: 7
        case .state: 2
        case .cpu, .mem: 6
        case .time: 10
        case .command: 0
        }
    }

    var leftAligned: Bool { self == .user || self == .command }

    public var sortKey: SortKey? {
        switch self {
        case .pid: .pid
        case .user: .user
        case .priority: .priority
        case .nice: .nice
        case .virt: .virt
        case .res: .res
        case .shr: .shr
        case .state: .state
        case .cpu: .cpu
        case .mem: .mem
        case .time: .time
        case .command: .command
        }
    }

    /// Lower goes first when space runs out.
    private var importance: Int {
        switch self {
        case .pid, .command, .cpu: 10
        case .user, .mem: 9
        case .state: 8
        case .res: 7
        case .time: 6
        case .virt: 5
        case .shr: 4
        case .nice: 3
        case .priority: 2
        }
    }

    /// Columns offered by F6 and cycled by `<` `>`: the table's, then the rest.
    public static let sortable: [SortKey] = allCases.compactMap(\.sortKey)
        + SortKey.allCases.filter { key in !allCases.contains { $0.sortKey == key } }

    /// The columns that fit, in table order, leaving Command at least 8 cells.
    public static func fitting(width: Int) -> [TableColumn] {
        var columns = allCases
        let byImportance = allCases.sorted { $0.importance < $1.importance }
        for candidate in byImportance {
            if columns.reduce(0, { $0 + $1.width }) + 8 <= width { break }
            if candidate != .command { columns.removeAll { $0 == candidate } }
        }
        return columns
    }

    /// The column under a cell of the header row.
    public static func at(cell: Int, in columns: [TableColumn]) -> TableColumn? {
        var start = 0
        for column in columns {
            if column == .command { return cell >= start ? column : nil }
            if cell < start + column.width { return column }
            start += column.width
        }
        return nil
    }
}
