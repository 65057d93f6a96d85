import SwtopCore
import Testing

@testable import SwtopUI

/// The keys of the inspect pages: which page opens for which process, how the
/// pages switch and scroll, and that going back leaves the table as it was.
@Suite struct InspectKeysTests {
    typealias B = SnapshotBuilder
    let snapshot = ViewRenderingTests.snapshot

    private func press(_ keys: [Key], _ state: inout ViewState, snapshot: Snapshot? = nil) -> ViewEffect {
        SwtopUITests.press(keys, &state, snapshot: snapshot ?? self.snapshot)
    }

    /// Sorted by PID: rows 1, 40, 41, 42, 43.
    private func state(selecting pid: Int32) -> ViewState {
        var state = ViewState(ordering: ProcessOrdering(key: .pid), width: 80, height: 24)
        state.selectedPID = pid
        return state
    }

    private func target(_ pid: Int32) -> ProcessTarget {
        ProcessTarget(snapshot.processes.first { $0.pid == pid }!)
    }

    private func view(_ state: ViewState) -> InspectView? {
        if case .inspecting(let view) = state.mode { return view }
        return nil
    }

    @Test func enterOpensTheDetailsOfTheSelectedProcessAndEscReturnsToTheSameRow() {
        var state = state(selecting: 42)
        let table = state
        #expect(press([.enter], &state) == .none)
        #expect(view(state) == InspectView(page: .detail, target: target(42)))
        _ = press([.down, .down, .pageDown], &state)
        #expect(press([.escape], &state) == .none)
        #expect(state == table)
    }

    @Test func eLAndOOpenTheirPagesFromTheTable() {
        for (key, page) in [("e", InspectView.Page.environment), ("l", .descriptors), ("o", .output)] {
            var state = state(selecting: 41)
            _ = press([.character(Character(key))], &state)
            #expect(view(state) == InspectView(page: page, target: target(41)), "\(key)")
            // Opened from the table, Esc goes straight back to it.
            _ = press([.escape], &state)
            #expect(state.mode == .browsing && state.selectedPID == 41)
        }
    }

    @Test func pagesSwitchAndEscReturnsToTheDetailsTheyCameFrom() {
        var state = state(selecting: 42)
        _ = press([.enter, .character("e")], &state)
        #expect(view(state)?.page == .environment)
        _ = press([.character("l")], &state)
        #expect(view(state)?.page == .descriptors)
        _ = press([.character("o")], &state)
        #expect(view(state)?.page == .output)
        #expect(view(state)?.target == target(42))
        _ = press([.escape], &state)
        #expect(view(state) == InspectView(page: .detail, target: target(42)))
        _ = press([.character("q")], &state)
        #expect(state.mode == .browsing)
        // Enter on a sub-page shows the details.
        _ = press([.character("l"), .enter], &state)
        #expect(view(state)?.page == .detail)
    }

    @Test func qAndBackspaceGoBackInsteadOfQuitting() {
        var state = state(selecting: 1)
        #expect(press([.enter, .character("q")], &state) == .none)
        #expect(state.mode == .browsing)
        #expect(press([.enter, .backspace], &state) == .none)
        #expect(state.mode == .browsing)
        #expect(press([.enter, .function(10)], &state) == .none)
        #expect(state.mode == .browsing)
    }

    @Test func arrowsPagesHomeAndEndScroll() {
        var state = state(selecting: 42)
        _ = press([.enter, .down, .down, .down], &state)
        #expect(view(state)?.top == 3)
        _ = press([.up], &state)
        #expect(view(state)?.top == 2)
        // A page is the text area (24 rows minus title, status and bottom bar) less one line of overlap.
        _ = press([.pageDown], &state)
        #expect(view(state)?.top == 22)
        _ = press([.pageUp, .pageUp], &state)
        #expect(view(state)?.top == 0)
        _ = press([.end], &state)
        #expect(view(state)?.followsEnd == true)
        _ = press([.home], &state)
        #expect(view(state)?.top == 0 && view(state)?.followsEnd == false)
        _ = press([.mouse(MouseEvent(kind: .wheelDown, row: 5, column: 0))], &state)
        #expect(view(state)?.top == 3)
        #expect(state.selectedPID == 42)
    }

    @Test func theOutputPageFollowsItsEndUntilScrolledUp() {
        var state = state(selecting: 42)
        _ = press([.character("o")], &state)
        #expect(view(state)?.followsEnd == true)
        var followed = view(state)!
        followed.clamp(lineCount: 100, bodyHeight: 21)
        #expect(followed.top == 79)
        followed.clamp(lineCount: 120, bodyHeight: 21)
        #expect(followed.top == 99) // new lines keep the end in view
        state.mode = .inspecting(followed)
        _ = press([.up], &state)
        var scrolled = view(state)!
        #expect(!scrolled.followsEnd && scrolled.top == 98)
        scrolled.clamp(lineCount: 140, bodyHeight: 21)
        #expect(scrolled.top == 98) // stays where the reader put it
        scrolled.clamp(lineCount: 10, bodyHeight: 21)
        #expect(scrolled.top == 0)
    }

    @Test func aThreadRowInspectsItsProcess() {
        var thread = B.process(44, ppid: 42, comm: "make-worker")
        thread.threadGroupID = 42
        let threaded = B.snapshot(snapshot.processes + [thread])
        var state = state(selecting: 44)
        state.showsThreads = true
        _ = press([.enter], &state, snapshot: threaded)
        #expect(view(state)?.target.pid == 42)
    }

    @Test func nothingSelectedOpensNothing() {
        var state = ViewState(width: 80, height: 24)
        _ = press([.enter], &state, snapshot: B.snapshot([]))
        #expect(state.mode == .browsing && state.message == "No process selected")
    }

    @Test func ctrlLRedrawsAndOtherKeysStayOnThePage() {
        var state = state(selecting: 42)
        _ = press([.enter], &state)
        #expect(press([.control("l")], &state) == .redrawAll)
        for key in [Key.character("x"), .character("k"), .character("z"), .character("t"), .character(" ")] {
            #expect(press([key], &state) == .none)
        }
        #expect(view(state)?.page == .detail)
        #expect(state.tagged.isEmpty && !state.ordering.tree)
    }
}
