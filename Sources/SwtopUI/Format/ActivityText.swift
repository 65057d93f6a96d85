import SwtopCore

/// The disk, network, pressure and temperature meters as text, shared by the
/// header meters and the `--batch` header. A rate not known yet (first sample) is `-`;
/// a machine without PSI says `n/a`.
public enum ActivityText {
    public static func rate(_ bytesPerSecond: Double?) -> String {
        bytesPerSecond.map { Units.compactSize(UInt64(max(0, $0).rounded())) + "/s" } ?? "-"
    }

    /// `read 1.2M/s, write 16.0M/s; busiest vda 43%`
    public static func disks(_ disks: [DiskActivity]) -> String {
        var text = "read " + rate(disks.readBytesPerSecond) + ", write " + rate(disks.writeBytesPerSecond)
        if let busiest = disks.busiest {
            text +=
                "; busiest " + TerminalText.escape(busiest.name) + " "
                + (busiest.busyPercent.map { Units.fixed($0, fractionDigits: 0) + "%" } ?? "-")
        }
        return text
    }

    /// `0000:00:02.0 42% 512M, …` per device (busy time of its engines, its clients' memory).
    public static func gpus(_ gpus: [GPUDevice]) -> String {
        guard !gpus.isEmpty else { return "idle" }
        return gpus.map { gpu in
            TerminalText.escape(gpu.name) + " "
                + (gpu.busyPercent.map { Units.fixed($0, fractionDigits: 0) + "%" } ?? "-")
                + (gpu.memoryBytes.map { " " + Units.size($0) } ?? "")
        }.joined(separator: ", ")
    }

    /// `rx 1.2M/s, tx 40K/s`
    public static func network(_ interfaces: [InterfaceActivity]) -> String {
        "rx " + rate(interfaces.receivedBytesPerSecond) + ", tx " + rate(interfaces.transmittedBytesPerSecond)
    }

    /// `cpu 2.15/0.00 io 0.10/0.05 mem 0.00/0.00` (some/full avg10, percent).
    public static func pressure(_ pressure: MachinePressure) -> String {
        func pair(_ resource: ResourcePressure?) -> String {
            guard let resource else { return "n/a" }
            return Units.fixed(resource.some.avg10, fractionDigits: 2) + "/"
                + (resource.full.map { Units.fixed($0.avg10, fractionDigits: 2) } ?? "n/a")
        }
        return "cpu " + pair(pressure.cpu) + " io " + pair(pressure.io) + " mem " + pair(pressure.memory)
    }

    /// `coretemp/Package id 0 52.0°C, acpitz 40.0°C`; `none` without sensors.
    public static func temperatures(_ readings: [TemperatureReading]) -> String {
        readings.isEmpty
            ? "none"
            : readings.map { TerminalText.escape($0.label) + " " + Units.fixed($0.celsius, fractionDigits: 1) + "C" }
                .joined(separator: ", ")
    }
}
