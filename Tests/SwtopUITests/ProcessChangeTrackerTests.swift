import SwtopCore
import Testing

@testable import SwtopUI

/// Highlight changes: new processes marked for a few seconds, exited ones kept as long.
@Suite struct ProcessChangeTrackerTests {
    typealias B = SnapshotBuilder

    private func snapshot(_ pids: [Int32], at time: Double, start: UInt64 = 100) -> Snapshot {
        var snapshot = B.snapshot(
            pids.map { pid in
                var process = B.process(pid)
                if pid == 40 { process.startTicks = start }
                return process
            })
        snapshot.monotonicSeconds = time
        // The wall clock steps back by an hour at every sample: highlighting must not care.
        snapshot.timestamp = 1_000_000 - time * 3600
        return snapshot
    }

    private func identity(_ pid: Int32, start: UInt64 = 100) -> ProcessIdentity {
        var process = B.process(pid)
        process.startTicks = start
        return ProcessIdentity(process)
    }

    @Test func newThenExitedThenForgotten() {
        var tracker = ProcessChangeTracker(seconds: 5)
        _ = tracker.update(with: snapshot([1, 40], at: 1000))
        #expect(tracker.highlights == ProcessHighlights()) // the first sample shows nothing as new

        _ = tracker.update(with: snapshot([1, 40, 50], at: 1001))
        #expect(tracker.highlights.new == [identity(50)])

        let shown = tracker.update(with: snapshot([1, 50], at: 1002))
        #expect(tracker.highlights.new == [identity(50)])
        #expect(tracker.highlights.exited == [identity(40)])
        #expect(shown.processes.map(\.pid) == [1, 40, 50]) // kept, in PID order
        #expect(shown.processes[1].cpuPercent == nil)

        _ = tracker.update(with: snapshot([1, 50], at: 1006))
        #expect(tracker.highlights.new.isEmpty) // five seconds after it appeared
        #expect(tracker.highlights.exited == [identity(40)])
        let later = tracker.update(with: snapshot([1, 50], at: 1007))
        #expect(tracker.highlights.exited.isEmpty)
        #expect(later.processes.map(\.pid) == [1, 50])
    }

    @Test func aReusedPIDReplacesTheExitedRow() {
        var tracker = ProcessChangeTracker()
        _ = tracker.update(with: snapshot([1, 40], at: 1000))
        _ = tracker.update(with: snapshot([1], at: 1001))
        #expect(tracker.highlights.exited == [identity(40)])
        let shown = tracker.update(with: snapshot([1, 40], at: 1002, start: 900))
        #expect(tracker.highlights.exited.isEmpty)
        #expect(tracker.highlights.new == [identity(40, start: 900)])
        #expect(shown.processes.map(\.pid) == [1, 40])
    }

    @Test func rowsAreColored() {
        var tracker = ProcessChangeTracker()
        _ = tracker.update(with: snapshot([1, 40], at: 1000))
        let shown = tracker.update(with: snapshot([1, 50], at: 1001))
        var state = ViewState(ordering: ProcessOrdering(key: .pid), width: 80, height: 24)
        state.selectedPID = 1
        let rows = DisplayTable.rows(of: shown, state: state)
        let frame = ViewRenderer().render(snapshot: shown, state: state, rows: rows, highlights: tracker.highlights)
        #expect(frame.lines[5].hasPrefix("      1 "))
        #expect(frame[5, 0].style == .selectedRow)
        #expect(frame.lines[6].hasPrefix("     40 "))
        #expect(frame[6, 0].style == .exitedProcess && frame[6, 79].style == .exitedProcess)
        #expect(frame.lines[7].hasPrefix("     50 "))
        #expect(frame[7, 0].style == .newProcess)
    }
}
