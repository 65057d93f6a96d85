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
        }
    }

    @Test func theInspectPageOfAPastSampleShowsTheSample() throws {
        for recording in [false, true] {
            var state = paused(recording: recording)
            state.selectedPID = 41
            _ = press([.enter], &state, snapshot: Self.snapshot)
            let view = try #require(state.mode.inspectView)
            #expect(view.isRecorded && view.target.pid == 41)
            // e from the detail page stays on the sample; Esc returns to its detail page.
            _ = press([.character("e")], &state, snapshot: Self.snapshot)
            #expect(state.mode.inspectView?.isRecorded == true && state.mode.inspectView?.page == .environment)
            _ = press([.escape], &state, snapshot: Self.snapshot)
            #expect(state.mode.inspectView?.isRecorded == true && state.mode.inspectView?.page == .detail)
        }
        let target = ProcessTarget(try #require(Self.snapshot.processes.first { $0.pid == 41 }))
        let page = RecordedPages.page(.detail, of: target, in: Self.snapshot, clock: .local)
        let rows = page.sections.flatMap(\.rows)
        func value(_ label: String) -> String? { rows.first { $0.label == label }?.value }
        #expect(value("Command") == "-bash")
        #expect(value("Real") == "1000 alice")
        #expect(value("RES") == Units.compactSize(2 << 20))
        #expect(value("CPU%") == "10.0")
        // The parents from the sample, nearest first, and the children.
        let family = try #require(page.sections.first { $0.heading == "Parents and children" }).rows
        #expect(family.map(\.value) == ["40 sshd", " 1 init", "42 make", "43 vim"])
        #expect(page.status == "Sample of " + WallClock.local.dateAndTime(Self.snapshot.timestamp))
        // The pages only the live process has say so; a process not in the sample, too.
        let environment = RecordedPages.page(.environment, of: target, in: Self.snapshot, clock: .local)
        #expect(environment.sections.first?.rows.first?.value.hasPrefix("Not in the samples kept") == true)
        let gone = ProcessTarget(pid: 41, startTicks: 999_999, name: "bash", user: "alice")
        #expect(RecordedPages.page(.detail, of: gone, in: Self.snapshot, clock: .local).notice != nil)
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
