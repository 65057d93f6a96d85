import SwtopCore

/// Draws the whole interactive screen into a `Frame`: header meters, the process
/// table and the bottom bar, or the help screen. Pure: same inputs, same frame.
public struct ViewRenderer: Sendable {
    public init() {}

    /// - Parameters:
    ///   - sharedBytes: SHR for a process on screen (read on demand by the
    ///     caller; the sampler does not read statm for every process).
    ///   - page: what an open inspect page shows (nil until it has been read).
    public func render(snapshot: Snapshot?, state: ViewState, rows: [DisplayRow],
                       sharedBytes: (ProcessEntry) -> UInt64? = { $0.sharedBytes }, page: TextPage? = nil) -> Frame {
        var frame = Frame(width: state.width, height: state.height)
        let cpuCount = snapshot?.system.cpus.count ?? 1
        let layout = Layout(width: state.width, height: state.height, cpuCount: cpuCount)
        guard !layout.isTooSmall else {
            frame.put("Terminal too small (\(state.width)x\(state.height)); swtop needs \(Layout.minimumWidth)x\(Layout.minimumHeight)",
                      row: 0, column: 0, style: .warning)
            return frame
        }
        if state.mode == .help {
            HelpScreen.draw(into: &frame, state: state)
            return frame
        }
        if case let .inspecting(view) = state.mode {
            InspectRenderer(layout: InspectLayout(width: state.width, height: state.height), view: view).draw(page, into: &frame)
            FooterRenderer(layout: layout, state: state).draw(into: &frame)
            return frame
        }
        if let snapshot {
            HeaderRenderer(layout: layout, usesColor: state.usesColor).draw(snapshot, into: &frame)
        } else {
            frame.put("Reading /proc…", row: 0, column: 0, style: .dim)
        }
        TableRenderer(layout: layout, state: state).draw(snapshot: snapshot, rows: rows, sharedBytes: sharedBytes, into: &frame)
        FooterRenderer(layout: layout, state: state).draw(into: &frame)
        MenuRenderer(layout: layout, state: state).draw(snapshot: snapshot, into: &frame)
        return frame
    }
}
