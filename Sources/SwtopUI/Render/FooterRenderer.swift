/// The bottom line: the main keys (F-keys and their letters), or the search or
/// filter being typed, or a message; an active filter is always named.
struct FooterRenderer {
    let layout: Layout
    let state: ViewState

    static let keys: [(key: String, label: String)] = [
        ("F1/h", "Help"), ("F3//", "Search"), ("F4/\\", "Filter"), ("F5/t", "Tree"),
        ("F6/<>", "SortBy"), ("u", "User"), ("K", "Kthreads"), ("F10/q", "Quit"),
    ]

    func draw(into frame: inout Frame) {
        let row = layout.footerRow
        frame.fill(row: row, column: 0, count: layout.width, style: .functionLabel)
        switch state.mode {
        case .searching:
            prompt("Search: ", state.search, into: &frame, hint: "Enter: done  Esc: cancel  F3: next")
        case .filtering:
            prompt("Filter: ", state.filter, into: &frame, hint: "Enter: done  Esc: clear")
        default:
            if let message = state.message {
                frame.put(TerminalText.escape(message), row: row, column: 0, style: .status)
            } else {
                var column = 0
                for (key, label) in Self.keys {
                    column = frame.put(key + " ", row: row, column: column, style: .functionKey)
                    column = frame.put(label + " ", row: row, column: column, style: .functionLabel)
                }
            }
            if !state.filter.isEmpty {
                let note = " Filter: " + TerminalText.escape(state.filter) + " "
                let width = DisplayWidth.of(note)
                frame.put(note, row: row, column: max(0, layout.width - width), style: .promptActive)
            }
        }
    }

    private func prompt(_ label: String, _ text: String, into frame: inout Frame, hint: String) {
        let row = layout.footerRow
        var column = frame.put(label, row: row, column: 0, style: .prompt)
        column = frame.put(TerminalText.escape(text), row: row, column: column, style: .promptActive)
        column = frame.put("_", row: row, column: column, style: .promptActive)
        let hintStart = layout.width - DisplayWidth.of(hint)
        if hintStart > column + 2 { frame.put(hint, row: row, column: hintStart, style: .functionLabel) }
    }
}
