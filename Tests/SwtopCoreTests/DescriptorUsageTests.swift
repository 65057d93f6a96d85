import Foundation
import Testing

@testable import SwtopCore

/// NET RX/s, NET TX/s and GPU% through a fixture tree's `fd` links and fdinfo
/// files, with the TCP socket table given by the test.
@Suite struct DescriptorUsageTests {
    private func link(_ fixture: FixtureProc, _ path: String, to target: String) throws {
        let url = fixture.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    /// PID 100 holds TCP sockets 11 and 13, a UNIX socket (12) and a render node;
    /// PID 200 holds 11 too, and 14; PID 300's descriptors cannot be listed.
    private func fixture() throws -> FixtureProc {
        let fixture = try FixtureProc()
        for pid: Int32 in [100, 200, 300] { try fixture.addProcess(pid: pid) }
        try link(fixture, "100/fd/3", to: "socket:[11]")
        try link(fixture, "100/fd/4", to: "socket:[12]")
        try link(fixture, "100/fd/5", to: "socket:[13]")
        try link(fixture, "100/fd/6", to: "/dev/dri/renderD128")
        try link(fixture, "100/fd/7", to: "/home/user/notes.txt")
        try link(fixture, "200/fd/3", to: "socket:[11]")
        try link(fixture, "200/fd/9", to: "socket:[14]")
        return fixture
    }

    private func gpuClient(_ fixture: FixtureProc, renderNanoseconds: UInt64) throws {
        try fixture.write(
            "100/fdinfo/6", DRMFdinfoTests.fdinfo(client: 7, renderNanoseconds: renderNanoseconds, memoryKiB: 2048))
    }

    private func processes(_ fixture: FixtureProc) -> [ProcessEntry] {
        ProcessScanner(procFS: fixture.procFS, options: ScanOptions()).scan(previous: [])
    }

    @Test func ratesComeFromEachSocketOnceForItsFirstOwner() throws {
        let fixture = try fixture()
        nonisolated(unsafe) var table: [UInt32: TCPCounters] = [
            11: TCPCounters(receivedBytes: 1000, sentBytes: 50),
            13: TCPCounters(receivedBytes: 0, sentBytes: 0),
            14: TCPCounters(receivedBytes: 10, sentBytes: 10),
        ]
        let reader = DescriptorUsageReader(procFS: fixture.procFS, socketTable: { table })
        var first = processes(fixture)
        _ = reader.annotate(&first, network: true, gpu: false, monotonicSeconds: 10)
        // The first pass has nothing to compare with: no rate, not 0.
        #expect(first.allSatisfy { $0.networkRates == nil })

        table[11] = TCPCounters(receivedBytes: 11000, sentBytes: 2050)
        table[13] = TCPCounters(receivedBytes: 500, sentBytes: 0)
        table[14] = TCPCounters(receivedBytes: 4010, sentBytes: 10)
        // A socket opened since the last pass counts from its start.
        try link(fixture, "200/fd/10", to: "socket:[15]")
        table[15] = TCPCounters(receivedBytes: 600, sentBytes: 0)
        var second = processes(fixture)
        _ = reader.annotate(&second, network: true, gpu: false, monotonicSeconds: 12)
        let byPID = Dictionary(uniqueKeysWithValues: second.map { ($0.pid, $0) })
        // Over 2 s: socket 11 (+10000/+2000) and 13 (+500) belong to PID 100.
        let owner = try #require(byPID[100]?.networkRates)
        #expect(owner.receivePerSecond == 5250)
        #expect(owner.sendPerSecond == 1000)
        // PID 200 also holds 11 but is not charged again: only 14 and the new 15.
        let sharer = try #require(byPID[200]?.networkRates)
        #expect(sharer.receivePerSecond == 2300)
        #expect(sharer.sendPerSecond == 0)
        // No fd directory (another user's process): unknown, never 0.
        #expect(byPID[300]?.networkRates == nil)
    }

    @Test func aProcessInAnotherNetworkNamespaceHasNoRate() throws {
        let fixture = try fixture()
        try link(fixture, "self/ns/net", to: "net:[4026531840]")
        try link(fixture, "100/ns/net", to: "net:[4026531840]")
        try link(fixture, "200/ns/net", to: "net:[4026532999]")
        let table: [UInt32: TCPCounters] = [11: TCPCounters(receivedBytes: 5, sentBytes: 5)]
        let reader = DescriptorUsageReader(procFS: fixture.procFS, socketTable: { table })
        var entries = processes(fixture)
        _ = reader.annotate(&entries, network: true, gpu: false, monotonicSeconds: 1)
        entries = processes(fixture)
        _ = reader.annotate(&entries, network: true, gpu: false, monotonicSeconds: 2)
        let byPID = Dictionary(uniqueKeysWithValues: entries.map { ($0.pid, $0) })
        #expect(byPID[100]?.networkRates == NetworkRates(receivePerSecond: 0, sendPerSecond: 0))
        #expect(byPID[200]?.networkRates == nil)
    }

    @Test func anEngineCounterGrowingByHalfASecondEachSecondIsFiftyPercent() throws {
        let fixture = try fixture()
        try gpuClient(fixture, renderNanoseconds: 1_000_000_000)
        let reader = DescriptorUsageReader(procFS: fixture.procFS, socketTable: { nil })
        var first = processes(fixture)
        let before = try #require(reader.annotate(&first, network: false, gpu: true, monotonicSeconds: 5))
        #expect(before.map(\.busyPercent) == [nil])
        try gpuClient(fixture, renderNanoseconds: 1_500_000_000)
        var second = processes(fixture)
        let devices = try #require(reader.annotate(&second, network: false, gpu: true, monotonicSeconds: 6))
        let use = try #require(second.first { $0.pid == 100 }?.gpuUse)
        let percent = try #require(use.percent)
        #expect(abs(percent - 50) < 1e-9)
        // 2048 KiB of system memory and 1 MiB stolen.
        #expect(use.memoryBytes == 3 << 20)
        #expect(devices.count == 1)
        let device = try #require(devices.first)
        #expect(device.name == "0000:00:02.0")
        #expect(device.clients == 1)
        let busy = try #require(device.busyPercent)
        #expect(abs(busy - 50) < 1e-9)
        // A process without DRM clients used none of it.
        let idle = try #require(second.first { $0.pid == 200 }?.gpuUse)
        #expect(idle.percent == 0)
        #expect(second.first { $0.pid == 300 }?.gpuUse == nil)
    }

    @Test func drmDevicesAreCardAndRenderNodesOnly() throws {
        let fixture = try FixtureProc()
        #expect(!DRMDevices.exist(in: fixture.procFS))
        try fixture.write("sysfs/class/drm/card0-HDMI-A-1/status", "disconnected\n")
        try fixture.write("sysfs/class/drm/version", "drm 1.1.0\n")
        #expect(!DRMDevices.exist(in: fixture.procFS))
        try fixture.write("sysfs/class/drm/renderD128/dev", "226:128\n")
        #expect(DRMDevices.exist(in: fixture.procFS))
    }

    @Test func socketLinksAreReadStrictly() {
        func inode(_ text: String) -> UInt32? {
            Array(text.utf8).withUnsafeBytes { DescriptorUsageReader.socketInode($0) }
        }
        #expect(inode("socket:[4294967296]") == nil) // beyond 32 bits: no inet_diag inode
        #expect(inode("socket:[12345]") == 12345)
        #expect(inode("socket:[12a]") == nil)
        #expect(inode("socket:[12") == nil)
        #expect(inode("pipe:[12]") == nil)
    }
}
