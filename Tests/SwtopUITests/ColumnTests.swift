import SwtopCore
import Testing

@testable import SwtopUI

/// The columns a user can add: values from the snapshot, sorting, narrow screens.
@Suite struct ColumnTests {
    typealias B = SnapshotBuilder

    static func process() -> ProcessEntry {
        ProcessEntry(
            pid: 4242, ppid: 17, processGroup: 4200, session: 4100, ttyNumber: 34_817, // pts/1
            priority: 20, nice: 0, threadCount: 12, startTicks: 100, userTicks: 300, virtualBytes: 4 << 20,
            approximateResidentBytes: 1 << 20, exactMemory: ResidentMemory(residentBytes: 1 << 20, sharedBytes: 0),
            processor: 3,
            details: ProcessDetails(
                comm: "worker", commandLine: ["/usr/local/bin/worker", "--fast"],
                executable: "/usr/local/bin/worker", realUID: 1000, effectiveUID: 1000,
                realUser: "alice", effectiveUser: "alice"),
            cpuPercent: 50, memoryPercent: 0.1)
    }

    private func render(
        _ columns: [TableColumn], width: Int = 200, cpus: Int = 4, fullPaths: Bool = true,
        processes: [ProcessEntry] = [process()]
    ) -> [String] {
        var snapshot = B.snapshot(processes)
        snapshot.timestamp = Double(snapshot.system.bootTime) + snapshot.system.uptimeSeconds
        let cpu = snapshot.system.cpus[0]
        snapshot.system.cpus = (0..<cpus).map { CPUUsage(id: $0, ticks: cpu.ticks, percentages: cpu.percentages) }
        var state = ViewState(ordering: ProcessOrdering(key: .pid), width: width, height: 30)
        state.preferences.columns = columns
        state.preferences.showsFullPaths = fullPaths
        let rows = DisplayTable.rows(of: snapshot, state: state)
        ViewReducer.keepSelectionVisible(&state, rows: rows, cpuCount: cpus)
        let frame = ViewRenderer().render(snapshot: snapshot, state: state, rows: rows)
        let header = Layout(width: width, height: 30, cpuCount: cpus).tableHeaderRow
        return [frame.lines[header], frame.lines[header + 1]]
    }

    @Test func everyNewColumnShowsItsValue() {
        let lines = render([
            .pid, .ppid, .processGroup, .session, .tty, .uid, .threads, .processor, .normalizedCPU,
            .elapsed, .comm, .exe,
        ])
        #expect(
            lines[0]
                == "   ▲PID    PPID    PGRP SESSION TTY         UID  THR CPU  NCPU%     ELAPSED COMM            EXE")
        // NCPU% is CPU% over 4 CPUs; ELAPSED is uptime minus the start, 1 day 1 h 1 min.
        #expect(
            lines[1]
                == "   4242      17    4200    4100 pts/1      1000   12   3   12.5  1-01:01:00 worker          /usr/local/bin/worker"
        )
    }

    @Test func onDemandColumnsShowWhatTheReaderGives() {
        var snapshot = B.snapshot([Self.process()])
        snapshot.timestamp = Double(snapshot.system.bootTime) + snapshot.system.uptimeSeconds
        var state = ViewState(ordering: ProcessOrdering(key: .pid), width: 80, height: 24)
        state.preferences.columns = [.pid, .ioRead, .ioWrite, .swap, .command]
        let rows = DisplayTable.rows(of: snapshot, state: state)
        let values = OnScreenValues([
            Self.process().identity: OnScreenValue(
                ioRates: IORates(readPerSecond: 2048, writePerSecond: 3 * 1_048_576), swapBytes: 640 << 10)
        ])
        let frame = ViewRenderer().render(snapshot: snapshot, state: state, rows: rows, onScreen: values)
        #expect(frame.lines[4] == "   ▲PID   READ/s  WRITE/s   SWAP Command")
        #expect(frame.lines[5] == "   4242       2K    3072K   640K /usr/local/bin/worker --fast")
        // Without a reader (batch tests, the first frame): blank rates, unknown swap.
        let bare = ViewRenderer().render(snapshot: snapshot, state: state, rows: rows)
        #expect(bare.lines[5] == "   4242                        - /usr/local/bin/worker --fast")
        #expect(TableColumn.swap.sortKey == nil)
    }

    @Test func startIsAClockTimeOrADate() {
        let line = render([.pid, .start])[1]
        let start = String(line.dropFirst(8)).trimmingCharacters(in: " ")
        // Started a day and a minute before the snapshot: a month and day, like ps.
        #expect(start.count == 5 && start.first!.isUppercase && start.last!.isNumber, "\(line)")
    }

    @Test func commandAnywhereButLastIsCut() {
        let lines = render([.command, .pid])
        #expect(lines[0] == "Command                     ▲PID")
        #expect(lines[1] == "/usr/local/bin/worker --    4242")
    }

    @Test func basenameWhenFullPathsAreOff() {
        #expect(render([.pid, .command], fullPaths: false)[1] == "   4242 worker --fast")
        #expect(render([.pid, .command], fullPaths: true)[1] == "   4242 /usr/local/bin/worker --fast")
    }

    @Test func narrowScreensDropTheLeastImportantFirst() {
        let chosen: [TableColumn] = [.pid, .ppid, .tty, .user, .cpu, .mem, .elapsed, .command]
        #expect(TableColumn.fitting(chosen, width: 200) == chosen)
        #expect(TableColumn.fitting(chosen, width: 50) == [.pid, .user, .cpu, .mem, .elapsed, .command])
        #expect(TableColumn.fitting(chosen, width: 45) == [.pid, .user, .cpu, .mem, .command])
        #expect(TableColumn.fitting([.pid, .exe], width: 40) == [.pid, .exe])
        #expect(TableColumn.at(cell: 9, in: [.pid, .ppid, .command]) == .ppid)
        #expect(TableColumn.at(cell: 100, in: [.pid, .ppid, .command]) == .command)
        #expect(TableColumn.at(cell: 100, in: [.pid, .ppid]) == nil)
    }

    @Test func newKeysSortTheRows() {
        let a = Self.process()
        var b = Self.process()
        b.pid = 5000
        b.threadGroupID = 5000
        b.processGroup = 1
        b.session = 9000
        b.details = ProcessDetails(comm: "a", commandLine: ["/bin/a"], executable: "/bin/a")
        let processes = [a, b]
        func order(_ key: SortKey) -> [Int32] {
            ProcessTable.rows(of: processes, ordering: ProcessOrdering(key: key)).map { processes[$0.index].pid }
        }
        #expect(order(.pgrp) == [5000, 4242])
        #expect(order(.session) == [4242, 5000])
        #expect(order(.exe) == [5000, 4242])
        #expect(SortKey(name: "PGID") == .pgrp && SortKey(name: "sid") == .session && SortKey(name: "EXE") == .exe)
    }

    @Test func everyColumnHasATitleItCanBeFoundBy() {
        for column in TableColumn.allCases {
            #expect(TableColumn(name: column.name.lowercased()) == column)
            #expect(!column.name.contains(" "))
            #expect(column.width > DisplayWidth.of(column.title) || column.isFlexible)
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
