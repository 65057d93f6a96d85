/// The setup screen: a panel over the left of the table, so the header meters and
/// the column titles beside it show each change as it is made.
struct SetupRenderer {
    let layout: Layout
    let state: ViewState

    static let hints: [SetupState.Page: String] = [
        .columns: "Space show/hide  F7 F8 move  s sort  I invert",
        .meters: "Space on/off  b bar/text  c left/right  F7 F8 move",
        .colors: "Space or Enter: use this scheme",
        .display: "Space or Enter: on/off",
    ]

    func draw(_ setup: SetupState, into frame: inout Frame) {
        let width = min(layout.width, 50)
        let top = layout.tableTop
        let bottom = layout.footerRow // exclusive
        guard bottom - top >= 3 else { return }
        frame.fill(row: top, column: 0, count: width, style: .tableHeader)
        var column = 0
        for page in SetupState.Page.allCases {
            column = frame.put(
                " " + page.title + " ", row: top, column: column,
                style: page == setup.page ? .sortColumn : .tableHeader, limit: width - column)
        }
        frame.fill(row: top + 1, column: 0, count: width)
        let hint =
            setup.page == .colors && !state.usesColor
            ? "Monochrome this run (no color terminal or wish)"
            : Self.hints[setup.page] ?? ""
        frame.put(hint, row: top + 1, column: 1, style: .dim, limit: width - 2)
        let entries = self.entries(setup.page)
        let visible = bottom - top - 2
        let first = max(0, min(setup.index - visible / 2, entries.count - visible))
        let border = state.usesUnicode ? "│" : "|"
        for line in 0..<visible {
            let row = top + 2 + line
            frame.fill(row: row, column: 0, count: width)
            frame.put(border, row: row, column: width - 1, style: .dim)
            let index = first + line
            guard index < entries.count else { continue }
            frame.put(" " + entries[index], row: row, column: 0, limit: width - 1)
            if index == setup.index { frame.restyle(row: row, count: width - 1, style: .selectedRow) }
        }
        let footer = layout.footerRow
        frame.fill(row: footer, column: 0, count: layout.width, style: .functionLabel)
        // A message ("Tasks is shown as text only") is shown until the next key, in place of the keys.
        if let message = state.message {
            frame.put(TerminalText.escape(message), row: footer, column: 0, style: .status)
            return
        }
        var position = 0
        for (key, label) in [
            ("Left Right", "page"), ("Up Down", "choose"), ("Esc", "done"), ("", "Saved when swtop quits"),
        ] {
            if !key.isEmpty { position = frame.put(key + " ", row: footer, column: position, style: .functionKey) }
            position = frame.put(label + "  ", row: footer, column: position, style: .functionLabel)
        }
    }

    private func entries(_ page: SetupState.Page) -> [String] {
        let preferences = state.preferences
        func check(_ on: Bool) -> String { on ? "[x] " : "[ ] " }
        func pad(_ text: String, _ cells: Int) -> String {
            text + String(repeating: " ", count: max(1, cells - DisplayWidth.of(text)))
        }
        switch page {
        case .columns:
            return SetupMenu.columns(state).map { column in
                let sorted = column.sortKey == state.ordering.key ? (state.ordering.descending ? " v" : " ^") : ""
                return check(preferences.columns.contains(column)) + pad(column.title + sorted, 10) + column.summary
            }
        case .meters:
            return SetupMenu.meters(state).map { kind in
                let name = kind.mountPoint.map { "Disk " + TerminalText.escape($0) } ?? kind.name
                guard let meter = preferences.meters.first(where: { $0.kind == kind }) else {
                    return check(false) + name
                }
                return check(true) + pad(name, 18) + pad(meter.style.rawValue, 6) + meter.side.rawValue
            }
        case .colors:
            return ColorScheme.allCases.map { scheme in
                (scheme == preferences.colorScheme ? "(*) " : "( ) ") + pad(scheme.rawValue, 12) + scheme.summary
            }
        case .display:
            return DisplayOption.allCases.map { check($0.isOn(state)) + $0.title }
        }
    }
}
