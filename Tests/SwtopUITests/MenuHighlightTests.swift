import SwtopCore
import Testing

@testable import SwtopUI

/// The menus' highlight names an entry the menu lists, whatever changed since it moved
/// there: a sort column by key, a user by uid, a setup entry clamped to its shrunk list.
@Suite struct MenuHighlightTests {
    typealias B = SnapshotBuilder
    static let snapshot = ViewRenderingTests.snapshot

    private func render(_ state: ViewState, _ snapshot: Snapshot = snapshot) -> Frame {
        var state = state
        let rows = DisplayTable.rows(of: snapshot, state: state)
        ViewReducer.keepSelectionVisible(&state, rows: rows, cpuCount: 1)
        return ViewRenderer().render(snapshot: snapshot, state: state, rows: rows)
    }

    /// The text of the menu row drawn highlighted.
    private func highlightedEntry(_ frame: Frame) -> String? {
        (0..<frame.height).first { frame[$0, 2].style == .selectedRow }
            .map { row in
                let entry = frame.text(row: row).prefix { $0 != "│" }.drop { $0 == " " || $0 == "*" }
                return String(entry.reversed().drop { $0 == " " }.reversed())
            }
    }

    @Test func f6OpensOnTheCurrentColumnAndEnterKeepsIt() {
        for key in TableColumn.sortable {
            var state = ViewState(ordering: ProcessOrdering(key: key), width: 80, height: 40)
            _ = press([.function(6)], &state, snapshot: Self.snapshot)
            #expect(highlightedEntry(render(state)) == key.rawValue, "F6 with \(key) sorting")
            _ = press([.enter], &state, snapshot: Self.snapshot)
            #expect(state.ordering.key == key, "F6, Enter changed the sort column from \(key)")
        }
    }

    @Test func f6WhileGroupedListsTheGroupColumns() {
        var state = ViewState(width: 80, height: 40)
        state.grouping = .program
        _ = press([.function(6)], &state, snapshot: Self.snapshot)
        // The group table is sorted by RES at first: the menu opens there, over the group columns.
        #expect(highlightedEntry(render(state)) == "RES")
        let menu = render(state).lines.joined(separator: "\n")
        #expect(menu.contains("Sort groups by") && menu.contains("MED") && !menu.contains("PPID"))
        _ = press([.home, .down, .enter], &state, snapshot: Self.snapshot)
        #expect(state.groupOrdering.column == .cpu)
        #expect(state.ordering.key == ViewState(width: 80, height: 40).ordering.key)
        #expect(state.mode == .browsing)
        _ = press([.function(6), .escape], &state, snapshot: Self.snapshot)
        #expect(state.groupOrdering.column == .cpu && state.mode == .browsing)
    }

    @Test func userMenuKeepsTheHighlightedUserWhenTheListChanges() {
        var state = ViewState(width: 80, height: 24)
        _ = press([.character("u"), .down], &state, snapshot: Self.snapshot) // "All users", alice, root
        #expect(highlightedEntry(render(state)) == "alice")
        // A user sorted before alice starts a process: the highlight stays on alice.
        let aaron = B.snapshot(Self.snapshot.processes + [B.process(50, user: "aaron", uid: 999)])
        #expect(highlightedEntry(render(state, aaron)) == "alice")
        _ = press([.enter], &state, snapshot: aaron)
        #expect(state.ordering.userID == 1000)
    }

    @Test func userMenuEnterAfterTheLastUsersProcessesExited() {
        var state = ViewState(width: 80, height: 24)
        _ = press([.character("u"), .end], &state, snapshot: Self.snapshot)
        #expect(highlightedEntry(render(state)) == "root")
        // root's processes are gone: the highlight falls back to a listed entry, and Enter takes what is drawn.
        let aliceOnly = B.snapshot(Self.snapshot.processes.filter { $0.details.effectiveUID == 1000 })
        #expect(highlightedEntry(render(state, aliceOnly)) == "All users")
        _ = press([.enter], &state, snapshot: aliceOnly)
        #expect(state.mode == .browsing)
        #expect(state.ordering.userID == nil)
        // The keys move from where the highlight is drawn.
        _ = press([.character("u"), .end, .up, .up, .down, .enter], &state, snapshot: aliceOnly)
        #expect(state.ordering.userID == 1000)
    }

    @Test func removingTheLastMeterOfAShrinkingListKeepsTheHighlightInIt() {
        var state = ViewState(width: 80, height: 24)
        // Every meter shown, and last a disk meter for a path no longer mounted: once
        // removed it is not offered, so the list is one shorter.
        state.preferences.meters =
            Meter.offered.map { Meter($0, .text, .left) } + [Meter(.disk("/mnt/gone"), .text, .right)]
        let count = Meter.offered.count + 1
        _ = press([.function(2), .right, .end, .character(" ")], &state, snapshot: Self.snapshot)
        #expect(!state.preferences.meters.contains { $0.kind == .disk("/mnt/gone") })
        #expect(state.mode == .setup(SetupState(page: .meters, index: count - 2)))
        _ = press([.character(" ")], &state, snapshot: Self.snapshot) // the entry now last: Disk /
        #expect(!state.preferences.meters.contains { $0.kind == .disk("/") })
        _ = press([.character("b"), .character("c"), .function(7), .character("s")], &state, snapshot: Self.snapshot)
        #expect(state.mode == .setup(SetupState(page: .meters, index: count - 2)))
    }

    @Test func aHighlightPastAnyPageEndIsClampedBeforeTheKeyActs() {
        for page in SetupState.Page.allCases {
            var state = ViewState(width: 80, height: 24)
            state.mode = .setup(SetupState(page: page, index: 1000))
            for key: Key in [
                .character(" "), .enter, .character("s"), .character("b"), .character("c"),
                .function(7), .function(8), .pageDown, .up,
            ] {
                _ = press([key], &state, snapshot: Self.snapshot)
                guard case .setup(let setup) = state.mode else {
                    Issue.record("left setup on \(key)")
                    break
                }
                #expect(setup.index >= 0 && setup.index < SetupMenu.count(of: page, state), "\(page) after \(key)")
            }
        }
    }
}
