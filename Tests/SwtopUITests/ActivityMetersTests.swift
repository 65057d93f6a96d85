import SwtopCore
import Testing

@testable import SwtopUI

/// The disk I/O, network, pressure and temperature meters as text.
@Suite struct ActivityMetersTests {
    private func lines(_ system: (inout SystemState) -> Void) -> [String] {
        var snapshot = ViewRenderingTests.snapshot
        system(&snapshot.system)
        var state = ViewState(width: 120, height: 30)
        state.preferences.meters = [
            Meter(.diskIO, .text, .left), Meter(.networkIO, .text, .left),
            Meter(.pressure, .text, .right), Meter(.temperature, .text, .right),
        ]
        let rows = DisplayTable.rows(of: snapshot, state: state)
        return ViewRenderer().render(snapshot: snapshot, state: state, rows: rows).lines
    }

    @Test func ratesBusiestDiskPressureAndSensors() {
        let shown = lines { system in
            system.diskActivity = [
                DiskActivity(
                    name: "sda", readBytesPerSecond: 1_048_576, writeBytesPerSecond: 16_777_216, busyPercent: 43),
                DiskActivity(name: "nvme0n1", readBytesPerSecond: 0, writeBytesPerSecond: 0, busyPercent: 1),
            ]
            system.networkActivity = [
                InterfaceActivity(name: "eth0", receivedBytesPerSecond: 2048, transmittedBytesPerSecond: 524_288)
            ]
            system.pressure = MachinePressure(
                cpu: ResourcePressure(some: PressureAverages(avg10: 2.15, avg60: 0, avg300: 0), full: nil),
                io: ResourcePressure(
                    some: PressureAverages(avg10: 0.5, avg60: 0, avg300: 0),
                    full: PressureAverages(avg10: 0.25, avg60: 0, avg300: 0)))
            system.temperatures = [TemperatureReading(label: "coretemp/Core 0", celsius: 52)]
        }
        let text = lines { _ in }.joined(separator: "\n")
        #expect(text.contains("Disk IO: -") && text.contains("PSI: n/a"), "first sample, no PSI: \(text)")
        let header = shown[1...2].joined(separator: "\n")
        #expect(header.contains("Disk IO: read 1.0M/s, write 16.0M/s; busiest sda 43%"), "\(header)")
        #expect(header.contains("Network: rx 2K/s, tx 512K/s"), "\(header)")
        #expect(header.contains("PSI: cpu 2.15/n/a io 0.50/0.25 mem n/a"), "\(header)")
        #expect(header.contains("Temp: coretemp/Core 0 52.0C"), "\(header)")
    }

    @Test func eachMeterAsksTheSamplerForItsFileOnly() {
        var state = ViewState()
        #expect(
            !state.scanOptions.readsDiskActivity && !state.scanOptions.readsPressure, "the default header reads none")
        state.preferences.meters = [Meter(.pressure, .text, .left)]
        let options = state.scanOptions
        #expect(
            options.readsPressure && !options.readsDiskActivity && !options.readsNetworkActivity
                && !options.readsTemperatures)
    }
}
