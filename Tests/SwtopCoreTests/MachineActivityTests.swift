import Foundation
import Testing

@testable import SwtopCore

@Suite struct MachineActivityParserTests {
    static let diskstats = """
           8       0 sda 1204 7 98310 370 40 3 2376 61 0 512 432 0 0 0 0 0 0
           8       1 sda1 1100 7 90000 300 40 3 2376 61 0 500 400 0 0 0 0 0 0
         259       0 nvme0n1 10 0 2048 5 20 0 4096 9 1 30 14
           7       0 loop0 50 0 800 1 0 0 0 0 0 4 1 0 0 0 0 0 0
         253       0 dm-0 1100 0 90000 300 43 0 2376 80 0 520 380 0 0 0 0 0 0

        """

    @Test func diskstatsGivesBytesFromSectorsAndBusyTime() throws {
        let disks = parsing(Self.diskstats, DiskStatsParser.parse)
        #expect(disks.map(\.name) == ["sda", "sda1", "nvme0n1", "loop0", "dm-0"])
        // Sectors are 512 bytes in diskstats; io_ticks is the 10th counter.
        #expect(
            disks[0]
                == DiskCounters(name: "sda", readBytes: 98310 * 512, writtenBytes: 2376 * 512, busyMilliseconds: 512))
        // A kernel before 4.18 writes only the first 11 counters: still read.
        #expect(
            disks[2]
                == DiskCounters(name: "nvme0n1", readBytes: 2048 * 512, writtenBytes: 4096 * 512, busyMilliseconds: 30))
    }

    @Test func cutLinesDoNotBorrowFromTheNext() throws {
        #expect(
            parsing("   8 0 sda 1 2 3 4 5\n   8 16 sdb 1 2 3 4 5 6 7 8 9 10\n", DiskStatsParser.parse).map(\.name) == [
                "sdb"
            ])
        #expect(parsing("", DiskStatsParser.parse).isEmpty)
        let netDev = "h\nh\n  eth0: 1 2 3\n  eth1: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n"
        #expect(
            parsing(netDev, NetDevParser.parse) == [
                InterfaceCounters(name: "eth1", receivedBytes: 1, transmittedBytes: 9)
            ])
        let pressure = try #require(
            parsing("full avg10=\n1 avg60=2 avg300=3\nsome avg10=1 avg60=2 avg300=4\n", PressureParser.parse))
        #expect(pressure.some.avg300 == 4)
        let noFull = pressure.full == nil
        #expect(noFull)
    }

    static let netDev = """
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo: 9876543   1000    0    0    0     0          0         0  9876543    1000    0    0    0     0       0          0
          eth0: 123456789  90000    0    5    0     0          0        12 98765432  70000    0    0    0     0       0          0
        wlan0:1500 3 0 0 0 0 0 0 2500 4 0 0 0 0 0 0

        """

    @Test func netDevGivesReceivedAndTransmittedBytesPerInterface() {
        #expect(
            parsing(Self.netDev, NetDevParser.parse) == [
                InterfaceCounters(name: "lo", receivedBytes: 9_876_543, transmittedBytes: 9_876_543),
                InterfaceCounters(name: "eth0", receivedBytes: 123_456_789, transmittedBytes: 98_765_432),
                InterfaceCounters(name: "wlan0", receivedBytes: 1500, transmittedBytes: 2500),
            ])
    }

    @Test func pressureReadsSomeAndFull() throws {
        let text =
            "some avg10=2.15 avg60=12.60 avg300=9.03 total=6781806860\nfull avg10=0.50 avg60=0.25 avg300=0.01 total=12\n"
        let pressure = try #require(parsing(text, PressureParser.parse))
        #expect(pressure.some == PressureAverages(avg10: 2.15, avg60: 12.60, avg300: 9.03))
        let full = try #require(pressure.full)
        #expect(full == PressureAverages(avg10: 0.50, avg60: 0.25, avg300: 0.01))
    }

    @Test func pressureWithoutFullLineAndGarbage() throws {
        let cpuBefore513 = try #require(
            parsing("some avg10=1.00 avg60=2.00 avg300=3.00 total=5\n", PressureParser.parse))
        let noFull = cpuBefore513.full == nil
        let emptyRejected = parsing("", PressureParser.parse) == nil
        let garbageRejected = parsing("some avg10=x\n", PressureParser.parse) == nil
        #expect(noFull && emptyRejected && garbageRejected)
    }
}

