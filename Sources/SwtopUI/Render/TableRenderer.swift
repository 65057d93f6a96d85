import SwtopCore

/// The column titles and the visible slice of process rows.
struct TableRenderer {
    let layout: Layout
    let state: ViewState
    var highlights = ProcessHighlights()
    var onScreen = OnScreenValues()

    /// The columns that fit the screen.
    var columns: [TableColumn] { TableColumn.fitting(state.preferences.columns, width: layout.width) }

    /// The rows on screen.
    func visibleRows(_ rows: [DisplayRow]) -> ArraySlice<DisplayRow> {
        rows.dropFirst(state.scrollTop).prefix(layout.tableHeight)
    }

    func draw(snapshot: Snapshot?, rows: [DisplayRow], into frame: inout Frame) {
        let columns = columns
        drawTitles(columns, into: &frame)
        guard let snapshot else { return }
        let text = ColumnText(system: snapshot.system, now: snapshot.timestamp, onScreen: onScreen)
        for (offset, row) in visibleRows(rows).enumerated() {
            let screenRow = layout.tableTop + offset
            let process = snapshot.processes[row.row.index]
            drawRow(row, process: process, columns: columns, text: text, screenRow: screenRow, into: &frame)
            if !highlights.new.isEmpty || !highlights.exited.isEmpty {
                let identity = process.identity
                if highlights.new.contains(identity) { frame.restyle(row: screenRow, style: .newProcess) }
                if highlights.exited.contains(identity) { frame.restyle(row: screenRow, style: .exitedProcess) }
            }
            if state.tagged.contains(process.identity) { frame.restyle(row: screenRow, style: .taggedRow) }
            if row.pid == state.selectedPID { frame.restyle(row: screenRow, style: .selectedRow) }
        }
    }

    private func drawTitles(_ columns: [TableColumn], into frame: inout Frame) {
        let row = layout.tableHeaderRow
        frame.fill(row: row, column: 0, count: layout.width, style: .tableHeader)
        let arrow = state.ordering.descending ? (state.usesUnicode ? "▼" : "v") : (state.usesUnicode ? "▲" : "^")
        var column = 0
        // Two columns may share a sort key (CPU% and NCPU%): mark the first.
        let marked = columns.first { $0.sortKey == state.ordering.key }
        for (index, item) in columns.enumerated() {
            let sorted = item == marked
            var title = item.title
            if sorted { title = item.leftAligned ? title + arrow : arrow + title }
            let style: Style = sorted ? .sortColumn : .tableHeader
            if index == columns.count - 1, item.isFlexible {
                frame.put(title, row: row, column: column, style: style)
            } else {
                let cell = align(title, width: item.width - 1, left: item.leftAligned)
                frame.put(cell, row: row, column: column, style: style)
            }
            column += item.width
        }
    }

    private func drawRow(
        _ row: DisplayRow, process: ProcessEntry, columns: [TableColumn], text: ColumnText,
        screenRow: Int, into frame: inout Frame
    ) {
        var column = 0
        for (index, item) in columns.enumerated() {
            // Shown last, a flexible column takes the rest of the row; elsewhere its width.
            let end = index == columns.count - 1 && item.isFlexible ? layout.width : column + item.width - 1
            if item == .command {
                drawCommand(row, process: process, from: column, to: end, screenRow: screenRow, into: &frame)
            } else if item.isFlexible {
                frame.put(
                    text.value(of: item, row: row, process: process), row: screenRow, column: column,
                    limit: end - column)
            } else {
                frame.put(
                    align(
                        text.value(of: item, row: row, process: process), width: item.width - 1, left: item.leftAligned),
                    row: screenRow, column: column, style: style(of: item, process: process))
            }
            column += item.width
        }
    }

    private func style(of column: TableColumn, process: ProcessEntry) -> Style {
        guard column == .state else { return .normal }
        switch process.state {
        case UInt8(ascii: "R"): return .processRunning
        case UInt8(ascii: "T"), UInt8(ascii: "t"): return .processStopped
        case UInt8(ascii: "Z"), UInt8(ascii: "D"): return .processZombie
        default: return .normal
        }
    }

    private func drawCommand(
        _ row: DisplayRow, process: ProcessEntry, from column: Int, to end: Int, screenRow: Int,
        into frame: inout Frame
    ) {
        var pieces: [(String, Style)] = []
        if state.ordering.tree {
            let guides = state.usesUnicode ? TreeGuides.unicode(row.row) : TreeGuides.ascii(row.row)
            pieces.append((guides, .treeGuide))
        }
        if row.hiddenDescendants > 0 { pieces.append(("[+" + DecimalText.string(row.hiddenDescendants) + "] ", .bold)) }
        let commandStyle: Style = process.isKernelThread ? .kernelThread : (process.isThread ? .thread : .normal)
        let command = ColumnText.command(
            process, cells: state.commandScroll + layout.width,
            fullPaths: state.preferences.showsFullPaths)
        pieces.append((TerminalText.escape(command), commandStyle))
        // Left/Right scroll the whole column; drop that many cells from its start.
        var skip = state.commandScroll
        var position = column
        for (text, style) in pieces {
            var start = text.startIndex
            while skip > 0, start < text.endIndex {
                skip -= DisplayWidth.of(text[start])
                start = text.index(after: start)
            }
            position = frame.put(
                String(text[start...]), row: screenRow, column: position, style: style,
                limit: max(0, end - position))
        }
    }

    private func align(_ text: String, width: Int, left: Bool) -> String {
        let cells = DisplayWidth.of(text)
        guard cells < width else { return DisplayWidth.prefix(text, cells: width).text }
        let padding = String(repeating: " ", count: width - cells)
        return left ? text + padding : padding + text
    }
}
