import Glibc

/// Looks one entry up with `getent DATABASE KEY` in a child process, which uses the
/// system's own name service (LDAP, sss, systemd) without loading it into swtop.
/// The answer is the entry's colon-separated fields, or nil when there is none, when
/// getent is missing, or when it does not answer within the time limit.
///
/// swtop often runs as root with a user's environment (sudo -E, su -m): getent is
/// run from the system's own directories, never found through PATH, and gets an
/// environment of its own instead of swtop's.
enum GetentQuery {
    static let executables = ["/usr/bin/getent", "/bin/getent"]
    static let environment = ["PATH=/usr/bin:/bin", "LC_ALL=C"]

    /// A name service that hangs (an unreachable LDAP server) must not stall sampling for long.
    static let timeLimitMilliseconds: Int32 = 2_000

    static func fields(database: String, key: String) -> [String]? {
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { return nil }
        // Only the child's dup2'ed stdout should outlive exec, in any process.
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        defer { close(readEnd) }
        guard
            let child = executables.lazy.compactMap({ spawn($0, ["getent", database, "--", key], stdout: writeEnd) })
                .first
        else {
            close(writeEnd)
            return nil
        }
        close(writeEnd)
        let output = readOutput(readEnd, limit: 4096)
        if output == nil { kill(child, SIGKILL) }
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 && errno == EINTR {}
        guard let output, status == 0 else { return nil }
        let line = output.split(separator: UInt8(ascii: "\n"), maxSplits: 1).first ?? []
        let fields = line.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard fields.count >= 3 else { return nil }
        return fields.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Starts `executable` with `arguments` and the fixed environment, stdout on
    /// `descriptor`, stdin and stderr on /dev/null; nil when it cannot be started.
    private static func spawn(_ executable: String, _ arguments: [String], stdout descriptor: Int32) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, descriptor, STDOUT_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        var cArguments = arguments.map { strdup($0) }
        defer { for argument in cArguments { free(argument) } }
        cArguments.append(nil)
        var cEnvironment = environment.map { strdup($0) }
        defer { for variable in cEnvironment { free(variable) } }
        cEnvironment.append(nil)
        // The sampler thread blocks signals; the child starts with none blocked.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, cArguments, cEnvironment)
        return status == 0 ? child : nil
    }

    /// Everything the child writes until it closes stdout, or nil on timeout.
    private static func readOutput(_ descriptor: Int32, limit: Int) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        let deadline = MonotonicClock.nanoseconds() + UInt64(timeLimitMilliseconds) * 1_000_000
        while true {
            let now = MonotonicClock.nanoseconds()
            guard now < deadline, MonotonicClock.waitReadable(descriptor, forNanoseconds: deadline - now) else {
                return nil
            }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == -1 && errno == EINTR { continue }
            guard count > 0 else { return output }
            if output.count < limit { output.append(contentsOf: buffer[..<min(count, limit - output.count)]) }
        }
    }
}
