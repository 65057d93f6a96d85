import Glibc

/// Starts processes with posix_spawn, so that the caller, not Foundation, owns and
/// reaps them (see `Spawn+Reaping`).
///
/// Every child starts clean: stdin on /dev/null, stdout and stderr on /dev/null or
/// the descriptors given, default signal dispositions, nothing blocked (a caller
/// may hold signals back while it runs children, and a mask survives exec), and no
/// other descriptor of the caller, so that a leftover child (a detached tmux server)
/// can never hold a pipe of the caller open.
public enum Spawn {
    /// - Parameters:
    ///   - arguments: argv, `arguments[0]` included, as raw bytes (NUL-free).
    ///   - newProcessGroup: a process group of its own, so that a Ctrl-C meant for
    ///     the caller does not reach it (it cannot cut a cleanup command short).
    ///   - standardOutput, standardError: descriptors to install as 1 and 2.
    public static func start(
        _ path: String, arguments: [[UInt8]], newProcessGroup: Bool = false,
        standardOutput: Int32? = nil, standardError: Int32? = nil
    ) throws(SpawnError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        if let standardOutput {
            posix_spawn_file_actions_adddup2(&actions, standardOutput, STDOUT_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        }
        if let standardError {
            posix_spawn_file_actions_adddup2(&actions, standardError, STDERR_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        }
        // The caller's own descriptors should be close-on-exec; this also drops any it
        // inherited, which a detached tmux server would otherwise hold open for good.
        if let closeFrom = LibC.addCloseFrom { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in 1..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, Int32(signal)) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        var flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        if newProcessGroup {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv: [UnsafeMutablePointer<CChar>?] =
            arguments.map { bytes in
                let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
                for (offset, byte) in bytes.enumerated() { copy[offset] = CChar(bitPattern: byte) }
                copy[bytes.count] = 0
                return copy
            } + [nil]
        defer { for pointer in argv { pointer?.deallocate() } }

        var pid: pid_t = 0
        let status = argv.withUnsafeBufferPointer { pointers in
            // Never nil: argv holds at least its terminating nil.
            guard let base = pointers.baseAddress else { return EINVAL }
            return posix_spawn(&pid, path, &actions, &attributes, base, environ)
        }
        guard status == 0 else { throw SpawnError("posix_spawn \(path): \(LibC.errorText(status))") }
        return pid
    }

    /// The same with argv as strings.
    public static func start(
        _ path: String, _ arguments: [String], newProcessGroup: Bool = false,
        standardOutput: Int32? = nil, standardError: Int32? = nil
    ) throws(SpawnError) -> pid_t {
        try start(
            path, arguments: arguments.map { Array($0.utf8) }, newProcessGroup: newProcessGroup,
            standardOutput: standardOutput, standardError: standardError)
    }

    /// The first executable file `name` in PATH, or in the usual system directories.
    public static func executable(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? ""
        let directories =
            path.split(separator: ":").map(String.init)
            + ["/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"]
        return directories.lazy.map { $0 + "/" + name }.first(where: isExecutableFile)
    }

    /// A regular file this process may execute.
    public static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }
}
