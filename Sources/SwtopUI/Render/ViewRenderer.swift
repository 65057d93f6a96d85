import SwtopCore

/// Draws the whole interactive screen into a `Frame`: header meters, the process
/// table and the bottom bar, or the help screen. Pure: same inputs, same frame.
public struct ViewRenderer: Sendable {
    public init() {}

    /// - Parameters:
    ///   - highlights: rows to color as new or exited (highlight changes).
    ///   - onScreen: exact memory, I/O rates and swap of the rows on screen, read
    ///     by the caller as `onScreenReads` asks (without them: RES from the
    ///     snapshot, SHR "-", blank rates, unknown swap).
    ///   - page: what an open inspect page shows (nil until it has been read).
    public func render(
        snapshot: Snapshot?, state: ViewState, rows: [DisplayRow], highlights: ProcessHighlights = ProcessHighlights(),
        onScreen: OnScreenValues = OnScreenValues(), page: TextPage? = nil
    ) -> Frame {
        var frame = Frame(width: state.width, height: state.height)
        let cpuCount = snapshot?.system.cpuMeterCount ?? 1
        let layout = Layout(state: state, cpuCount: cpuCount)
        guard !layout.isTooSmall else {
            frame.put(
                "Terminal too small (\(state.width)x\(state.height)); swtop needs \(Layout.minimumWidth)x\(Layout.minimumHeight)",
                row: 0, column: 0, style: .warning)
            return frame
        }
        if state.mode == .help {
            HelpScreen.draw(into: &frame, state: state, system: snapshot?.system)
            return frame
        }
        if case .inspecting(let view) = state.mode {
            InspectRenderer(layout: InspectLayout(width: state.width, height: state.height), view: view).draw(
                page, into: &frame)
            FooterRenderer(layout: layout, state: state).draw(into: &frame)
            return frame
        }
        if let snapshot {
            HeaderRenderer(
                layout: layout, usesColor: state.usesColor && state.preferences.colorScheme != .monochrome,
                meters: state.preferences.meters
            ).draw(snapshot, into: &frame)
            if let history = state.history { Self.drawHistoryLine(history, row: layout.headerHeight - 1, into: &frame) }
        } else {
            frame.put("Reading /proc…", row: 0, column: 0, style: .dim)
        }
        if state.grouping != nil {
            GroupTableRenderer(layout: layout, state: state).draw(snapshot: snapshot, rows: rows, into: &frame)
        } else {
            TableRenderer(layout: layout, state: state, highlights: highlights, onScreen: onScreen)
                .draw(snapshot: snapshot, rows: rows, into: &frame)
        }
        FooterRenderer(layout: layout, state: state).draw(into: &frame)
        MenuRenderer(layout: layout, state: state).draw(snapshot: snapshot, into: &frame)
        if case .setup(let setup) = state.mode { SetupRenderer(layout: layout, state: state).draw(setup, into: &frame) }
        return frame
    }

    /// The files the next frame's table shows beyond the snapshot, and for which
    /// processes: the rows on screen, when a column that needs them fits.
    public static func onScreenReads(
        snapshot: Snapshot?, state: ViewState,
        rows: [DisplayRow]
    ) -> (files: OnScreenFiles, processes: [ProcessEntry]) {
        let layout = Layout(state: state, cpuCount: snapshot?.system.cpuMeterCount ?? 1)
        // Grouped, the sampler reads statm for every process; no other column is shown.
        // A past sample shows what was sampled: the processes now may be others.
        guard let snapshot, !layout.isTooSmall, state.mode != .help, state.mode.inspectView == nil,
            state.grouping == nil, state.history == nil
        else { return ([], []) }
        let table = TableRenderer(layout: layout, state: state)
        var files: OnScreenFiles = []
        for column in table.columns {
            switch column {
            case .res, .shr, .mem: files.insert(.statm)
            case .ioRead, .ioWrite, .ioTotal, .ioReadTotal, .ioWriteTotal: files.insert(.io)
            case .swap: files.insert(.status)
            default: break
            }
        }
        guard !files.isEmpty else { return ([], []) }
        return (files, table.visibleRows(rows).map { snapshot.processes[$0.row.index] })
    }
}
