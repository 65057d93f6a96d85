import Glibc

/// Where process information comes from: a directory laid out like `/proc`,
/// plus the two kernel constants needed to turn its numbers into seconds and bytes.
///
/// Tests point `root` at a fixture tree and pin the constants so results do not
/// depend on the machine that runs them.
public struct ProcFS: Sendable {
    public let root: String
    public let clockTicksPerSecond: UInt64
    public let pageSize: UInt64
    /// Where the sysfs files the meters read live (`block/`, `class/hwmon/`,
    /// `class/thermal/`): `/sys` beside the real /proc; for any other root, its
    /// `sysfs` subdirectory, so a fixture tree carries its own.
    public var sysRoot: String { root == "/proc" ? "/sys" : root + "/sysfs" }

    public init(root: String = "/proc", clockTicksPerSecond: UInt64? = nil, pageSize: UInt64? = nil) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        self.clockTicksPerSecond = clockTicksPerSecond ?? UInt64(max(1, sysconf(Int32(_SC_CLK_TCK))))
        self.pageSize = pageSize ?? UInt64(max(1, sysconf(Int32(_SC_PAGESIZE))))
    }

    /// Checks that `root` looks like a proc filesystem before anything starts sampling,
    /// so a wrong `--proc-root` is one clear error instead of an empty screen.
    public func validate() throws(ProcFSError) {
        var info = stat()
        guard stat(root, &info) == 0 else { throw .unreadable(path: root, errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .notADirectory(path: root) }
        let statPath = root + "/stat"
        let fd = open(statPath, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw .unreadable(path: statPath, errno: errno) }
        close(fd)
    }
}

public enum ProcFSError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, errno: Int32)
    case notADirectory(path: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let code):
            return "cannot read \(path): \(String(cString: strerror(code)))"
        case .notADirectory(let path):
            return "\(path) is not a directory"
        }
    }
}
