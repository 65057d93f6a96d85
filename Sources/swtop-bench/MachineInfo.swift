import Glibc

/// Facts about the machine and the bench itself that make a table reproducible.
enum MachineInfo {
    static var onlineCPUs: Int { sysconf(Int32(_SC_NPROCESSORS_ONLN)) }

    /// Kernel release, as `uname -r` prints it.
    static var kernelRelease: String {
        var names = utsname()
        guard uname(&names) == 0 else { return "unknown" }
        return withUnsafeBytes(of: &names.release) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// Local date and time, e.g. "2025-06-01 14:03 CEST".
    static var now: String {
        var seconds = time(nil)
        var local = tm()
        guard localtime_r(&seconds, &local) != nil else { return "unknown date" }
        var text = [CChar](repeating: 0, count: 64)
        let length = strftime(&text, text.count, "%Y-%m-%d %H:%M %Z", &local)
        return String(decoding: text.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// UTC date and time, e.g. "2025-06-01 12:03 UTC": a table shared across time
    /// zones should not need its reader to know where it was made.
    static var nowUTC: String {
        var seconds = time(nil)
        var utc = tm()
        guard gmtime_r(&seconds, &utc) != nil else { return "unknown date" }
        var text = [CChar](repeating: 0, count: 64)
        let length = strftime(&text, text.count, "%Y-%m-%d %H:%M UTC", &utc)
        return String(decoding: text.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// VmHWM of this process: the most memory it has held resident since it started.
    static func peakResidentBytes(procRoot: String) -> UInt64? {
        peakResidentBytes(statusFile: procRoot + "/self/status")
    }

    /// VmHWM from a `/proc/PID/status` file, or nil when it is gone or has none
    /// (a zombie's status has no memory lines).
    static func peakResidentBytes(statusFile path: String) -> UInt64? {
        guard let file = fopen(path, "re") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix("VmHWM:") else { continue }
            // "VmHWM:\t    5120 kB"
            let kilobytes = text.dropFirst("VmHWM:".count)
                .split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { UInt64($0) }
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }
}
