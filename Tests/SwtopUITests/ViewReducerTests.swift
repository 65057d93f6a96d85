import SwtopCore
import Testing

@testable import SwtopUI

@Suite struct ViewReducerTests {
    typealias B = SnapshotBuilder
    let snapshot = ViewRenderingTests.snapshot

    private func press(_ keys: [Key], _ state: inout ViewState) -> ViewEffect {
        SwtopUITests.press(keys, &state, snapshot: snapshot)
    }

    private func fresh(_ key: SortKey = .pid) -> ViewState {
        ViewState(ordering: ProcessOrdering(key: key), width: 80, height: 24)
    }

    @Test func quitKeys() {
        var state = fresh()
        #expect(press([.character("q")], &state) == .quit)
        #expect(press([.function(10)], &state) == .quit)
        #expect(press([.control("l")], &state) == .redrawAll)
    }

    @Test func movementFollowsThePID() {
        var state = fresh()
        _ = press([.down, .down], &state)
        #expect(state.selectedPID == 41)
        _ = press([.end], &state)
        #expect(state.selectedPID == 43)
        _ = press([.home], &state)
        #expect(state.selectedPID == 1)
        _ = press([.pageDown], &state)
        #expect(state.selectedPID == 43)
        _ = press([.pageUp, .up], &state)
        #expect(state.selectedPID == 1)
        // Re-sorting keeps the same process selected.
        _ = press([.down, .down, .character("P")], &state)
        #expect(state.selectedPID == 41)
        #expect(state.ordering.key == .cpu)
    }

    @Test func sortKeys() {
        var state = fresh(.cpu)
        _ = press([.character("M")], &state)
        #expect(state.ordering.key == .mem)
        _ = press([.character("T")], &state)
        #expect(state.ordering.key == .time)
        _ = press([.character("N")], &state)
        #expect(state.ordering.key == .pid)
        _ = press([.character("I")], &state)
        #expect(state.ordering.inverted)
        _ = press([.character("N")], &state) // again: flips
        #expect(!state.ordering.inverted)
        _ = press([.character(">")], &state)
        #expect(state.ordering.key == .user)
        _ = press([.character("<"), .character("<")], &state)
        #expect(state.ordering.key == TableColumn.sortable.last)
        _ = press([.function(6), .home, .down, .down, .enter], &state)
        #expect(state.ordering.key == .priority)
        _ = press([.function(6), .end, .escape], &state)
        #expect(state.ordering.key == .priority)
        #expect(state.mode == .browsing)
    }

    @Test func treeFoldingKeys() {
        var state = fresh()
        _ = press([.character("t")], &state)
        #expect(state.ordering.tree)
        _ = press([.home, .down, .down, .character("-")], &state) // 1, 40, 41 in tree order
        #expect(state.collapsed == [41])
        _ = press([.character("+")], &state)
        #expect(state.collapsed.isEmpty)
        _ = press([.character("-"), .up, .character("-"), .character("*")], &state)
        #expect(state.collapsed.isEmpty)
        _ = press([.function(5)], &state)
        #expect(!state.ordering.tree)
    }

    @Test func searchJumpsAndF3FindsTheNext() {
        var state = fresh()
        _ = press([.character("/"), .character("a")], &state) // "a" matches alice's rows and "sshd: alice"
        #expect(state.mode == .searching)
        #expect(state.selectedPID == 40)
        _ = press([.function(3)], &state)
        #expect(state.selectedPID == 41)
        _ = press([.character("i"), .character("m")], &state) // "aim"? no: search is "aim" → no match
        #expect(state.message?.contains("No process matches") == true)
        _ = press([.backspace, .backspace, .escape], &state)
        #expect(state.search.isEmpty)
        #expect(state.mode == .browsing)
        _ = press([.function(3), .character("v"), .character("i"), .enter], &state)
        #expect(state.selectedPID == 43)
        #expect(state.mode == .browsing)
    }

