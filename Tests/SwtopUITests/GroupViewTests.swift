import Glibc
import SwtopCore
import Testing

@testable import SwtopUI

/// The grouped view (`g`): its rows, sorting, selection, expansion and actions on a group.
@Suite struct GroupViewTests {
    /// apache2 workers (three plain, two `(wsgi:shop)`), two sleeps of another user.
    private var snapshot: Snapshot {
        let apache = "/usr/sbin/apache2"
        func worker(_ pid: Int32, mib: UInt64, title: String? = nil, cpu: Double = 1, ticks: UInt64 = 100)
            -> ProcessEntry
        {
            var entry = SnapshotBuilder.process(
                pid, comm: "apache2", args: [title ?? apache, "-k", "start"],
                user: "www-data", uid: 33, cpu: cpu, res: mib << 20, ticks: ticks)
            entry.details = ProcessDetails(
                comm: "apache2", commandLine: [title ?? apache, "-k", "start"], executable: apache,
                realUID: 33, effectiveUID: 33, realUser: "www-data", effectiveUser: "www-data")
            return entry
        }
        return SnapshotBuilder.snapshot([
            worker(10, mib: 10), worker(11, mib: 30), worker(12, mib: 20, cpu: 2.5),
            worker(20, mib: 40, title: "(wsgi:shop)"), worker(21, mib: 60, title: "(wsgi:shop)"),
            SnapshotBuilder.process(
                30, comm: "sleep", args: ["/usr/bin/sleep", "100"], user: "alice", uid: 1000, res: 1 << 20),
            SnapshotBuilder.process(
                31, comm: "sleep", args: ["/usr/bin/sleep", "100"], user: "alice", uid: 1000, res: 3 << 20),
        ])
    }

    private func grouped(_ kind: GroupKind) -> ViewState {
        var state = ViewState(width: 120, height: 30)
        state.grouping = kind
        return state
    }

    @Test func gCyclesEveryGroupingAndBack() {
        var state = ViewState()
        var seen: [GroupKind?] = []
        for _ in 0..<6 {
            _ = press([.character("g")], &state, snapshot: snapshot)
            seen.append(state.grouping)
        }
        #expect(seen == [.program, .user, .container, .unit, .cgroup, nil])
    }

    @Test func programGroupsSeparateWsgiDaemonsWithTheirDistribution() throws {
        var state = grouped(.program)
        state.groupOrdering = GroupOrdering(column: .key)
        let rows = DisplayTable.rows(of: snapshot, state: state)
        #expect(rows.compactMap(\.group?.key) == ["apache2", "apache2 (wsgi:shop)", "sleep"])
        let plain = try #require(rows[0].group)
        #expect(plain.count == 3 && plain.pids == [10, 11, 12])
        #expect(plain.residentBytes == 60 << 20)
        #expect(plain.resident.minimum == 10 << 20 && plain.resident.maximum == 30 << 20)
        #expect(plain.resident.mean == Double(20 << 20) && plain.resident.median == Double(20 << 20))
        #expect(plain.threads == 3 && plain.cpuTicks == 300)
        let cpu = try #require(plain.cpuPercent)
        #expect(cpu == 4.5)
        let wsgi = try #require(rows[1].group)
        #expect(wsgi.count == 2 && wsgi.resident.median == Double(50 << 20)) // even: (40 + 60) / 2
    }

    @Test func userGroupsAndSortingOnGroupColumns() {
        var state = grouped(.user)
        // RES, largest first
        #expect(DisplayTable.rows(of: snapshot, state: state).compactMap(\.group?.key) == ["www-data", "alice"])
        _ = press([.character("N")], &state, snapshot: snapshot)
        #expect(DisplayTable.rows(of: snapshot, state: state).compactMap(\.group?.key) == ["alice", "www-data"])
        state.groupOrdering = GroupOrdering(column: .count, inverted: true)
        #expect(DisplayTable.rows(of: snapshot, state: state).compactMap(\.group?.key) == ["alice", "www-data"])
        for column in GroupColumn.allCases {
            state.groupOrdering = GroupOrdering(column: column)
            #expect(DisplayTable.rows(of: snapshot, state: state).count == 2)
        }
    }

