import SwtopCore
import Testing

@testable import SwtopUI

/// The header meters a user chooses: each as a bar or text, in two columns, with
/// the table moving down when a column has more than three.
@Suite struct HeaderMetersTests {
    static var snapshot: Snapshot {
        var snapshot = ViewRenderingTests.snapshot
        snapshot.system.cpuFrequency = CPUFrequency(averageMHz: 1500, maximumMHz: 3000)
        snapshot.system.contextSwitchesPerSecond = 1234.4
        snapshot.system.interruptsPerSecond = 56_789
        snapshot.system.disks = [
            DiskUsage(mountPoint: "/home", totalBytes: 100 << 30, usedBytes: 25 << 30, availableBytes: 75 << 30),
            DiskUsage(mountPoint: "/gone", totalBytes: nil),
        ]
        return snapshot
    }

    private func lines(_ meters: [Meter], width: Int = 100) -> [String] {
        var state = ViewState(width: width, height: 30)
        state.preferences.meters = meters
        let rows = DisplayTable.rows(of: Self.snapshot, state: state)
        return ViewRenderer().render(snapshot: Self.snapshot, state: state, rows: rows).lines
    }

    @Test func barsAndTextInTwoColumns() {
        let lines = lines([
            Meter(.memory, .text, .left), Meter(.cpuFrequency, .bar, .left), Meter(.disk("/home"), .bar, .left),
            Meter(.disk("/home"), .text, .left),
            Meter(.contextSwitches, .text, .right), Meter(.interrupts, .text, .right),
            Meter(.cpuFrequency, .text, .right),
            Meter(.disk("/gone"), .text, .right),
        ])
        #expect(lines[1] == "Mem: 256M/1.0G, buffers 16.0M, cache 128M          Context switches: 1234/s")
        #expect(lines[2] == "Frq[||||||||||||||||||||||              1500 MHz]  Interrupts: 56.8k/s")
        #expect(lines[3] == "Dsk[|||||||||||                 25.0G/100G /home]  CPU clock: 1500 MHz of 3000 MHz")
        #expect(lines[4] == "Disk /home: 25.0G/100G (25%)                       Disk /gone: -")
        // Four meter rows: the table starts one row lower than with the defaults.
        #expect(lines[5].hasPrefix("    PID USER"))
    }

    /// What a made-up /proc tree can say: cpu10 listed before cpu2, MemTotal 0 with
    /// Buffers and Cached of 16 EiB. The labels line up, the bars stay inside.
    @Test func fabricatedCPUsAndMemoryStayInTheirBars() {
        var snapshot = Self.snapshot
        let cpu = snapshot.system.cpus[0]
        snapshot.system.cpus = [
            CPUUsage(id: 10, ticks: cpu.ticks, percentages: cpu.percentages),
            CPUUsage(id: 2, ticks: cpu.ticks, percentages: cpu.percentages),
        ]
        snapshot.system.memory.total = 0
        snapshot.system.memory.buffers = .max
        snapshot.system.memory.cached = .max
        var state = ViewState(width: 60, height: 20)
        state.preferences.meters = [Meter(.memory, .bar, .left)]
        let lines = ViewRenderer().render(
            snapshot: snapshot, state: state, rows: DisplayTable.rows(of: snapshot, state: state)
        ).lines
        #expect(lines[0].hasPrefix("10[") && lines[1].hasPrefix(" 2["), "\(lines)")
        // Nothing is used of nothing: an empty bar, not one past its end.
        #expect(lines[2] == "Mem[                   0K/0K]", "\(lines)")
    }

    @Test func defaultsAreHtopsHeader() {
        let lines = lines(Meter.defaults, width: 80)
        #expect(lines[1].hasPrefix("Mem[") && lines[1].contains("Tasks: 5"))
        #expect(lines[2].hasPrefix("Swp[") && lines[2].contains("Load average: 0.50"))
        #expect(lines[3].contains("Uptime: 1 day, 01:01:01"))
        #expect(lines[4].hasPrefix("    PID USER"))
    }

    @Test func noMetersLeavesOnlyTheCPUs() {
        let lines = lines([])
        #expect(lines[0].hasPrefix("0["))
        #expect(lines[1].hasPrefix("    PID USER"))
    }

    @Test func aLongTextMeterStaysInItsColumn() {
        let lines = lines(
            [
                Meter(.disk("/a/very/long/mount/point/that/goes/on/and/on"), .text, .left),
                Meter(.uptime, .text, .right),
            ],
            width: 60)
        #expect(lines[1] == "Disk /a/very/long/mount/point  Uptime: 1 day, 01:01:01")
    }

    /// A mount whose statvfs has not answered for a while: said, not shown as numbers.
    @Test func aStalledDiskSaysSo() {
        var snapshot = Self.snapshot
        var stalled = DiskUsage(mountPoint: "/nfs", totalBytes: 10 << 30, usedBytes: 1 << 30, availableBytes: 9 << 30)
        stalled.isStalled = true
        snapshot.system.disks = [stalled]
        var state = ViewState(width: 100, height: 30)
        state.preferences.meters = [Meter(.disk("/nfs"), .bar, .left), Meter(.disk("/nfs"), .text, .right)]
        let lines = ViewRenderer().render(
            snapshot: snapshot, state: state, rows: DisplayTable.rows(of: snapshot, state: state)
        ).lines
        #expect(lines[1] == "Disk /nfs: not responding                          Disk /nfs: not responding")
    }

    /// Processes kept from the last sample for want of descriptors are counted in the Tasks meter.
    @Test func processesNotRefreshedAreCounted() {
        var snapshot = Self.snapshot
        snapshot.tasks.notRefreshed = 4
        var state = ViewState(width: 120, height: 30)
        state.preferences.meters = [Meter(.tasks, .text, .left)]
        let lines = ViewRenderer().render(
            snapshot: snapshot, state: state, rows: DisplayTable.rows(of: snapshot, state: state)
        ).lines
        #expect(lines[1].hasPrefix("Tasks: 5, 4 not refreshed (out of fds); 0 running"), "\(lines[1])")
    }
}
