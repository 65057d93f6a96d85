import Glibc

/// A failure of the monitors mode that ends one step, as one line for stderr.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs the helper programs of the monitors mode (tmux, `--version` probes) with
/// posix_spawn, and always reaps them.
///
/// Each child starts clean: stdin and stderr on /dev/null, default signal
/// dispositions, nothing blocked (the bench holds its cleanup signals back while a
/// monitor runs, and a mask survives exec), no descriptor of the bench beyond the
/// ones given. It also gets a process group of its own, so that a Ctrl-C meant
/// for the bench cannot cut a `tmux kill-server` short: the bench tidies up itself.
enum Subprocess {
    struct Finished {
        /// What it wrote on stdout.
        var output: String
        /// Exited with status 0.
        var succeeded: Bool
    }

    /// Runs `path` with `arguments` (argv[0] included) to the end. A program still
    /// running after `timeout` seconds is killed and reported as an error.
    static func run(_ path: String, _ arguments: [String], timeout: Double = 5) throws(BenchError) -> Finished {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw BenchError("cannot create a pipe: \(errorText(errno))") }
        // Close-on-exec, so the child holds only its dup2'd copy and EOF comes when it exits.
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let pid: pid_t
        do {
            pid = try start(path, arguments, standardOutput: ends[1])
        } catch {
            close(ends[0])
            close(ends[1])
            throw error
        }
        close(ends[1])
        defer { close(ends[0]) }

        let deadline = MonotonicClock.seconds() + timeout
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let remaining = deadline - MonotonicClock.seconds()
            guard remaining > 0 else { break }
            var request = pollfd(fd: ends[0], events: Int16(POLLIN), revents: 0)
            let polled = poll(&request, 1, Int32(min(remaining * 1000 + 1, 60_000)))
            if polled < 0, errno != EINTR { break }
            guard polled > 0 else { continue }
            let count = read(ends[0], &buffer, buffer.count)
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else { break }
            output += buffer[..<count]
        }
        guard let status = reap(pid, until: deadline) else {
            kill(pid, SIGKILL)
            _ = reap(pid, until: .infinity)
            throw BenchError("\(name(of: path)) did not finish within \(Int(timeout)) s")
        }
        return Finished(output: String(decoding: output, as: UTF8.self), succeeded: status == 0)
    }

    /// The first line `path arguments` prints, or nil when it fails or prints nothing.
    static func firstLine(_ path: String, _ arguments: [String]) -> String? {
        guard let finished = try? run(path, arguments), finished.succeeded else { return nil }
        return finished.output.split(separator: "\n").first.map(String.init)
    }

    /// The first executable file `name` in PATH, or in the usual system directories.
    static func executable(named name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin", "/bin"]
        return directories.lazy.map { $0 + "/" + name }.first(where: isExecutableFile)
    }

    static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }

    private static func start(_ path: String, _ arguments: [String], standardOutput: Int32) throws(BenchError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, standardOutput, STDOUT_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        // The bench's own descriptors are close-on-exec; this also drops any it
        // inherited, which a detached tmux server would otherwise hold open for good.
        if let closeFrom = LibC.addCloseFrom { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in 1..<32 where number != SIGKILL && number != SIGSTOP { sigaddset(&defaults, Int32(number)) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        guard !argv.dropLast().contains(where: { $0 == nil }) else { throw BenchError("out of memory") }

        var pid: pid_t = 0
        let status = argv.withUnsafeBufferPointer { pointers in
            // Never nil: argv holds at least its terminating nil.
            guard let base = pointers.baseAddress else { return EINVAL }
            return posix_spawn(&pid, path, &actions, &attributes, base, environ)
        }
        guard status == 0 else { throw BenchError("cannot start \(path): \(errorText(status))") }
        return pid
    }

    /// The wait status of `pid` once it has exited, or nil if it is still running at
    /// `deadline` (monotonic seconds; `.infinity` waits for good).
    private static func reap(_ pid: pid_t, until deadline: Double) -> Int32? {
        var status: Int32 = 0
        while true {
            let flags = deadline.isInfinite ? 0 : WNOHANG
            let result = waitpid(pid, &status, flags)
            if result == pid { return status }
            if result < 0, errno != EINTR { return -1 }
            if result == 0 {
                guard MonotonicClock.seconds() < deadline else { return nil }
                // A helper has usually closed stdout just before it exits: short naps.
                usleep(200)
            }
        }
    }

    private static func name(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

func errorText(_ code: Int32) -> String {
    String(cString: strerror(code))
}

/// glibc functions that the Swift Glibc module does not show (they are variadic,
/// or need _GNU_SOURCE), looked up at run time so that an older libc still works.
enum LibC {
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias SetOption = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32

    /// posix_spawn_file_actions_addclosefrom_np (glibc 2.34).
    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    /// prctl(2). Declared variadic in C; its arguments are all integers, which
    /// the calling conventions pass alike either way.
    static let prctl: SetOption? = symbol("prctl")

    private static func symbol<Function>(_ name: String) -> Function? {
        // RTLD_DEFAULT is a null handle in glibc.
        guard let address = dlsym(nil, name) else { return nil }
        return unsafeBitCast(address, to: Function.self)
    }
}
