import Glibc

/// Reads the disk, network, pressure and temperature meters' files, keeping the
/// previous counters that their rates need. Each is read only when asked.
final class MachineActivityReader {
    private let procFS: ProcFS
    private let reader = ProcFileReader(initialCapacity: 4096)
    private var previousDisks: (seconds: Double, counters: [String: DiskCounters])?
    private var previousInterfaces: (seconds: Double, counters: [String: InterfaceCounters])?

    init(procFS: ProcFS) {
        self.procFS = procFS
    }

    /// Whole disks only: the entries of /sys/block backed by a device (`device`
    /// link). That leaves out partitions (not in /sys/block at all) and loop, ram,
    /// zram, dm and md devices (no `device`): their I/O is already counted on the
    /// disks beneath them, or is memory.
    func disks(at seconds: Double) -> [DiskActivity] {
        let block = procFS.sysRoot + "/block"
        let whole = Set(DirectoryNames.of(block).filter { Self.exists(block + "/" + $0 + "/device") })
        let counters = (reader.withContents(ofPath: procFS.root + "/diskstats") { DiskStatsParser.parse($0) } ?? [])
            .filter { whole.contains($0.name) }
        let previous = previousDisks
        previousDisks = (seconds, Dictionary(counters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }))
        return counters.map { now in
            let before = previous?.counters[now.name]
            let interval = previous.map { seconds - $0.seconds } ?? 0
            func rate(_ counter: KeyPath<DiskCounters, UInt64>) -> Double? {
                Self.rate(before?[keyPath: counter], now[keyPath: counter], over: interval)
            }
            return DiskActivity(
                name: now.name, readBytesPerSecond: rate(\.readBytes),
                writeBytesPerSecond: rate(\.writtenBytes),
                busyPercent: rate(\.busyMilliseconds).map { min(100, $0 / 10) })
        }
    }

    /// Every interface but loopback, whose traffic never leaves the machine.
    func interfaces(at seconds: Double) -> [InterfaceActivity] {
        let counters = (reader.withContents(ofPath: procFS.root + "/net/dev") { NetDevParser.parse($0) } ?? [])
            .filter { $0.name != "lo" }
        let previous = previousInterfaces
        previousInterfaces = (
            seconds, Dictionary(counters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        )
        return counters.map { now in
            let before = previous?.counters[now.name]
            let interval = previous.map { seconds - $0.seconds } ?? 0
            return InterfaceActivity(
                name: now.name,
                receivedBytesPerSecond: Self.rate(before?.receivedBytes, now.receivedBytes, over: interval),
                transmittedBytesPerSecond: Self.rate(before?.transmittedBytes, now.transmittedBytes, over: interval))
        }
    }

    func pressure() -> MachinePressure {
        func read(_ name: String) -> ResourcePressure? {
            reader.withContents(ofPath: procFS.root + "/pressure/" + name) { PressureParser.parse($0) }
        }
        return MachinePressure(cpu: read("cpu"), io: read("io"), memory: read("memory"))
    }

    /// hwmon sensors (`tempN_input`, millidegrees), then thermal zones (`temp`).
    func temperatures() -> [TemperatureReading] {
        var readings: [TemperatureReading] = []
        let hwmon = procFS.sysRoot + "/class/hwmon"
        for chip in DirectoryNames.of(hwmon) {
            let directory = hwmon + "/" + chip
            let chipName = line(directory + "/name") ?? chip
            for input in DirectoryNames.of(directory) where input.hasPrefix("temp") && input.hasSuffix("_input") {
                guard let celsius = millidegrees(directory + "/" + input) else { continue }
                let label =
                    line(directory + "/" + input.dropLast("_input".count) + "_label")
                    ?? String(input.dropLast("_input".count))
                readings.append(TemperatureReading(label: chipName + "/" + label, celsius: celsius))
            }
        }
        let thermal = procFS.sysRoot + "/class/thermal"
        for zone in DirectoryNames.of(thermal) where zone.hasPrefix("thermal_zone") {
            guard let celsius = millidegrees(thermal + "/" + zone + "/temp") else { continue }
            readings.append(TemperatureReading(label: line(thermal + "/" + zone + "/type") ?? zone, celsius: celsius))
        }
        return readings
    }

    private func millidegrees(_ path: String) -> Double? {
        reader.withContents(ofPath: path, singleLine: true) { bytes in
            var cursor = ByteCursor(bytes)
            return cursor.signed().map { Double($0) / 1000 }
        }
    }

    /// The first line of a short sysfs text file (a sensor's name), at most 64 bytes.
    private func line(_ path: String) -> String? {
        reader.withContents(ofPath: path, singleLine: true, limit: 64) { bytes in
            let text = bytes.prefix { $0 != 0x0A }
            return text.isEmpty ? nil : String(decoding: text, as: UTF8.self)
        }
    }

    private static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Bytes (or milliseconds) per second; nil without a previous value, an
    /// interval, or when the counter stepped back (a device that was replaced).
    static func rate(_ before: UInt64?, _ now: UInt64, over seconds: Double) -> Double? {
        guard let before, seconds > 0, now >= before else { return nil }
        return Double(now - before) / seconds
    }
}