@Suite struct MachineActivityReaderTests {
    /// A fixture with two whole disks (sda, nvme0n1), a partition, a loop and a dm device.
    func fixture(diskstats: String) throws -> FixtureProc {
        let proc = try FixtureProc()
        try proc.write("diskstats", diskstats)
        try proc.write("sysfs/block/sda/device", "")
        try proc.write("sysfs/block/nvme0n1/device", "")
        try proc.write("sysfs/block/loop0/size", "0\n")
        try proc.write("sysfs/block/dm-0/size", "0\n")
        return proc
    }

    @Test func diskRatesCountWholeDisksOnceOverTheInterval() throws {
        let proc = try fixture(diskstats: MachineActivityParserTests.diskstats)
        let reader = MachineActivityReader(procFS: proc.procFS)
        let first = reader.disks(at: 10)
        #expect(first.map(\.name) == ["sda", "nvme0n1"])
        #expect(first.allSatisfy { $0.readBytesPerSecond == nil && $0.busyPercent == nil }, "blank on the first sample")
        let noTotalYet = first.readBytesPerSecond == nil
        #expect(noTotalYet)
        // Two seconds later sda read 2048 more sectors (1 MiB), wrote 4096 (2 MiB), was busy 1500 ms.
        try proc.write(
            "diskstats",
            MachineActivityParserTests.diskstats
                .replacingOccurrences(
                    of: "sda 1204 7 98310 370 40 3 2376 61 0 512", with: "sda 1300 7 100358 370 90 3 6472 61 0 2012"
                )
                .replacingOccurrences(of: "sda1 1100 7 90000", with: "sda1 1100 7 92048"))
        let second = reader.disks(at: 12)
        let sda = try #require(second.first)
        let read = try #require(sda.readBytesPerSecond)
        let written = try #require(sda.writeBytesPerSecond)
        let busy = try #require(sda.busyPercent)
        #expect(read == 1024 * 1024 / 2)
        #expect(written == 2 * 1024 * 1024 / 2)
        #expect(busy == 75)
        // The partition's 1 MiB is not added again: the total is the disks' sum.
        let totalRead = try #require(second.readBytesPerSecond)
        #expect(totalRead == 512 * 1024)
        let busiest = try #require(second.busiest)
        #expect(busiest.name == "sda")
    }

    @Test func networkLeavesOutLoopbackAndRatesOnTheSecondSample() throws {
        let proc = try FixtureProc()
        try proc.write("net/dev", MachineActivityParserTests.netDev)
        let reader = MachineActivityReader(procFS: proc.procFS)
        let first = reader.interfaces(at: 1)
        #expect(first.map(\.name) == ["eth0", "wlan0"])
        let noRateYet = first.receivedBytesPerSecond == nil
        #expect(noRateYet)
        try proc.write(
            "net/dev",
            MachineActivityParserTests.netDev
                .replacingOccurrences(of: "eth0: 123456789", with: "eth0: 128456789")
                .replacingOccurrences(of: "wlan0:1500", with: "wlan0:6500"))
        let second = reader.interfaces(at: 2)
        let received = try #require(second.receivedBytesPerSecond)
        let transmitted = try #require(second.transmittedBytesPerSecond)
        #expect(received == 5_005_000)
        #expect(transmitted == 0)
    }

