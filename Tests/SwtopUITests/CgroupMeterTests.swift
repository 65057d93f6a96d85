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
}
