import SwtopCore
import Testing

@testable import SwtopUI

@Suite struct ProcessTableTests {
    typealias B = SnapshotBuilder

    private func pids(_ processes: [ProcessEntry], _ ordering: ProcessOrdering) -> [Int32] {
        let sorted = processes.sorted { $0.pid < $1.pid }
        return ProcessTable.rows(of: sorted, ordering: ordering).map { sorted[$0.index].pid }
    }

    @Test func sortKeysAcceptNamesAndAliases() {
        #expect(SortKey(name: "CPU") == .cpu)
        #expect(SortKey(name: "%mem") == .mem)
        #expect(SortKey(name: "rss") == .res)
        #expect(SortKey(name: "time+") == .time)
        #expect(SortKey(name: "ni") == .nice)
        #expect(SortKey(name: "cmd") == .command)
        #expect(SortKey(name: "bogus") == nil)
        for key in SortKey.allCases { #expect(SortKey(name: key.rawValue) == key) }
    }

    @Test func amountsSortLargestFirstAndNamesSmallestFirst() {
        let processes = [
            B.process(1, cpu: 5, res: 300), B.process(2, cpu: nil, res: 100), B.process(3, cpu: 50, res: 200),
            B.process(4, cpu: 0, res: 200),
        ]
        #expect(pids(processes, ProcessOrdering(key: .cpu)) == [3, 1, 4, 2]) // no CPU% yet: last
        #expect(pids(processes, ProcessOrdering(key: .cpu, inverted: true)) == [2, 4, 1, 3])
        #expect(pids(processes, ProcessOrdering(key: .mem)) == [1, 3, 4, 2]) // ties by PID
        #expect(pids(processes, ProcessOrdering(key: .pid)) == [1, 2, 3, 4])
        #expect(pids(processes, ProcessOrdering(key: .pid, inverted: true)) == [4, 3, 2, 1])
    }

    @Test func commandOrderKeepsKernelThreadsTogether() {
        let processes = [
            B.process(1, args: ["zsh"]), B.process(2, comm: "kworker", kernel: true), B.process(3, args: ["bash"]),
        ]
        #expect(pids(processes, ProcessOrdering(key: .command)) == [3, 1, 2])
    }

    @Test func userFilterKeepsOneEffectiveUser() {
        let processes = [B.process(1), B.process(2, user: "alice", uid: 1000), B.process(3, user: "alice", uid: 1000)]
        #expect(pids(processes, ProcessOrdering(key: .pid, userID: 1000)) == [2, 3])
        #expect(pids(processes, ProcessOrdering(key: .pid, userID: 4242)) == [])
    }

    @Test func treeNestsChildrenSortedAmongSiblings() {
        let processes = [
            B.process(1, ppid: 0, cpu: 0), B.process(10, ppid: 1, cpu: 1), B.process(20, ppid: 1, cpu: 9),
            B.process(11, ppid: 10), B.process(21, ppid: 20), B.process(22, ppid: 20, cpu: 5),
        ]
        let sorted = processes.sorted { $0.pid < $1.pid }
        let rows = ProcessTable.rows(of: sorted, ordering: ProcessOrdering(key: .cpu, tree: true))
        let lines = rows.map { TreeGuides.ascii($0) + String(sorted[$0.index].pid) }
        #expect(
            lines == [
                "1",
                "|- 20",
                "|  |- 22",
                "|  `- 21",
                "`- 10",
                "   `- 11",
            ])
        #expect(rows.map(\.depth) == [0, 1, 2, 2, 1, 2])
        #expect(TreeGuides.unicode(rows[2]) == "│  ├─ ")
    }

    @Test func processesWhoseParentIsNotShownAreRoots() {
        // alice's shell's parent (sshd, root) is filtered out: the shell becomes a root.
        let processes = [
            B.process(1, ppid: 0), B.process(5, ppid: 1, user: "alice", uid: 1000),
            B.process(6, ppid: 5, user: "alice", uid: 1000), B.process(7, ppid: 99),
        ]
        let sorted = processes.sorted { $0.pid < $1.pid }
        let rows = ProcessTable.rows(of: sorted, ordering: ProcessOrdering(key: .pid, tree: true, userID: 1000))
        #expect(rows.map { sorted[$0.index].pid } == [5, 6])
        #expect(rows.map(\.depth) == [0, 1])
        let all = ProcessTable.rows(of: sorted, ordering: ProcessOrdering(key: .pid, tree: true))
        #expect(all.map { sorted[$0.index].pid } == [1, 5, 6, 7])
        #expect(all.map(\.depth) == [0, 1, 2, 0])
    }

    @Test func aParentCycleCannotHangTheTree() {
        let processes = [B.process(3, ppid: 4), B.process(4, ppid: 3), B.process(5, ppid: 5)]
        let sorted = processes.sorted { $0.pid < $1.pid }
        let rows = ProcessTable.rows(of: sorted, ordering: ProcessOrdering(key: .pid, tree: true))
        #expect(Set(rows.map { sorted[$0.index].pid }) == [3, 4, 5])
        #expect(rows.count == 3)
    }
}

@Suite struct ThreadRowsTests {
    typealias B = SnapshotBuilder

    private func thread(_ tid: Int32, of pid: Int32, cpu: Double) -> ProcessEntry {
        var entry = B.process(tid, ppid: pid, cpu: cpu)
        entry.threadGroupID = pid
        return entry
    }

    @Test func threadsFollowTheirProcessInFlatAndTreeViews() {
        let processes = [
            B.process(1, ppid: 0, cpu: 1), B.process(10, ppid: 1, cpu: 5), thread(11, of: 10, cpu: 50),
            thread(12, of: 10, cpu: 70), B.process(20, ppid: 1, cpu: 60),
        ]
        let flat = ProcessTable.rows(of: processes, ordering: ProcessOrdering(key: .cpu))
        #expect(flat.map { processes[$0.index].pid } == [20, 10, 12, 11, 1])
        let tree = ProcessTable.rows(of: processes, ordering: ProcessOrdering(key: .cpu, tree: true))
        #expect(tree.map { processes[$0.index].pid } == [1, 20, 10, 12, 11])
        #expect(tree.map(\.depth) == [0, 1, 1, 2, 2])
    }

    @Test func hKeyShowsThreads() {
        let snapshot = B.snapshot([B.process(1, ppid: 0), B.process(10, ppid: 1), thread(11, of: 10, cpu: 3)])
        var state = ViewState(ordering: ProcessOrdering(key: .pid), width: 80, height: 24)
        #expect(DisplayTable.rows(of: snapshot, state: state).map(\.pid) == [1, 10])
        _ = ViewReducer.handle(.character("H"), state: &state, rows: [], snapshot: snapshot)
        #expect(state.showsThreads)
        #expect(DisplayTable.rows(of: snapshot, state: state).map(\.pid) == [1, 10, 11])
    }
}
