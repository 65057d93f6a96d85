import Glibc

struct SpawnError: Error, CustomStringConvertible {
    var description: String
}

/// Starts processes with posix_spawn so that the test, not Foundation, owns and reaps
/// them. Every child gets /dev/null (or the given pipes) as stdio, default signal
/// dispositions and no other inherited descriptors, so a leftover child can never
/// hold a pipe of the test runner open.
enum Spawn {
    /// - Parameters:
    ///   - arguments: argv, `arguments[0]` included, as raw bytes (NUL-free).
    ///   - standardOutput, standardError: descriptors to install as 1 and 2.
    static func start(_ path: String, arguments: [[UInt8]], newProcessGroup: Bool = false,
                      standardOutput: Int32? = nil, standardError: Int32? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let standardOutput {
            posix_spawn_file_actions_adddup2(&actions, standardOutput, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        if let standardError {
            posix_spawn_file_actions_adddup2(&actions, standardError, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        if let closeFrom = LibC.addCloseFrom { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in 1..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, Int32(signal)) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        if newProcessGroup {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { bytes in
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (offset, byte) in bytes.enumerated() { copy[offset] = CChar(bitPattern: byte) }
            copy[bytes.count] = 0
            return copy
        } + [nil]
        defer { for pointer in argv { pointer?.deallocate() } }

        var pid: pid_t = 0
        let status = argv.withUnsafeBufferPointer { argvBuffer in
            posix_spawn(&pid, path, &actions, &attributes, argvBuffer.baseAddress!, environ)
        }
        guard status == 0 else {
            throw SpawnError(description: "posix_spawn \(path): \(String(cString: strerror(status)))")
        }
        return pid
    }

    static func start(_ path: String, _ arguments: [String], newProcessGroup: Bool = false) throws -> pid_t {
        try start(path, arguments: arguments.map { Array($0.utf8) }, newProcessGroup: newProcessGroup)
    }

    /// The first executable `name` in PATH (or /usr/bin, /bin).
    static func executable(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]
        return directories.map { $0 + "/" + name }.first(where: SwtopBinary.isExecutableFile)
    }

    /// SIGKILL, then reap. Safe to call for a child that has already been reaped.
    static func kill(_ pid: pid_t) {
        guard pid > 0 else { return }
        _ = Glibc.kill(pid, SIGKILL)
        _ = reap(pid)
    }

    /// Blocks until `pid` (a child of this process) ends; nil when it is not our child (any more).
    @discardableResult
    static func reap(_ pid: pid_t) -> ExitStatus? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, 0)
            if result == pid { return ExitStatus(waitStatus: status) }
            if result < 0, errno == EINTR { continue }
            return nil
        }
    }

    /// Reaps `pid` if it ends within `seconds`; nil when it is still running.
    static func reap(_ pid: pid_t, within seconds: Double) -> ExitStatus? {
        let deadline = Clock.now() + seconds
        repeat {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return ExitStatus(waitStatus: status) }
            if result < 0, errno != EINTR { return nil }
            usleep(5_000)
        } while Clock.now() < deadline
        return nil
    }
}

/// glibc functions that its Swift module does not show (they need _GNU_SOURCE).
enum LibC {
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// pipe2(2): a pipe that is close-on-exec from the start, so a process spawned
    /// by another test at the same moment cannot inherit it.
    static let pipe2: Pipe2? = symbol("pipe2")
    /// posix_spawn_file_actions_addclosefrom_np (glibc 2.34).
    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")

    private static func symbol<Function>(_ name: String) -> Function? {
        // RTLD_DEFAULT is a null handle in glibc.
        guard let address = dlsym(nil, name) else { return nil }
        return unsafeBitCast(address, to: Function.self)
    }
}

enum ExitStatus: Equatable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    init(waitStatus status: Int32) {
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros that Swift does not import.
        if status & 0x7f == 0 {
            self = .exited((status >> 8) & 0xff)
        } else {
            self = .signaled(status & 0x7f)
        }
    }

    var description: String {
        switch self {
        case let .exited(code): return "exit status \(code)"
        case let .signaled(signal): return "killed by signal \(signal)"
        }
    }
}

enum Clock {
    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Polls `condition` every 10 ms until it holds or `seconds` pass; returns its last value.
    static func wait(upTo seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = now() + seconds
        while true {
            if condition() { return true }
            if now() >= deadline { return false }
            usleep(10_000)
        }
    }
}
