import SwtopCore
import Testing

@testable import SwtopUI

/// Inside a container the memory meter shows the cgroup's use against its limit and says so.
@Suite struct CgroupMeterTests {
    private func lines(_ limits: CgroupLimits?, style: Meter.Style) -> [String] {
        var snapshot = SnapshotBuilder.snapshot([SnapshotBuilder.process(10)])
        snapshot.system.cgroupLimits = limits
        var state = ViewState(width: 100, height: 30)
        state.preferences.meters = [Meter(.memory, style, .left)]
        return ViewRenderer().render(
            snapshot: snapshot, state: state, rows: DisplayTable.rows(of: snapshot, state: state)
        ).lines
    }

    @Test func theLimitReplacesTheMachineTotal() {
        // The fixture machine has 1 GiB; the cgroup 256 MiB of which it uses 64 MiB.
        let limited = CgroupLimits(memoryMax: 256 << 20, memoryCurrent: 64 << 20)
        let bar = lines(limited, style: .bar).joined(separator: "\n")
        #expect(bar.contains("64.0M/256M (cgroup limit)"))
        let text = lines(limited, style: .text).joined(separator: "\n")
        #expect(text.contains("Mem: 64.0M/256M (cgroup limit), host "))
        // No limit, or one above the machine: the machine's meter as before.
        for limits in [nil, CgroupLimits(memoryMax: 4 << 30, memoryCurrent: 64 << 20)] {
            #expect(!lines(limits, style: .bar).joined().contains("cgroup limit"))
        }
    }

    /// A four-CPU machine, swtop in a cgroup limited to CPUs 1 and 3 (and `quota` CPUs of time).
    private func limitedCPUs(quota: Double?, used: Double?, width: Int = 100) -> (lines: [String], help: [String]) {
        var snapshot = SnapshotBuilder.snapshot([SnapshotBuilder.process(10)])
        let cpu = snapshot.system.cpus[0]
        snapshot.system.cpus = (0..<4).map { CPUUsage(id: $0, ticks: cpu.ticks, percentages: cpu.percentages) }
        snapshot.system.cgroupLimits = CgroupLimits(cpuQuota: quota, effectiveCPUSet: [1, 3], cpuUsed: used)
        var state = ViewState(width: width, height: 30)
        let rows = DisplayTable.rows(of: snapshot, state: state)
        let lines = ViewRenderer().render(snapshot: snapshot, state: state, rows: rows).lines
        state.mode = .help
        let help = ViewRenderer().render(snapshot: snapshot, state: state, rows: rows).lines
        return (lines, help)
    }

    @Test func onlyTheCpusetsCPUsHaveBarsAndTheCgroupsUseIsShownAgainstItsLimit() {
        let (lines, help) = limitedCPUs(quota: 1.5, used: 0.75)
        let header = lines.prefix(4).joined(separator: "\n")
        #expect(lines[0].hasPrefix("1["))
        #expect(lines[1].hasPrefix("3["))
        #expect(!header.contains("0[") && !header.contains("2["))
        #expect(lines[2].hasPrefix("CPU[") && lines[2].contains("0.75/1.50 CPUs (cgroup limit)]"))
        // Half the bar: 0.75 of 1.5 CPUs.
        let inner = lines[2].dropFirst(4).prefix { $0 != "]" }
        let filled = inner.filter { $0 == "|" }.count
        #expect(abs(filled - inner.count / 2) <= 1)
        #expect(help.contains { $0.contains("1.50 CPUs' worth of time on 2 of the host's 4 CPUs") })
    }

    @Test func aCpusetAloneIsALimitAndTheFirstSampleHasNoUseYet() {
        let (lines, _) = limitedCPUs(quota: nil, used: nil)
        #expect(lines[2].hasPrefix("CPU[") && lines[2].contains("-/2.00 CPUs (cgroup limit)]"))
    }

    @Test func noLimitBelowTheMachineShowsTheMachine() {
        var snapshot = SnapshotBuilder.snapshot([SnapshotBuilder.process(10)])
        // A cpuset of every CPU and a quota above the machine limit nothing.
        snapshot.system.cgroupLimits = CgroupLimits(cpuQuota: 8, effectiveCPUSet: [0])
        let state = ViewState(width: 100, height: 30)
        let lines = ViewRenderer().render(
            snapshot: snapshot, state: state, rows: DisplayTable.rows(of: snapshot, state: state)
        ).lines
        #expect(lines[0].hasPrefix("0["))
        #expect(!lines.joined().contains("cgroup limit"))
        #expect(HelpScreen.cgroupNotes(snapshot.system).isEmpty)
    }

    @Test func theHelpGivesTheHostsMemoryBesideTheLimit() {
        var snapshot = SnapshotBuilder.snapshot([SnapshotBuilder.process(10)])
        snapshot.system.cgroupLimits = CgroupLimits(memoryMax: 256 << 20, memoryCurrent: 64 << 20)
        let notes = HelpScreen.cgroupNotes(snapshot.system)
        // The fixture machine: 1 GiB, of which 768 MiB available.
        #expect(notes == ["Mem shows the cgroup's memory.max, 256M; the host has 1.0G, 256M used."])
    }
}
