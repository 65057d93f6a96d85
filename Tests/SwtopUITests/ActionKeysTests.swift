import Glibc
import SwtopCore
import Testing

@testable import SwtopUI

/// The keys that act on processes: what they aim at, when they ask, what they hand
/// to the run loop. Nothing here sends a signal.
@Suite struct ActionKeysTests {
    typealias B = SnapshotBuilder
    let snapshot = ViewRenderingTests.snapshot

    private func press(_ keys: [Key], _ state: inout ViewState, snapshot: Snapshot? = nil) -> ViewEffect {
        SwtopUITests.press(keys, &state, snapshot: snapshot ?? self.snapshot)
    }

    /// Sorted by PID with kernel threads hidden: rows 1, 40, 41, 42, 43; the selection on `pid`.
    private func state(selecting pid: Int32) -> ViewState {
        var state = ViewState(ordering: ProcessOrdering(key: .pid), width: 80, height: 24)
        state.selectedPID = pid
        return state
    }

    private func target(_ pid: Int32) -> ProcessTarget {
        ProcessTarget(snapshot.processes.first { $0.pid == pid }!)
    }

    @Test func suspendAndResumeActAtOnceOnTheSelectedProcess() {
        var state = state(selecting: 42)
        #expect(
            press([.character("z")], &state) == .perform(PendingAction(kind: .signal(SIGSTOP), targets: [target(42)])))
        #expect(
            press([.character("r")], &state) == .perform(PendingAction(kind: .signal(SIGCONT), targets: [target(42)])))
        #expect(state.mode == .browsing)
    }

    @Test func terminateAndKillAskFirstAndNameTheTargets() {
        var state = state(selecting: 42)
        #expect(press([.character("x")], &state) == .none)
        let terminate = PendingAction(kind: .signal(SIGTERM), targets: [target(42)])
        #expect(state.mode == .confirming(terminate))
        #expect(terminate.question == "Terminate PID 42 (make)? y/n")
        #expect(press([.character("n")], &state) == .none)
        #expect(state.mode == .browsing && state.message == "Cancelled: nothing sent")
        #expect(
            press([.character("X"), .character("y")], &state)
                == .perform(PendingAction(kind: .signal(SIGKILL), targets: [target(42)])))
    }

    @Test func theTargetIsTheProcessSeenWhenTheActionStarted() {
        var state = state(selecting: 42)
        _ = press([.character("x")], &state)
        // Before y, PID 42 exits and its number goes to a new process.
        let recycled = B.snapshot(
            snapshot.processes.map { process in
                guard process.pid == 42 else { return process }
                var newcomer = process
                newcomer.startTicks += 500
                return newcomer
            })
        guard case .perform(let action) = press([.character("y")], &state, snapshot: recycled) else {
            Issue.record("y did not perform")
            return
        }
        #expect(action.targets.map(\.startTicks) == [100]) // the old identity: the controller will refuse it
    }

    @Test func initAndSwtopItselfAreNamedBeforeAnything() {
        var state = state(selecting: 1)
        #expect(press([.character("z")], &state) == .none) // even suspend asks for PID 1
        guard case .confirming(let action) = state.mode else {
            Issue.record("no confirmation for PID 1")
            return
        }
        #expect(action.question.contains("PID 1 is init"))
    }

    @Test func tagsCollectTargetsAndFollowExits() {
        var state = state(selecting: 40)
        _ = press([.character(" ")], &state)
        // tagged, moved down
        #expect(state.tagged == [ProcessIdentity(pid: 40, startTicks: 100)] && state.selectedPID == 41)
        _ = press([.character("c")], &state) // 41 and its children 42, 43
        #expect(Set(state.tagged.map(\.pid)) == [40, 41, 42, 43])
        _ = press([.character(" ")], &state) // untags 41 (selected), moves to 42
        #expect(Set(state.tagged.map(\.pid)) == [40, 42, 43])
        #expect(
            press([.character("x"), .character("y")], &state)
                == .perform(PendingAction(kind: .signal(SIGTERM), targets: [target(40), target(42), target(43)])))

        // 43 exits; 42's PID goes to another process.
        let later = B.snapshot(
            snapshot.processes.compactMap { process in
                if process.pid == 43 { return nil }
                var copy = process
                if process.pid == 42 { copy.startTicks = 999 }
                return copy
            })
        ViewReducer.pruneTags(&state, snapshot: later)
        #expect(state.tagged == [ProcessIdentity(pid: 40, startTicks: 100)])
        _ = press([.character("U")], &state)
        #expect(state.tagged.isEmpty)
    }

    @Test func signalMenuStartsAtSIGTERMAndRemembersTheChoice() {
        var state = state(selecting: 42)
        _ = press([.character("k")], &state)
        let termIndex = SignalCatalog.all.firstIndex { $0.number == SIGTERM }!
        #expect(state.mode == .signalMenu(termIndex, [target(42)]))
        #expect(
            press([.down, .enter], &state)
                == .perform(
                    PendingAction(
                        kind: .signal(SignalCatalog.all[termIndex + 1].number),
                        targets: [target(42)])))
        #expect(state.lastMenuSignal == SignalCatalog.all[termIndex + 1].number)
        _ = press([.function(9)], &state)
        #expect(state.mode == .signalMenu(termIndex + 1, [target(42)]))
        _ = press([.escape], &state)
        #expect(state.mode == .browsing)
    }

    @Test func niceKeysStepTheNiceValue() {
        var state = state(selecting: 42)
        #expect(
            press([.character("]")], &state) == .perform(PendingAction(kind: .renice(by: -1), targets: [target(42)])))
        #expect(press([.function(8)], &state) == .perform(PendingAction(kind: .renice(by: 1), targets: [target(42)])))
    }

    @Test func gracefulStopAsksAndEscapeCancelsTheCountdown() {
        var state = state(selecting: 42)
        _ = press([.character("G")], &state)
        #expect(state.mode == .confirming(PendingAction(kind: .gracefulStop, targets: [target(42)])))
        #expect(press([.character("y")], &state) == .perform(PendingAction(kind: .gracefulStop, targets: [target(42)])))
        state.mode = .gracefulStop(GracefulProgress(secondsLeft: 3, stillRunning: [target(42)]))
        #expect(press([.escape], &state) == .cancelGracefulStop)
    }

    @Test func readonlyRefusesEveryAction() {
        var state = state(selecting: 42)
        state.readonly = true
        for key: Key in [
            .character("z"), .character("r"), .character("x"), .character("X"), .character("G"),
            .character("k"), .function(9), .character("]"), .character("["),
        ] {
            #expect(press([key], &state) == .none)
            #expect(state.mode == .browsing)
            #expect(state.message?.hasPrefix("Read-only") == true)
        }
    }

    @Test func readonlyHelpSaysTheActionsAreUnavailable() {
        var state = state(selecting: 42)
        state.mode = .help
        let normal = ViewRenderer().render(snapshot: snapshot, state: state, rows: []).lines
        state.readonly = true
        let readonly = ViewRenderer().render(snapshot: snapshot, state: state, rows: []).lines
        #expect(normal.contains { $0.hasPrefix("Acting on the selected process") })
        #expect(!readonly.contains { $0.hasPrefix("Acting on the selected process") })
        #expect(
            readonly.contains { $0.hasPrefix("Read-only (--readonly): the keys that act on processes are unavailable") }
        )
    }

    @Test func reportsNameWhatWasDoneAndEachFailure() {
        let action = PendingAction(kind: .signal(SIGTERM), targets: [target(40), target(42)])
        let message = ActionReport.message(for: action, outcomes: [.done, .failed(errno: EPERM)])
        #expect(message == "Sent SIGTERM to PID 40 (sshd); not permitted: PID 42 (make) belongs to alice")
        let renice = PendingAction(kind: .renice(by: 1), targets: [target(42)])
        #expect(ActionReport.message(for: renice, outcomes: [.done]) == "Nice +1 for PID 42 (make)")
        let suspend = PendingAction(kind: .signal(SIGSTOP), targets: [target(42)])
        #expect(ActionReport.message(for: suspend, outcomes: [.exited]) == "PID 42 (make) had already exited")
    }

    @Test func tagsConfirmationAndMenuAreOnScreen() {
        var state = state(selecting: 42)
        state.tagged = [ProcessIdentity(pid: 40, startTicks: 100), ProcessIdentity(pid: 42, startTicks: 100)]
        state.mode = .confirming(PendingAction(kind: .signal(SIGKILL), targets: [target(40), target(42)]))
        let rows = DisplayTable.rows(of: snapshot, state: state)
        let frame = ViewRenderer().render(snapshot: snapshot, state: state, rows: rows)
        let lines = frame.lines
        #expect(lines[23].hasPrefix("Kill PID 40 (sshd), PID 42 (make)? y/n"))
        let sshdRow = lines.firstIndex { $0.contains("sshd") } ?? 0
        #expect(frame[sshdRow, 0].style == .taggedRow)
        #expect(frame[sshdRow + 1, 0].style != .taggedRow) // 41 is not tagged

        state.mode = .browsing
        let browsing = ViewRenderer().render(snapshot: snapshot, state: state, rows: rows)
        #expect(browsing.lines[23].hasSuffix("Tagged: 2"))
        // At 80 columns, beside the tag count, the bar keeps the actions and drops the rest first.
        #expect(browsing.lines[23] == "F1/h Help F3// Search g Group z Stop r Cont x Term X Kill F10/q Quit  Tagged: 2")

        state.mode = .signalMenu(SignalCatalog.all.firstIndex { $0.number == SIGTERM }!, [target(42)])
        let menu = ViewRenderer().render(snapshot: snapshot, state: state, rows: rows).lines
        #expect(menu.contains { $0.contains("Send to PID 42 (make)") })
        #expect(menu.contains { $0.contains("* 15 SIGTERM") })
    }
}
