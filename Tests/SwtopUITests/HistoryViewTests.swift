import SwtopCore
import Testing

@testable import SwtopUI

/// Looking at the past: the keys say where to go, nothing acts on a past sample's
/// processes, and the header and the bottom bar say which sample is shown.
@Suite struct HistoryViewTests {
    static let snapshot = ViewRenderingTests.snapshot

    private func paused(recording: Bool = false) -> ViewState {
        var state = ViewState(width: 100, height: 30)
        state.history = HistoryPosition(isRecording: recording, number: 3, count: 20, timestamp: 1_700_000_000)
        return state
    }

    @Test func theKeysSayWhereToGo() {
        var live = ViewState(width: 100, height: 30)
        #expect(press([.character("Z")], &live, snapshot: Self.snapshot) == .travel(.pause))
        #expect(press([.character("{")], &live, snapshot: Self.snapshot) == .travel(.samples(-1)))
        #expect(press([.character("(")], &live, snapshot: Self.snapshot) == .travel(.seconds(-60)))
        // Live, [ and ] still renice; on a past sample they jump an hour.
        #expect(press([.character("]")], &live, snapshot: Self.snapshot) != .travel(.seconds(3600)))
        var past = paused()
        #expect(press([.character("Z")], &past, snapshot: Self.snapshot) == .travel(.resume))
        #expect(press([.character("}")], &past, snapshot: Self.snapshot) == .travel(.samples(1)))
        #expect(press([.character(")")], &past, snapshot: Self.snapshot) == .travel(.seconds(60)))
        #expect(press([.character("[")], &past, snapshot: Self.snapshot) == .travel(.seconds(-3600)))
        #expect(press([.character("]")], &past, snapshot: Self.snapshot) == .travel(.seconds(3600)))
        // @ takes a time as --begin does.
        let effect = press(
            [.character("@"), .character("-"), .character("1"), .character("5"), .character("m"), .enter], &past,
            snapshot: Self.snapshot)
        #expect(effect == .travel(.time(TimeSpecification("-15m")!)))
        #expect(press([.character("@"), .character("x"), .enter], &past, snapshot: Self.snapshot) == .none)
        #expect(past.message?.hasPrefix("Not a time: 'x'") == true)
    }

    @Test func nothingActsOnAPastSample() {
        for recording in [false, true] {
            var state = paused(recording: recording)
            state.selectedPID = Self.snapshot.processes[0].pid
            for key in [Key.character("x"), .character("X"), .character("z"), .character("k"), .function(7)] {
                state.message = nil
                #expect(press([key], &state, snapshot: Self.snapshot) == .none)
                #expect(state.mode == .browsing, "\(key) opened \(state.mode)")
                let expected =
                    recording
                    ? "Replay: nothing is sent to processes"
                    : "Paused on a past sample: actions work on the live view (Z)"
                #expect(state.message == expected, "\(key)")
            }
            _ = press([.enter], &state, snapshot: Self.snapshot)
            #expect(state.mode.inspectView == nil)
        }
    }

    @Test func theHeaderAndTheBarSayWhichSample() {
        let state = paused()
        let frame = ViewRenderer().render(
            snapshot: Self.snapshot, state: state, rows: DisplayTable.rows(of: Self.snapshot, state: state))
        let live = ViewState(width: 100, height: 30)
        let liveLayout = Layout(state: live, cpuCount: 1)
        let layout = Layout(state: state, cpuCount: 1)
        #expect(layout.headerHeight == liveLayout.headerHeight + 1)
        let line = frame.text(row: layout.headerHeight - 1)
        let time = WallClock.local.dateAndTime(1_700_000_000)
        #expect(line.hasPrefix("Paused: \(time), sample 3 of 20"), "\(line)")
        #expect(frame.text(row: layout.footerRow).contains("PAUSED " + WallClock.local.timeOfDay(1_700_000_000)))
        // The past sample shows what was sampled: nothing is read from the processes now.
        let reads = ViewRenderer.onScreenReads(
            snapshot: Self.snapshot, state: state, rows: DisplayTable.rows(of: Self.snapshot, state: state))
        #expect(reads.processes.isEmpty)
    }
}
