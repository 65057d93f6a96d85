import Glibc

/// Reads what only some header meters need, and only while they are shown: the
/// CPU clock (`/proc/cpuinfo` is costly on machines with many CPUs) and file
/// system usage (a statvfs per mount point).
final class MeterReader {
    private let procFS: ProcFS
    private let reader = ProcFileReader(initialCapacity: 4096)
    /// The highest clock does not change while running: read once.
    private lazy var maximumMHz: Double? = readMaximumMHz()
    private lazy var disks = DiskUsageProbe(query: Self.diskUsage)

    init(procFS: ProcFS) {
        self.procFS = procFS
    }

    func cpuFrequency() -> CPUFrequency? {
        let average = reader.withContents(ofPath: procFS.root + "/cpuinfo") { CPUInfoParser.averageMHz($0) }
        return average.map { CPUFrequency(averageMHz: $0, maximumMHz: maximumMHz) }
    }

    /// cpufreq's limit of CPU 0, in kHz; only on the real /proc (a fixture root has no /sys beside it).
    private func readMaximumMHz() -> Double? {
        guard procFS.root == "/proc" else { return nil }
        let kHz = reader.withContents(ofPath: "/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", singleLine: true)
        { bytes in
            var cursor = ByteCursor(bytes)
            return cursor.unsigned()
        }
        return kHz.flatMap { $0 > 0 ? Double($0) / 1000 : nil }
    }

    /// Usage of each of `mounts`; a mount whose statvfs does not return does not hold the caller.
    func diskUsage(of mounts: [String]) -> [DiskUsage] {
        mounts.isEmpty ? [] : disks.usage(of: mounts)
    }

    @Sendable static func diskUsage(of mountPoint: String) -> DiskUsage {
        var info = statvfs()
        guard statvfs(mountPoint, &info) == 0 else { return DiskUsage(mountPoint: mountPoint, totalBytes: nil) }
        let unit = UInt64(info.f_frsize)
        let total = UInt64(info.f_blocks) &* unit
        let free = UInt64(info.f_bfree) &* unit
        return DiskUsage(
            mountPoint: mountPoint, totalBytes: total, usedBytes: total &- min(total, free),
            availableBytes: UInt64(info.f_bavail) &* unit)
    }
}
