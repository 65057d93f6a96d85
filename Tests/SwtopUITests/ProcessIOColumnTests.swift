import SwtopCore
import Testing

@testable import SwtopUI

/// The I/O columns: sorted by the sampler's numbers for every process, read for the
/// rows on screen otherwise, never a 0 for "unknown".
@Suite struct ProcessIOColumnTests {
    typealias B = SnapshotBuilder

    private static func process(_ pid: Int32, read: Double?, write: Double?, totals: (UInt64, UInt64)?) -> ProcessEntry
    {
        var process = B.process(pid)
        if let read, let write { process.ioRates = IORates(readPerSecond: read, writePerSecond: write) }
        if let totals {
            process.ioCounters = IOCounters(
                readCharacters: 0, writtenCharacters: 0, readBytes: totals.0,
                writtenBytes: totals.1, cancelledWriteBytes: 0)
        }
        return process
    }

    static let processes = [
        process(1, read: 0, write: 0, totals: (0, 0)),
        process(2, read: 1_000, write: 5_000_000, totals: (10, 900 << 20)),
        process(3, read: 3_000_000, write: 0, totals: (700 << 20, 0)),
        process(4, read: nil, write: nil, totals: nil), // another user's, io unreadable
    ]

    private func order(_ key: SortKey) -> [Int32] {
        ProcessTable.rows(of: Self.processes, ordering: ProcessOrdering(key: key)).map { Self.processes[$0.index].pid }
    }

    @Test func sortKeysOrderLargestFirstAndUnknownLast() {
        #expect(order(.io) == [2, 3, 1, 4])
        #expect(order(.ioRead) == [3, 2, 1, 4])
        #expect(order(.ioWrite) == [2, 1, 3, 4] || order(.ioWrite) == [2, 3, 1, 4])
        #expect(order(.ioReadTotal) == [3, 2, 1, 4])
        #expect(order(.ioWriteTotal) == [2, 1, 3, 4] || order(.ioWriteTotal) == [2, 3, 1, 4])
    }

    @Test func namesOnTheCommandLine() throws {
        for (name, key) in [("io", SortKey.io), ("IO/s", .io), ("READ/s", .ioRead), ("write", .ioWriteTotal)] {
            let parsed = try #require(SortKey(name: name))
            #expect(parsed == key, "\(name)")
        }
        let column = try #require(TableColumn(name: "IO/s"))
        #expect(column == .ioTotal)
        for (column, key) in [(TableColumn.ioTotal, SortKey.io), (.ioRead, .ioRead), (.ioWriteTotal, .ioWriteTotal)] {
            let sortKey = try #require(column.sortKey)
            #expect(sortKey == key)
        }
    }

    @Test func theSamplerReadsIOForEveryProcessOnlyWhileSortedOnIt() {
        var state = ViewState(ordering: ProcessOrdering(key: .cpu))
        state.preferences.columns = TableColumn.ioArrangement
        #expect(!state.scanOptions.readsIO, "shown only: read for the rows on screen")
        for key in [SortKey.io, .ioRead, .ioWrite, .ioReadTotal, .ioWriteTotal] {
            state.ordering.key = key
            #expect(state.scanOptions.readsIO)
        }
        #expect(!ViewState().scanOptions.readsIO, "the default view reads no io")
    }

    @Test func cellsShowTheSamplersNumbersAndADashForUnknownTotals() throws {
        let snapshot = B.snapshot(Self.processes)
        var state = ViewState(ordering: ProcessOrdering(key: .io), width: 120, height: 24)
        state.preferences.columns = [.pid, .ioTotal, .ioRead, .ioWrite, .ioReadTotal, .ioWriteTotal, .command]
        let rows = DisplayTable.rows(of: snapshot, state: state)
        let lines = ViewRenderer().render(snapshot: snapshot, state: state, rows: rows).lines
        let writer = try #require(lines.first { $0.split(separator: " ").first == "2" })
        #expect(writer.split(separator: " ").prefix(6) == ["2", "4883K", "0K", "4882K", "0K", "900M"], "\(writer)")
        let unknown = try #require(lines.first { $0.split(separator: " ").first == "4" })
        #expect(unknown.split(separator: " ").prefix(3) == ["4", "-", "-"], "\(unknown)")
    }

    @Test func iKeyArrangesTheTableForIOAndBack() {
        var state = ViewState(ordering: ProcessOrdering(key: .mem))
        let columns = state.preferences.columns
        _ = ViewReducer.handle(.character("i"), state: &state, rows: [], snapshot: nil)
        #expect(state.preferences.columns == TableColumn.ioArrangement)
        #expect(state.ordering.key == .io)
        _ = ViewReducer.handle(.character("i"), state: &state, rows: [], snapshot: nil)
        #expect(state.preferences.columns == columns)
        #expect(state.ordering.key == .mem)
    }
}
