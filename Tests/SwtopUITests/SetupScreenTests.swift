import SwtopCore
import Testing

@testable import SwtopUI

/// F2 / `S`: the setup screen changes the view state at once, and draws over the
/// left of the table so the header and column titles show each change.
@Suite struct SetupScreenTests {
    static let snapshot = ViewRenderingTests.snapshot

    private func render(_ state: ViewState) -> Frame {
        var state = state
        let rows = DisplayTable.rows(of: Self.snapshot, state: state)
        ViewReducer.keepSelectionVisible(&state, rows: rows, cpuCount: 1)
        return ViewRenderer().render(snapshot: Self.snapshot, state: state, rows: rows)
    }

    @Test func f2AndSOpenItAndEscClosesIt() {
        var state = ViewState()
        _ = press([.function(2)], &state, snapshot: Self.snapshot)
        #expect(state.mode == .setup(SetupState()))
        _ = press([.escape], &state, snapshot: Self.snapshot)
        #expect(state.mode == .browsing)
        _ = press([.character("S"), .right, .right], &state, snapshot: Self.snapshot)
        #expect(state.mode == .setup(SetupState(page: .colors)))
        // F10 and q leave setup; they do not quit swtop from inside it.
        #expect(press([.function(10)], &state, snapshot: Self.snapshot) == .none)
        #expect(state.mode == .browsing)
    }

    @Test func columnsAreShownHiddenMovedAndSortedBy() {
        var state = ViewState()
        // Hide PID (first), then show NET TX/s (last in the list).
        _ = press([.function(2), .character(" "), .end, .character(" ")], &state, snapshot: Self.snapshot)
        #expect(
            state.preferences.columns == [
                .user, .priority, .nice, .virt, .res, .shr, .state, .cpu, .mem, .time, .command, .netSend,
            ])
        // Move USER down twice, then sort by it.
        _ = press([.home, .function(8), .character(">"), .character("s")], &state, snapshot: Self.snapshot)
        #expect(state.preferences.columns.prefix(3) == [.priority, .nice, .user])
        #expect(state.mode == .setup(SetupState(page: .columns, index: 2)))
        #expect(state.ordering.key == .user)
        _ = press([.character("s")], &state, snapshot: Self.snapshot) // again: inverted
        #expect(state.ordering.inverted)
        _ = press([.function(7)], &state, snapshot: Self.snapshot)
        #expect(state.preferences.columns.prefix(3) == [.priority, .user, .nice])
    }

    @Test func theLastColumnStays() {
        var state = ViewState()
        state.preferences.columns = [.pid]
        _ = press([.function(2), .character(" ")], &state, snapshot: Self.snapshot)
        #expect(state.preferences.columns == [.pid])
        #expect(state.message == "The table needs at least one column")
    }

    @Test func metersColorsAndDisplayOptions() {
        var state = ViewState()
        // Meters: the five defaults first, then Frequency; turn it on, make it text, move it right.
        _ = press(
            [.function(2), .right, .down, .down, .down, .down, .down, .character(" ")], &state, snapshot: Self.snapshot)
        #expect(state.preferences.meters.last == Meter(.cpuFrequency, .bar, .left))
        _ = press([.character("b"), .character("c")], &state, snapshot: Self.snapshot)
        #expect(state.preferences.meters.last == Meter(.cpuFrequency, .text, .right))
        // Tasks cannot be a bar.
        _ = press([.home, .down, .down, .character("b")], &state, snapshot: Self.snapshot)
        #expect(state.preferences.meters[2] == Meter(.tasks, .text, .right))
        #expect(state.message == "Tasks is shown as text only")
        #expect(render(state).lines[23] == "Tasks is shown as text only")
        // Colors: the third scheme.
        _ = press([.right, .end, .enter], &state, snapshot: Self.snapshot)
        #expect(state.preferences.colorScheme == .light)
        // Display options: tree, kernel threads, full paths.
        _ = press(
            [.right, .character(" "), .down, .character(" "), .end, .character(" ")], &state, snapshot: Self.snapshot)
        #expect(state.ordering.tree && state.showsKernelThreads && !state.preferences.showsFullPaths)
        #expect(!state.showsThreads && !state.preferences.highlightsChanges)
    }

    @Test func columnsPageAt80x24() {
        var state = ViewState(width: 80, height: 24)
        _ = press([.function(2), .character(" "), .end, .character(" ")], &state, snapshot: Self.snapshot)
        let lines = render(state).lines
        #expect(lines[0].hasPrefix("0[|||"))
        // The column titles beside the panel are already the new ones: PID gone, EXE last.
        // The column titles beside the panel are already the new ones: no PID; NET TX/s, added last,
        // is the first to go when 80 cells are too few.
        #expect(lines[4] == "USER     PRI  NI   VIRT    RES    SHR S ▼CPU%  MEM%     TIME+ Command")
        #expect(lines[5].hasPrefix(" Columns  Meters  Colors  Display "))
        #expect(lines[6].hasPrefix(" Space show/hide  F7 F8 move  s sort  I invert"))
        // The highlight followed NET TX/s to its new place; the list scrolls to keep it in the middle.
        #expect(lines[7].hasPrefix(" [x] VIRT      virtual memory size               │"))
        #expect(lines[13].hasPrefix(" [x] TIME+     CPU time used                     │"))
        #expect(lines[14].hasPrefix(" [x] Command   command line                      │"))
        #expect(lines[15].hasPrefix(" [x] NET TX/s  TCP only: sent, acked per s; a sha│"))
        #expect(lines[16].hasPrefix(" [ ] PID       process id                        │"))
        #expect(lines[22].hasPrefix(" [ ] NCPU% v   CPU usage over all CPUs, 100% = al│"))
        #expect(lines[23] == "Left Right page  Up Down choose  Esc done  Saved when swtop quits")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        let frame = render(state)
        #expect((0..<49).allSatisfy { frame[15, $0].style == .selectedRow })
        #expect(frame[16, 0].style != .selectedRow)
    }

    @Test func otherPagesAt80x24() {
        var state = ViewState(width: 80, height: 24)
        state.mode = .setup(SetupState(page: .meters))
        var lines = render(state).lines
        #expect(lines[7].hasPrefix(" [x] Memory            bar   left"))
        #expect(lines[9].hasPrefix(" [x] Tasks             text  right"))
        #expect(lines[12].hasPrefix(" [ ] Frequency"))
        #expect(lines[15].hasPrefix(" [ ] DiskIO"))
        #expect(lines[18].hasPrefix(" [ ] Temperature"))
        #expect(lines[19].hasPrefix(" [ ] Disk /"))
        state.mode = .setup(SetupState(page: .colors))
        state.usesColor = false
        lines = render(state).lines
        #expect(lines[6].hasPrefix(" Monochrome this run"))
        #expect(lines[7].hasPrefix(" (*) default     colors on the terminal's own (da│"))
        #expect(lines[8].hasPrefix(" ( ) monochrome  bold, dim and reverse only"))
        state.mode = .setup(SetupState(page: .display, index: 1))
        lines = render(state).lines
        #expect(lines[7].hasPrefix(" [ ] Tree view "))
        #expect(lines[12].hasPrefix(" [x] Show full program paths"))
    }
}
