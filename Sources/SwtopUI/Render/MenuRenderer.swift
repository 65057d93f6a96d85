import SwtopCore

/// The F6 sort menu and the `u` user menu: a panel over the left of the table.
struct MenuRenderer {
    let layout: Layout
    let state: ViewState

    func draw(snapshot: Snapshot?, into frame: inout Frame) {
        switch state.mode {
        case .sortMenu(let highlighted):
            let keys = TableColumn.sortable
            panel(
                "Sort by", keys.map(\.rawValue), selected: keys.firstIndex(of: highlighted) ?? 0,
                marked: keys.firstIndex(of: state.ordering.key), into: &frame)
        case .groupSortMenu(let highlighted):
            let columns = GroupColumn.allCases
            panel(
                "Sort groups by", columns.map(\.title), selected: columns.firstIndex(of: highlighted) ?? 0,
                marked: columns.firstIndex(of: state.groupOrdering.column), into: &frame)
        case .userMenu(let highlighted):
            let entries = UserChoices.menu(in: snapshot)
            let current = entries.firstIndex { $0.uid == state.ordering.userID }
            panel(
                "Show user", entries.map { TerminalText.escape($0.name) },
                selected: UserChoices.position(of: highlighted, in: entries), marked: current, into: &frame)
        case .signalMenu(let selected, let targets):
            let names = SignalCatalog.all.map { "\($0.number) \($0.name)" }
            let marked = SignalCatalog.all.firstIndex { $0.number == state.lastMenuSignal }
            let title = "Send to " + PendingAction(kind: .signal(0), targets: targets).targetList
            panel(title, names, selected: selected, marked: marked, into: &frame)
        default:
            break
        }
    }

    private func panel(_ title: String, _ entries: [String], selected: Int, marked: Int?, into frame: inout Frame) {
        let widest = max(DisplayWidth.of(title) + 2, (entries.map(DisplayWidth.of).max() ?? 0) + 4)
        let width = min(layout.width / 2, max(16, widest))
        let top = layout.tableHeaderRow
        let height = layout.footerRow - top
        frame.fill(row: top, column: 0, count: width, style: .tableHeader)
        frame.put(" " + title, row: top, column: 0, style: .tableHeader, limit: width)
        let visible = max(1, height - 1)
        let first = max(0, min(selected - visible / 2, entries.count - visible))
        for line in 0..<visible {
            let row = top + 1 + line
            frame.fill(row: row, column: 0, count: width)
            let index = first + line
            guard index < entries.count else { continue }
            let mark = index == marked ? "* " : "  "
            frame.put(mark + entries[index], row: row, column: 0, limit: width - 1)
            frame.put("│", row: row, column: width - 1, style: .dim)
            if index == selected { frame.restyle(row: row, count: width - 1, style: .selectedRow) }
        }
    }
}