    @Test func aClickOnAGroupTitleSortsByIt() {
        var state = grouped(.program)
        let header = Layout(state: state, cpuCount: 1).tableHeaderRow
        let frame = ViewRenderer().render(
            snapshot: snapshot, state: state, rows: DisplayTable.rows(of: snapshot, state: state))
        let titles = frame.text(row: header)
        // The cell under the M of MAX, as drawn (the titles are one cell per character).
        let maxCell =
            titles.firstRange(ofText: "MAX").map { titles.distance(from: titles.startIndex, to: $0.lowerBound) } ?? -1
        _ = press([.mouse(MouseEvent(kind: .click, row: header, column: maxCell))], &state, snapshot: snapshot)
        #expect(state.groupOrdering == GroupOrdering(column: .maximum))
        _ = press([.mouse(MouseEvent(kind: .click, row: header, column: 100))], &state, snapshot: snapshot)
        #expect(state.groupOrdering == GroupOrdering(column: .key))
    }

    @Test func selectionFollowsTheGroupAndEnterExpandsIt() {
        var state = grouped(.program)
        state.groupOrdering = GroupOrdering(column: .key)
        _ = press([.down, .down], &state, snapshot: snapshot)
        #expect(state.selectedGroup == "sleep" && state.selectedPID == nil)
        // Another order: the selection stays on the group, not on the row number.
        _ = press([.character("M")], &state, snapshot: snapshot)
        #expect(state.selectedGroup == "sleep")
        _ = press([.enter], &state, snapshot: snapshot)
        let rows = DisplayTable.rows(of: snapshot, state: state)
        let sleep = rows.firstIndex { $0.group?.key == "sleep" }!
        #expect(rows[sleep + 1].memberOf == "sleep" && rows[sleep + 2].memberOf == "sleep")
        #expect(Set([rows[sleep + 1].pid, rows[sleep + 2].pid]) == [30, 31])
        // `-` on a member folds its group and selects it.
        _ = press([.down, .character("-")], &state, snapshot: snapshot)
        #expect(state.selectedGroup == "sleep" && state.expandedGroups.isEmpty)
    }

    @Test func actionsOnAGroupRowTargetEveryMemberAndNameTheGroup() {
        var state = grouped(.program)
        state.groupOrdering = GroupOrdering(column: .key)
        _ = press([.character("x")], &state, snapshot: snapshot)
        guard case .confirming(let action) = state.mode else {
            Issue.record("x did not ask")
            return
        }
        #expect(action.targets.map(\.pid) == [10, 11, 12])
        #expect(action.question.hasPrefix("Terminate group apache2 (3 processes): PID 10"))
        let effect = press([.character("y")], &state, snapshot: snapshot)
        #expect(effect == .perform(action))
        #expect(
            press([.character("z")], &state, snapshot: snapshot)
                == .perform(PendingAction(kind: .signal(SIGSTOP), targets: action.targets, group: "apache2")))
    }

    @Test func spaceOnAGroupRowTagsItsMembers() {
        var state = grouped(.program)
        state.groupOrdering = GroupOrdering(column: .key)
        _ = press([.down, .character(" ")], &state, snapshot: snapshot)
        let processes = snapshot.processes
        #expect(state.tagged == Set(processes.filter { [20, 21].contains($0.pid) }.map(\.identity)))
        _ = press([.up, .character(" ")], &state, snapshot: snapshot)
        #expect(state.tagged.isEmpty)
    }

    @Test func groupingReadsExactMemoryAndCgroupsOnlyWhenItNeedsThem() {
        #expect(!ViewState().scanOptions.readsStatm)
        #expect(grouped(.program).scanOptions.readsStatm && !grouped(.program).scanOptions.readsCgroups)
        for kind in [GroupKind.container, .unit, .cgroup] { #expect(grouped(kind).scanOptions.readsCgroups) }
    }

    @Test func theGroupTableShowsTitlesAndDistribution() {
        var state = grouped(.program)
        state.groupOrdering = GroupOrdering(column: .key)
        let rows = DisplayTable.rows(of: snapshot, state: state)
        let frame = ViewRenderer().render(snapshot: snapshot, state: state, rows: rows)
        let layout = Layout(state: state, cpuCount: 1)
        let titles = frame.text(row: layout.tableHeaderRow)
        for title in ["COUNT", "CPU%", "MEM%", "RES", "MIN", "AVG", "MED", "MAX", "TIME+", "THR", "PROGRAM"] {
            #expect(titles.contains(title))
        }
        let first = frame.text(row: layout.tableTop)
        #expect(first.contains("+ apache2"))
        #expect(
            first.split(separator: " ").prefix(10) == [
                "3", "4.5", "5.9", "61440K", "10240K", "20480K", "20480K", "30720K", "0:03.00", "3",
            ])
    }
}
