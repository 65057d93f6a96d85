import SwtopCore

/// The column titles and the visible slice of process rows.
struct TableRenderer {
    let layout: Layout
    let state: ViewState

    func draw(snapshot: Snapshot?, rows: [DisplayRow], sharedBytes: (ProcessEntry) -> UInt64?, into frame: inout Frame) {
        let columns = TableColumn.fitting(width: layout.width)
        drawTitles(columns, into: &frame)
        guard let snapshot else { return }
        let visible = rows.dropFirst(state.scrollTop).prefix(layout.tableHeight)
        for (offset, row) in visible.enumerated() {
            let screenRow = layout.tableTop + offset
            drawRow(row, process: snapshot.processes[row.row.index], columns: columns,
                    ticksPerSecond: snapshot.system.clockTicksPerSecond, sharedBytes: sharedBytes,
                    screenRow: screenRow, into: &frame)
            let process = snapshot.processes[row.row.index]
            if state.tagged[process.pid] == process.startTicks { frame.restyle(row: screenRow, style: .taggedRow) }
            if row.pid == state.selectedPID { frame.restyle(row: screenRow, style: .selectedRow) }
        }
    }

    private func drawTitles(_ columns: [TableColumn], into frame: inout Frame) {
        let row = layout.tableHeaderRow
        frame.fill(row: row, column: 0, count: layout.width, style: .tableHeader)
        let arrow = state.ordering.descending ? (state.usesUnicode ? "▼" : "v") : (state.usesUnicode ? "▲" : "^")
        var column = 0
        for item in columns {
            let sorted = item.sortKey == state.ordering.key
            var title = item.title
            if sorted { title = item.leftAligned ? title + arrow : arrow + title }
            let style: Style = sorted ? .sortColumn : .tableHeader
            if item == .command {
                frame.put(title, row: row, column: column, style: style)
            } else {
                let cell = align(title, width: item.width - 1, left: item.leftAligned)
                frame.put(cell, row: row, column: column, style: style)
            }
            column += item.width
        }
    }

    private func drawRow(_ row: DisplayRow, process: ProcessEntry, columns: [TableColumn], ticksPerSecond: UInt64,
                         sharedBytes: (ProcessEntry) -> UInt64?, screenRow: Int, into frame: inout Frame) {
        var column = 0
        for item in columns {
            if item == .command {
                drawCommand(row, process: process, from: column, screenRow: screenRow, into: &frame)
                break
            }
            let text = value(of: item, row: row, process: process, ticksPerSecond: ticksPerSecond, sharedBytes: sharedBytes)
            frame.put(align(text, width: item.width - 1, left: item.leftAligned), row: screenRow, column: column,
                      style: style(of: item, process: process))
            column += item.width
        }
    }

    private func value(of column: TableColumn, row: DisplayRow, process: ProcessEntry, ticksPerSecond: UInt64,
                       sharedBytes: (ProcessEntry) -> UInt64?) -> String {
        switch column {
        case .pid: String(process.pid)
        case .user: DisplayWidth.fit(TerminalText.escape(process.details.effectiveUser), cells: 8)
        case .priority: process.priority <= -100 ? "RT" : String(process.priority)
        case .nice: String(process.nice)
        case .virt: Units.size(process.virtualBytes)
        case .res: Units.size(process.residentBytes)
        case .shr: sharedBytes(process).map(Units.size) ?? "-"
        case .state: TerminalText.escape(String(process.stateLetter))
        case .cpu: row.cpuPercent.map { Units.fixed($0, fractionDigits: 1) } ?? ""
        case .mem: Units.fixed(row.memoryPercent, fractionDigits: 1)
        case .time: Units.cpuTime(ticks: process.cpuTicks, ticksPerSecond: ticksPerSecond)
        case .command: ""
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

    private func drawCommand(_ row: DisplayRow, process: ProcessEntry, from column: Int, screenRow: Int, into frame: inout Frame) {
        var pieces: [(String, Style)] = []
        if state.ordering.tree {
            let guides = state.usesUnicode ? TreeGuides.unicode(row.row) : TreeGuides.ascii(row.row)
            pieces.append((guides, .treeGuide))
        }
        if row.hiddenDescendants > 0 { pieces.append(("[+\(row.hiddenDescendants)] ", .bold)) }
        let commandStyle: Style = process.isKernelThread ? .kernelThread : (process.isThread ? .thread : .normal)
        pieces.append((TerminalText.escape(CommandText.display(process, cells: state.commandScroll + layout.width)), commandStyle))
        // Left/Right scroll the whole column; drop that many cells from its start.
        var skip = state.commandScroll
        var position = column
        for (text, style) in pieces {
            var start = text.startIndex
            while skip > 0, start < text.endIndex {
                skip -= DisplayWidth.of(text[start])
                start = text.index(after: start)
            }
            position = frame.put(String(text[start...]), row: screenRow, column: position, style: style)
        }
    }

    private func align(_ text: String, width: Int, left: Bool) -> String {
        let cells = DisplayWidth.of(text)
        guard cells < width else { return DisplayWidth.prefix(text, cells: width).text }
        let padding = String(repeating: " ", count: width - cells)
        return left ? text + padding : padding + text
    }
}