    @Test func filterTypingAndEscape() {
        var state = fresh()
        _ = press([.character("\\"), .character("m"), .character("a"), .character("k")], &state)
        #expect(state.filter == "mak")
        #expect(DisplayTable.rows(of: snapshot, state: state).map(\.pid) == [42])
        _ = press([.enter], &state)
        #expect(state.filter == "mak")
        #expect(state.selectedPID == 42)
        _ = press([.function(4), .escape], &state)
        #expect(state.filter.isEmpty)
    }

    @Test func malformedFilterKeepsTheOldOneAndSaysWhere() throws {
        var state = fresh()
        state.width = 100
        state.height = 24
        _ = press([.character("\\")] + "mak".map { .character($0) }, &state)
        // "mak(" does not parse: "mak" stays in force and the error names the position.
        _ = press([.character("(")], &state)
        #expect(state.activeFilter.source == "mak")
        #expect(DisplayTable.rows(of: snapshot, state: state).map(\.pid) == [42])
        let error = try #require(state.filterError)
        #expect(error == "filter: at position 5: expected a filter after '('")
        let typing = ViewRenderer().render(
            snapshot: snapshot, state: state, rows: DisplayTable.rows(of: snapshot, state: state))
        #expect(typing.text(row: 23).contains("Filter: mak(_ " + error))
        _ = press([.enter], &state)
        #expect(state.filter == "mak" && state.filterError == nil)
        let message = try #require(state.message)
        #expect(message.hasPrefix(error))
        let browsing = ViewRenderer().render(
            snapshot: snapshot, state: state, rows: DisplayTable.rows(of: snapshot, state: state))
        #expect(browsing.text(row: 23).contains("Filter: mak "))
    }

    @Test func userMenuAndKernelThreads() {
        var state = fresh()
        _ = press([.character("u"), .down, .enter], &state) // "All users", then alice
        #expect(state.ordering.userID == 1000)
        #expect(DisplayTable.rows(of: snapshot, state: state).map(\.pid) == [41, 42, 43])
        _ = press([.character("u"), .enter], &state)
        #expect(state.ordering.userID == nil)
        _ = press([.character("K")], &state)
        #expect(state.showsKernelThreads)
        #expect(DisplayTable.rows(of: snapshot, state: state).map(\.pid).contains(2))
    }

    @Test func helpOpensAndAnyKeyCloses() {
        var state = fresh()
        for key: Key in [.function(1), .character("h"), .character("?")] {
            _ = press([key], &state)
            #expect(state.mode == .help)
            _ = press([.character("x")], &state)
            #expect(state.mode == .browsing)
        }
    }

    @Test func horizontalScrollAndResize() {
        var state = fresh()
        _ = press([.right, .right, .left], &state)
        #expect(state.commandScroll == 8)
        #expect(press([.resize(width: 40, height: 10)], &state) == .redrawAll)
        #expect(state.width == 40 && state.height == 10)
    }

    @Test func mouseSelectsSortsAndScrolls() {
        var state = fresh()
        let layout = Layout(width: 80, height: 24, cpuCount: 1)
        _ = press([.mouse(MouseEvent(kind: .click, row: layout.tableTop + 2, column: 5))], &state)
        #expect(state.selectedPID == 41)
        _ = press([.mouse(MouseEvent(kind: .click, row: layout.tableHeaderRow, column: 55))], &state) // MEM%
        #expect(state.ordering.key == .mem)
        _ = press([.character("N"), .home, .mouse(MouseEvent(kind: .wheelDown, row: 10, column: 0))], &state)
        #expect(state.selectedPID == 42)
    }

    @Test func onlyWhatShapesTheTableRebuildsIt() {
        let state = fresh()
        var other = state
        other.selectedPID = 42
        other.scrollTop = 3
        other.mode = .help
        #expect(state.hasSameTable(as: other))
        for change in [
            { (s: inout ViewState) in s.activeFilter = (try? FilterExpression(parsing: "x")) ?? .everything },
            { $0.onlyPIDs = [1] }, { $0.ordering.tree = true }, { $0.collapsed = [1] },
            { $0.showsKernelThreads = true }, { $0.showsThreads = true },
        ] {
            var changed = state
            change(&changed)
            #expect(!state.hasSameTable(as: changed))
        }
    }
}
