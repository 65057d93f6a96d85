import SwtopCore

/// The inspect pages' keys: Enter opens the details of the selected process, `e`
/// `l` `o` its environment, descriptors and output; arrows scroll; Esc goes back.
/// The table's selection is left alone, so it is where it was on return.
extension ViewReducer {
    /// Enter, `e`, `l` or `o` on the table: the page for the selected row's process
    /// (a thread's row stands for its process, whose files and environment it shares).
    static func openInspect(_ page: InspectView.Page, _ state: inout ViewState, _ snapshot: Snapshot?) {
        guard let pid = state.selectedPID, let processes = snapshot?.processes,
            let row = processes.first(where: { $0.pid == pid }),
            let process = row.isThread ? processes.first(where: { $0.pid == row.threadGroupID }) : row
        else {
            state.message = "No process selected"
            return
        }
        // A past sample's process may be gone or its PID reused: its pages show the sample.
        state.mode = .inspecting(
            InspectView(page: page, target: ProcessTarget(process), isRecorded: state.history != nil))
    }

    static func inspect(_ key: Key, _ view: InspectView, _ state: inout ViewState) -> ViewEffect {
        var view = view
        let page = max(1, InspectLayout(width: state.width, height: state.height).bodyHeight - 1)
        switch key {
        case .escape, .character("q"), .backspace, .function(10):
            if view.page != .detail, view.returnsToDetail {
                state.mode = .inspecting(InspectView(page: .detail, target: view.target, isRecorded: view.isRecorded))
            } else {
                state.mode = .browsing
            }
            return .none
        case .enter: switchPage(to: .detail, &view)
        case .character("e"): switchPage(to: .environment, &view)
        case .character("l"): switchPage(to: .descriptors, &view)
        case .character("o"): switchPage(to: .output, &view)
        case .up: scroll(by: -1, &view)
        case .down: scroll(by: 1, &view)
        case .pageUp: scroll(by: -page, &view)
        case .pageDown: scroll(by: page, &view)
        case .mouse(let event) where event.kind == .wheelUp: scroll(by: -3, &view)
        case .mouse(let event) where event.kind == .wheelDown: scroll(by: 3, &view)
        case .home:
            view.top = 0
            view.followsEnd = false
        case .end: view.followsEnd = true
        case .control("l"):
            return .redrawAll
        default: break
        }
        state.mode = .inspecting(view)
        return .none
    }

    private static func switchPage(to page: InspectView.Page, _ view: inout InspectView) {
        guard page != view.page else { return }
        view = InspectView(
            page: page, target: view.target,
            returnsToDetail: page != .detail && (view.page == .detail || view.returnsToDetail),
            isRecorded: view.isRecorded)
    }

    /// Moves the page; the run loop clamps it to the text once it knows how long that is.
    private static func scroll(by lines: Int, _ view: inout InspectView) {
        if lines < 0 { view.followsEnd = false }
        view.top = max(0, view.top + lines)
    }

    /// Keeps an inspect page's scroll position within its text (and on its last
    /// lines while it follows the end), once the text is known.
    public static func keepInspectPageInRange(_ state: inout ViewState, page: TextPage?) {
        guard case .inspecting(var view) = state.mode, let page else { return }
        let lines = TextPageLayout.lines(of: page, width: state.width).count
        view.clamp(lineCount: lines, bodyHeight: InspectLayout(width: state.width, height: state.height).bodyHeight)
        state.mode = .inspecting(view)
    }
}
