/// An inspect page: the title bar with the position in the page, the visible
/// slice of the page's lines, and the status line. The bottom bar is the footer's.
struct InspectRenderer {
    let layout: InspectLayout
    let view: InspectView

    func draw(_ page: TextPage?, into frame: inout Frame) {
        let titleRow = layout.titleRow
        frame.fill(row: titleRow, column: 0, count: layout.width, style: .tableHeader)
        let target = view.target
        let title = page?.title ?? "PID \(target.pid) (\(target.name))"
        guard let page else {
            frame.put(" " + TerminalText.escape(title), row: titleRow, column: 0, style: .tableHeader)
            frame.put("Reading /proc/\(target.pid)…", row: layout.bodyTop, column: 0, style: .dim)
            return
        }
        let lines = TextPageLayout.lines(of: page, width: layout.width)
        var view = view
        view.clamp(lineCount: lines.count, bodyHeight: layout.bodyHeight)
        let shown = lines.dropFirst(view.top).prefix(layout.bodyHeight)

        // The position goes right, and the title takes what is left of the bar.
        let position =
            lines.count > layout.bodyHeight
            ? " \(view.top + 1)-\(view.top + shown.count)/\(lines.count) " : ""
        let positionCells = DisplayWidth.of(position)
        frame.put(
            " " + TerminalText.escape(title), row: titleRow, column: 0, style: .tableHeader,
            limit: max(0, layout.width - positionCells))
        frame.put(position, row: titleRow, column: layout.width - positionCells, style: .tableHeader)

        for (offset, line) in shown.enumerated() {
            for piece in line.pieces {
                frame.put(piece.text, row: layout.bodyTop + offset, column: piece.column, style: piece.style)
            }
        }
        if let notice = page.notice {
            frame.put(TerminalText.escape(notice), row: layout.statusRow, column: 0, style: .warning)
        } else if let status = page.status {
            frame.put(TerminalText.escape(status), row: layout.statusRow, column: 0, style: .dim)
        }
    }
}
