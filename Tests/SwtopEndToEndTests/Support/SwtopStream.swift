import Glibc

/// swtop running with its stdout read line by line as it comes, for runs too long
/// to hold in memory (thousands of JSON frames). stderr is collected whole.
final class SwtopStream {
    let pid: pid_t
    private let output: Int32
    private let errors: Int32
    private var pending: [UInt8] = []
    private(set) var standardError: [UInt8] = []
    private var outputOpen = true
    private var errorsOpen = true
    private var reaped: ExitStatus?

    init(_ arguments: [String]) throws {
        guard let binary = SwtopBinary.path else { throw SpawnError(description: "swtop binary not found") }
        guard let pipe2 = LibC.pipe2 else { throw SpawnError(description: "pipe2 is missing from the C library") }
        var out: [Int32] = [-1, -1]
        var err: [Int32] = [-1, -1]
        guard pipe2(&out, O_CLOEXEC) == 0 else { throw SpawnError(description: "pipe2 failed") }
        guard pipe2(&err, O_CLOEXEC) == 0 else {
            close(out[0])
            close(out[1])
            throw SpawnError(description: "pipe2 failed")
        }
        defer {
            close(out[1])
            close(err[1])
        }
        do {
            pid = try Spawn.start(
                binary, arguments: ([binary] + arguments).map { Array($0.utf8) },
                standardOutput: out[1], standardError: err[1])
        } catch {
            close(out[0])
            close(err[0])
            throw error
        }
        output = out[0]
        errors = err[0]
    }

    deinit {
        if reaped == nil { Spawn.kill(pid) }
        close(output)
        close(errors)
    }

    /// The next line of stdout without its newline; nil at the end of output or
    /// when none came within `timeout` seconds.
    func nextLine(timeout: Double) -> String? {
        let deadline = Clock.now() + timeout
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            guard outputOpen, pump(until: deadline) else { return nil }
        }
    }

    /// Waits for swtop to exit (killing it after `timeout` seconds) and returns how it ended.
    func finish(timeout: Double = 10) -> ExitStatus? {
        let deadline = Clock.now() + timeout
        while outputOpen || errorsOpen, pump(until: deadline) {}
        if reaped == nil {
            reaped = Spawn.reap(pid, within: max(0, deadline - Clock.now()))
            if reaped == nil { Spawn.kill(pid) }
        }
        return reaped
    }

    /// Reads whatever is ready on stdout or stderr; false at the deadline.
    private func pump(until deadline: Double) -> Bool {
        let remaining = deadline - Clock.now()
        guard remaining > 0 else { return false }
        var fds = [
            pollfd(fd: outputOpen ? output : -1, events: Int16(POLLIN), revents: 0),
            pollfd(fd: errorsOpen ? errors : -1, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&fds, 2, Int32(min(remaining, 1) * 1000) + 1)
        if ready < 0 { return errno == EINTR }
        var buffer = [UInt8](repeating: 0, count: 65536)
        for index in 0..<2 where fds[index].revents != 0 {
            let count = buffer.withUnsafeMutableBytes { read(fds[index].fd, $0.baseAddress!, $0.count) }
            if count > 0 {
                if index == 0 { pending += buffer[..<count] } else { standardError += buffer[..<count] }
            } else if count == 0 || errno != EINTR {
                if index == 0 { outputOpen = false } else { errorsOpen = false }
            }
        }
        return true
    }
}