    @Test func counterThatStepsBackGivesNoRate() throws {
        let proc = try FixtureProc()
        try proc.write("net/dev", MachineActivityParserTests.netDev)
        let reader = MachineActivityReader(procFS: proc.procFS)
        _ = reader.interfaces(at: 1)
        try proc.write(
            "net/dev", MachineActivityParserTests.netDev.replacingOccurrences(of: "eth0: 123456789", with: "eth0: 1"))
        let eth0 = try #require(reader.interfaces(at: 2).first)
        let noRate = eth0.receivedBytesPerSecond == nil
        #expect(noRate)
    }

    @Test func pressureIsNilWithoutPSI() throws {
        let proc = try FixtureProc()
        let reader = MachineActivityReader(procFS: proc.procFS)
        let none = reader.pressure() == MachinePressure()
        #expect(none)
        try proc.write(
            "pressure/io",
            "some avg10=1.50 avg60=1.00 avg300=0.50 total=9\nfull avg10=0.75 avg60=0.50 avg300=0.25 total=3\n")
        let pressure = reader.pressure()
        let noCPU = pressure.cpu == nil
        #expect(noCPU)
        let io = try #require(pressure.io)
        #expect(io.some.avg10 == 1.5)
    }

    @Test func temperaturesFromHwmonAndThermalZones() throws {
        let proc = try FixtureProc()
        try proc.write("sysfs/class/hwmon/hwmon0/name", "coretemp\n")
        try proc.write("sysfs/class/hwmon/hwmon0/temp1_input", "52000\n")
        try proc.write("sysfs/class/hwmon/hwmon0/temp1_label", "Package id 0\n")
        try proc.write("sysfs/class/hwmon/hwmon0/temp2_input", "48500\n")
        try proc.write("sysfs/class/hwmon/hwmon1/name", "nvme\n")
        try proc.write("sysfs/class/hwmon/hwmon1/temp1_input", "-5000\n")
        try proc.write("sysfs/class/thermal/thermal_zone0/type", "acpitz\n")
        try proc.write("sysfs/class/thermal/thermal_zone0/temp", "40000\n")
        try proc.write("sysfs/class/thermal/cooling_device0/type", "Processor\n")
        let readings = MachineActivityReader(procFS: proc.procFS).temperatures()
        #expect(
            readings == [
                TemperatureReading(label: "coretemp/Package id 0", celsius: 52),
                TemperatureReading(label: "coretemp/temp2", celsius: 48.5),
                TemperatureReading(label: "nvme/temp1", celsius: -5),
                TemperatureReading(label: "acpitz", celsius: 40),
            ])
        #expect(MachineActivityReader(procFS: try FixtureProc().procFS).temperatures().isEmpty)
    }

    @Test func sampleReadsMetersOnlyWhenAsked() throws {
        let proc = try fixture(diskstats: MachineActivityParserTests.diskstats)
        try proc.write("net/dev", MachineActivityParserTests.netDev)
        try proc.write("pressure/cpu", "some avg10=1.00 avg60=2.00 avg300=3.00 total=5\n")
        let off = SnapshotReader(procFS: proc.procFS).read().system
        let nothingRead =
            off.diskActivity == nil && off.networkActivity == nil && off.pressure == nil && off.temperatures == nil
        #expect(nothingRead)
        var options = ScanOptions()
        options.readsDiskActivity = true
        options.readsNetworkActivity = true
        options.readsPressure = true
        options.readsTemperatures = true
        let on = SnapshotReader(procFS: proc.procFS, options: options).read().system
        #expect(try #require(on.diskActivity).map(\.name) == ["sda", "nvme0n1"])
        #expect(try #require(on.networkActivity).map(\.name) == ["eth0", "wlan0"])
        let cpu = try #require(on.pressure?.cpu)
        #expect(cpu.some.avg300 == 3)
        #expect(try #require(on.temperatures).isEmpty)
    }
}
