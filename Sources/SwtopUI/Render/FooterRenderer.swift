/// The bottom line: the main keys (F-keys and their letters), or the search or
/// filter being typed, or a message; an active filter is always named.
struct FooterRenderer {
    let layout: Layout
    let state: ViewState

    /// The bar's keys in screen order; a narrow screen keeps the lowest ranks.
    static let keys: [(key: String, label: String, rank: Int)] = [
        ("F1/h", "Help", 0), ("F2/S", "Setup", 5), ("F3//", "Search", 2), ("F4/\\", "Filter", 2), ("F5/t", "Tree", 3),
        ("F6/<>", "Sort", 4), ("g", "Group", 6),
        ("z", "Stop", 1), ("r", "Cont", 1), ("x", "Term", 1), ("X", "Kill", 1), ("F9/k", "Signal", 3),
        ("F10/q", "Quit", 0),
    ]

    /// The bar on the inspect pages (Enter, e, l, o).
    static let inspectKeys: [(key: String, label: String, rank: Int)] = [
        ("Esc/q", "Back", 0), ("Enter", "Details", 2), ("e", "Environ", 1), ("l", "Files", 1), ("o", "Output", 1),
        ("PgUp/PgDn", "Scroll", 3), ("End", "Follow", 3),
    ]

    /// The entries that fit in `width` cells, in screen order.
    static func keys(fitting width: Int, from keys: [(key: String, label: String, rank: Int)] = keys) -> [(
        key: String, label: String
    )] {
        var used = 0
        var kept = Set<Int>()
        for index in keys.indices.sorted(by: { keys[$0].rank < keys[$1].rank }) {
            let cells = DisplayWidth.of(keys[index].key) + DisplayWidth.of(keys[index].label) + 2
            guard used + cells <= width else { continue }
            used += cells
            kept.insert(index)
        }
        return keys.indices.filter(kept.contains).map { (keys[$0].key, keys[$0].label) }
    }

    func draw(into frame: inout Frame) {
        let row = layout.footerRow
        frame.fill(row: row, column: 0, count: layout.width, style: .functionLabel)
        switch state.mode {
        case .choosingTime:
            prompt("Go to: ", state.timeEntry, into: &frame, hint: "10:30, yesterday 23:00, -15m  Esc: cancel")
        case .searching:
            prompt("Search: ", state.search, into: &frame, hint: "Enter: done  Esc: cancel  F3: next")
        case .filtering:
            prompt("Filter: ", state.filter, into: &frame, hint: "Enter: done  Esc: clear", error: state.filterError)
        case .confirming(let action):
            frame.put(action.question, row: row, column: 0, style: .promptActive)
        case .gracefulStop(let progress):
            let action = PendingAction(kind: .gracefulStop, targets: progress.stillRunning)
            frame.put(
                "SIGKILL in \(progress.secondsLeft) s to \(action.targetList) (Esc: cancel)",
                row: row, column: 0, style: .promptActive)
        case .inspecting:
            if let message = state.message {
                frame.put(TerminalText.escape(message), row: row, column: 0, style: .status)
            } else {
                drawKeys(Self.keys(fitting: layout.width, from: Self.inspectKeys), into: &frame)
            }
        default:
            var notes: [String] = []
            if let history = state.history {
                notes.append(
                    (history.isRecording ? "REPLAY " : "PAUSED ") + WallClock.local.timeOfDay(history.timestamp))
            }
            if !state.tagged.isEmpty { notes.append("Tagged: \(state.tagged.count)") }
            if !state.activeFilter.isEverything {
                notes.append("Filter: " + TerminalText.escape(state.activeFilter.source))
            }
            if let pids = state.onlyPIDs {
                notes.append("PIDs: " + pids.sorted().map(String.init).joined(separator: ","))
            }
            let note = notes.isEmpty ? "" : " " + notes.joined(separator: "  ") + " "
            let noteWidth = DisplayWidth.of(note)
            if let message = state.message {
                frame.put(TerminalText.escape(message), row: row, column: 0, style: .status)
            } else {
                drawKeys(Self.keys(fitting: layout.width - noteWidth), into: &frame)
            }
            if !note.isEmpty {
                frame.put(note, row: row, column: max(0, layout.width - noteWidth), style: .promptActive)
            }
        }
    }

    private func drawKeys(_ keys: [(key: String, label: String)], into frame: inout Frame) {
        var column = 0
        for (key, label) in keys {
            column = frame.put(key + " ", row: layout.footerRow, column: column, style: .functionKey)
            column = frame.put(label + " ", row: layout.footerRow, column: column, style: .functionLabel)
        }
    }

    private func prompt(_ label: String, _ text: String, into frame: inout Frame, hint: String, error: String? = nil) {
        let row = layout.footerRow
        var column = frame.put(label, row: row, column: 0, style: .prompt)
        column = frame.put(TerminalText.escape(text), row: row, column: column, style: .promptActive)
        column = frame.put("_", row: row, column: column, style: .promptActive)
        // A malformed filter says why right after the text, cut by the screen's edge if need be.
        if let error {
            frame.put(TerminalText.escape(error), row: row, column: column + 1, style: .status)
            return
        }
        let hintStart = layout.width - DisplayWidth.of(hint)
        if hintStart > column + 2 { frame.put(hint, row: row, column: hintStart, style: .functionLabel) }
    }
}
