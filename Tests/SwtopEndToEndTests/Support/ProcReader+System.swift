import Glibc

/// What only the tests read: the system as a whole, and the user database.
extension ProcReader {
    static let onlineCPUs = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))

    static func userName(of uid: UInt32) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16384)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return String(cString: entry.pw_name)
    }

    static func uid(ofUser name: String) -> UInt32? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16384)
        guard getpwnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return entry.pw_uid
    }

    /// Clock ticks since boot, now: comparable with a process's start time.
    static func uptimeTicks() -> UInt64? {
        guard let text = text("/proc/uptime"), let seconds = Double(text.split(separator: " ").first ?? "") else {
            return nil
        }
        return UInt64(seconds * Double(clockTicksPerSecond))
    }

    /// All ticks of the `cpu` line of /proc/stat (user … steal), as the README's "What the numbers mean" counts them.
    static func totalCPUTicks() -> UInt64? {
        guard let line = text("/proc/stat")?.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else {
            return nil
        }
        let values = line.split(separator: " ").dropFirst().prefix(8).compactMap { UInt64($0) }
        return values.count == 8 ? values.reduce(0, +) : nil
    }
}
