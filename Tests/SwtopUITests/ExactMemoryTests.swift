import SwtopCore
import Testing

@testable import SwtopUI

/// RES, SHR and MEM% on screen come from statm's exact counts, never from stat's
/// approximate rss, and statm is read for every process only when the view needs it.
@Suite struct ExactMemoryTests {
    typealias B = SnapshotBuilder

    /// A process whose stat rss (approximate) differs from statm's (exact).
    private static func process(_ pid: Int32, ppid: Int32 = 1, approximate: UInt64, exact: ResidentMemory?)
        -> ProcessEntry
    {
        var process = B.process(pid, ppid: ppid, res: approximate)
        process.approximateResidentBytes = approximate
        process.exactMemory = exact
        return process
    }

    private func row(of pid: Int32, in frame: Frame) -> String? {
        frame.lines.first { $0.split(separator: " ").first == Substring(String(pid)) }
    }

    @Test func theRowsOnScreenShowStatmsValuesWithoutTheSamplerReadingThem() throws {
        let snapshot = B.snapshot([Self.process(7, approximate: 1576 << 10, exact: nil)])
        var state = ViewState(ordering: ProcessOrdering(key: .pid), width: 100, height: 24)
        state.preferences.columns = [.pid, .res, .shr, .mem, .command]
        let rows = DisplayTable.rows(of: snapshot, state: state)
        let reads = ViewRenderer.onScreenReads(snapshot: snapshot, state: state, rows: rows)
        #expect(reads.files == [.statm])
        #expect(reads.processes.map(\.pid) == [7])
        let exact = ResidentMemory(residentBytes: 1688 << 10, sharedBytes: 1568 << 10)
        let values = OnScreenValues([reads.processes[0].identity: OnScreenValue(memory: exact)])
        let shown = try #require(
            row(
                of: 7,
                in: ViewRenderer().render(
                    snapshot: snapshot, state: state, rows: rows,
                    onScreen: values)))
        #expect(shown.contains(" 1688K  1568K "), "\(shown)")
        #expect(shown.contains("  0.2 ")) // 1688K of 1 GiB
        // Without on-screen values (a process gone since the sample): stat's value, SHR unknown.
        let bare = try #require(row(of: 7, in: ViewRenderer().render(snapshot: snapshot, state: state, rows: rows)))
        #expect(bare.contains(" 1576K      - "), "\(bare)")
    }

    @Test func noMemoryColumnNoStatmRead() {
        let snapshot = B.snapshot([Self.process(7, approximate: 1 << 20, exact: nil)])
        var state = ViewState(ordering: ProcessOrdering(key: .pid), width: 100, height: 24)
        state.preferences.columns = [.pid, .cpu, .command]
        let reads = ViewRenderer.onScreenReads(
            snapshot: snapshot, state: state,
            rows: DisplayTable.rows(of: snapshot, state: state))
        #expect(reads.files.isEmpty && reads.processes.isEmpty)
    }

    @Test func aCollapsedNodesMEMPercentSumsTheExactSizesItHides() throws {
        let child = ResidentMemory(residentBytes: 300 << 20, sharedBytes: 0)
        let parent = ResidentMemory(residentBytes: 100 << 20, sharedBytes: 0)
        let snapshot = B.snapshot([
            Self.process(1, ppid: 0, approximate: 1, exact: parent),
            Self.process(2, ppid: 1, approximate: 1, exact: child),
        ])
        var state = ViewState(ordering: ProcessOrdering(key: .pid, tree: true), width: 100, height: 24)
        state.preferences.columns = [.pid, .res, .mem, .command]
        state.collapsed = [1]
        let rows = DisplayTable.rows(of: snapshot, state: state)
        #expect(rows.count == 1)
        #expect(rows[0].hiddenResidentBytes == 300 << 20)
        let shown = try #require(row(of: 1, in: ViewRenderer().render(snapshot: snapshot, state: state, rows: rows)))
        // (100 + 300) MiB of 1 GiB; RES is the node's own.
        #expect(shown.contains(" 100M  39.1 "), "\(shown)")
    }

    @Test func statmIsReadForEveryProcessOnlyWhenTheViewNeedsIt() {
        var state = ViewState(ordering: ProcessOrdering(key: .cpu), width: 100, height: 24)
        #expect(!state.scanOptions.readsStatm)
        for key in [SortKey.res, .mem, .shr] {
            state.ordering.key = key
            #expect(state.scanOptions.readsStatm, "sorted by \(key)")
        }
        state.ordering = ProcessOrdering(key: .cpu, tree: true)
        #expect(!state.scanOptions.readsStatm)
        state.collapsed = [1]
        #expect(state.scanOptions.readsStatm, "a collapsed node sums what it hides")
    }
}
