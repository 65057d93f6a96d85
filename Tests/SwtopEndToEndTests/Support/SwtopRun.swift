import Glibc

/// One finished run of the swtop binary: what it printed and how it ended.
struct SwtopRun {
    var arguments: [String]
    var status: ExitStatus
    var standardOutput: [UInt8]
    var standardError: [UInt8]
    var timedOut: Bool

    var output: String { String(decoding: standardOutput, as: UTF8.self) }
    var errorText: String { String(decoding: standardError, as: UTF8.self) }

    /// stdout split into lines (the final newline ends the last line rather than starting one).
    var outputLines: [String] {
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Runs `swtop arguments…` with stdin on /dev/null and stdout, stderr on pipes;
    /// kills it after `timeout` seconds.
    static func run(_ arguments: [String], timeout: Double = 30) throws -> SwtopRun {
        guard let binary = SwtopBinary.path else {
            throw SpawnError(
                description: "cannot find the swtop executable next to \(CommandLine.arguments.first ?? "?")")
        }
        return try run(binary, argv: [binary] + arguments, timeout: timeout, recording: arguments)
    }

    /// Runs another program that ends up running swtop (a wrapper such as `unshare`
    /// or `setpriv`), collected the same way. `recording` names the run in messages.
    static func run(_ executable: String, argv: [String], timeout: Double = 30, recording arguments: [String]) throws
        -> SwtopRun
    {
        let binary = executable
        let out = try makePipe()
        let err: (read: Int32, write: Int32)
        do { err = try makePipe() } catch {
            close(out.read)
            close(out.write)
            throw error
        }
        let pid: pid_t
        do {
            pid = try Spawn.start(
                binary, arguments: argv.map { Array($0.utf8) },
                standardOutput: out.write, standardError: err.write)
        } catch {
            for fd in [out.read, out.write, err.read, err.write] { close(fd) }
            throw error
        }
        close(out.write)
        close(err.write)
        defer {
            close(out.read)
            close(err.read)
        }

        var collected: [[UInt8]] = [[], []]
        var open = [true, true]
        var timedOut = false
        let deadline = Clock.now() + timeout
        var buffer = [UInt8](repeating: 0, count: 65536)
        while open[0] || open[1] {
            let remaining = deadline - Clock.now()
            if remaining <= 0 {
                timedOut = true
                _ = kill(pid, SIGKILL)
                break
            }
            var fds = [
                pollfd(fd: open[0] ? out.read : -1, events: Int16(POLLIN), revents: 0),
                pollfd(fd: open[1] ? err.read : -1, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, Int32(min(remaining, 1) * 1000) + 1)
            if ready < 0 && errno != EINTR { break }
            for index in 0..<2 where open[index] && fds[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(fds[index].fd, $0.baseAddress!, $0.count) }
                if count > 0 {
                    collected[index] += buffer[..<count]
                } else if count == 0 || errno != EINTR {
                    open[index] = false
                }
            }
        }
        let status = Spawn.reap(pid) ?? .signaled(0)
        return SwtopRun(
            arguments: arguments, status: status, standardOutput: collected[0],
            standardError: collected[1], timedOut: timedOut)
    }

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard let pipe2 = LibC.pipe2 else { throw SpawnError(description: "pipe2 is missing from the C library") }
        guard pipe2(&fds, O_CLOEXEC) == 0 else {
            throw SpawnError(description: "pipe2: \(String(cString: strerror(errno)))")
        }
        return (fds[0], fds[1])
    }
}
