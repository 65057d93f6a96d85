import SwtopCore

/// The grouped view's table: group titles, one row per group, and under an
/// expanded group its members with their own numbers, PID and command.
struct GroupTableRenderer {
    let layout: Layout
    let state: ViewState

    static let columns = GroupColumn.allCases

    func draw(snapshot: Snapshot?, rows: [DisplayRow], into frame: inout Frame) {
        drawTitles(into: &frame)
        guard let snapshot else { return }
        let selected = ViewReducer.selectedIndex(state, rows)
        for (offset, row) in rows.dropFirst(state.scrollTop).prefix(layout.tableHeight).enumerated() {
            let screenRow = layout.tableTop + offset
            let cells =
                row.group.map { groupCells($0, snapshot.system) }
                ?? memberCells(snapshot.processes[row.row.index], row: row, snapshot.system)
            var column = 0
            for item in Self.columns {
                let text = cells[item] ?? ""
                if item == .key {
                    let style: Style = row.group == nil ? .normal : .bold
                    frame.put(
                        TerminalText.escape(text), row: screenRow, column: column, style: style,
                        limit: max(0, layout.width - column))
                } else {
                    frame.put(Self.right(text, width: item.width - 1), row: screenRow, column: column)
                }
                column += item.width
            }
            let members =
                row.group.map { $0.members.map { snapshot.processes[$0].identity } }
                ?? [snapshot.processes[row.row.index].identity]
            if !state.tagged.isEmpty, members.allSatisfy(state.tagged.contains) {
                frame.restyle(row: screenRow, style: .taggedRow)
            }
            if offset + state.scrollTop == selected { frame.restyle(row: screenRow, style: .selectedRow) }
        }
    }

    private func drawTitles(into frame: inout Frame) {
        let row = layout.tableHeaderRow
        frame.fill(row: row, column: 0, count: layout.width, style: .tableHeader)
        let ordering = state.groupOrdering
        let arrow = ordering.descending ? (state.usesUnicode ? "▼" : "v") : (state.usesUnicode ? "▲" : "^")
        var column = 0
        for item in Self.columns {
            let sorted = item == ordering.column
            let style: Style = sorted ? .sortColumn : .tableHeader
            if item == .key {
                let kind = state.grouping?.rawValue.uppercased() ?? item.title
                frame.put(sorted ? kind + arrow : kind, row: row, column: column, style: style)
            } else {
                frame.put(
                    Self.right(sorted ? arrow + item.title : item.title, width: item.width - 1), row: row,
                    column: column, style: style)
            }
            column += item.width
        }
    }

    private func groupCells(_ group: ProcessGroup, _ system: SystemState) -> [GroupColumn: String] {
        var cells: [GroupColumn: String] = [:]
        for column in Self.columns {
            cells[column] = column.text(of: group, ticksPerSecond: system.clockTicksPerSecond)
        }
        cells[.key] = (state.expandedGroups.contains(group.key) ? "- " : "+ ") + group.key
        return cells
    }

    /// A member under its group: its own CPU%, MEM%, RES, TIME+ and threads; the
    /// distribution columns stay blank; the key column names PID and command.
    private func memberCells(_ process: ProcessEntry, row: DisplayRow, _ system: SystemState) -> [GroupColumn: String] {
        let total = system.memory.total
        let memory = total > 0 ? min(100, Double(process.residentBytes) / Double(total) * 100) : 0
        let command = CommandText.display(process, cells: layout.width)
        return [
            .cpu: row.cpuPercent.map { Units.fixed($0, fractionDigits: 1) } ?? "",
            .mem: Units.fixed(memory, fractionDigits: 1), .res: Units.size(process.residentBytes),
            .time: Units.cpuTime(ticks: process.cpuTicks, ticksPerSecond: system.clockTicksPerSecond),
            .threads: String(process.threadCount), .key: "    \(process.pid) \(command)",
        ]
    }

    private static func right(_ text: String, width: Int) -> String {
        let cells = DisplayWidth.of(text)
        guard cells < width else { return DisplayWidth.prefix(text, cells: width).text }
        return String(repeating: " ", count: width - cells) + text
    }
}
