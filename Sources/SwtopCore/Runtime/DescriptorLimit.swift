import Glibc

/// The file descriptors swtop needs to run at all, checked before anything opens one:
/// with too few, a pipe could not be made (a crash) or every /proc read would fail
/// (an empty screen that looks like a machine without processes).
public enum DescriptorLimit {
    /// What one run holds at most, with room to spare: stdin, stdout, stderr; the
    /// signal pipe and the sampler's three pipes (8); while scanning the proc root,
    /// a PID directory, its task directory and one file (4); the UI thread's reads,
    /// the terminfo file, the config file and its directory, a getent child's pipe
    /// (about 8). 32 leaves a margin for the C library's own.
    public static let minimum = 32

    /// Raises the soft limit to `minimum` when it is lower and the hard limit allows;
    /// throws the one-line reason when it stays lower.
    public static func ensureMinimum() throws(DescriptorLimitError) {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0 else { return } // cannot tell: let the run find out
        let wanted = rlim_t(minimum)
        guard limit.rlim_cur < wanted else { return } // RLIM_INFINITY is the largest value
        if limit.rlim_max >= wanted {
            var raised = limit
            raised.rlim_cur = wanted
            if setrlimit(resource, &raised) == 0 { return }
        }
        throw DescriptorLimitError(limit: Int(clamping: limit.rlim_cur))
    }
}

public struct DescriptorLimitError: Error, CustomStringConvertible {
    public let limit: Int

    public var description: String {
        "too few file descriptors: the limit is \(limit), swtop needs at least \(DescriptorLimit.minimum) (ulimit -n)"
    }
}
