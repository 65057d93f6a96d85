import Glibc
import SwtopCore

extension Spawn {
    /// A helper program that ran to its end.
    public struct Finished {
        /// What it wrote on stdout.
        public var output: String
        public var status: ExitStatus

        /// Exited with status 0.
        public var succeeded: Bool { status == .exited(0) }
    }

    /// Runs `path` with `arguments` (argv[0] included) to the end, in a process group
    /// of its own, collecting its stdout (stderr goes to /dev/null). A program still
    /// running after `timeout` seconds is killed and reported as an error.
    public static func run(_ path: String, _ arguments: [String], timeout: Double = 10) throws(SpawnError) -> Finished {
        var ends: [Int32] = [-1, -1]
        guard let pipe2 = LibC.pipe2 else { throw SpawnError("pipe2 is missing from the C library") }
        // Close-on-exec, so the child holds only its dup2'd copy and EOF comes when it exits.
        guard pipe2(&ends, O_CLOEXEC) == 0 else { throw SpawnError("cannot create a pipe: \(LibC.errorText(errno))") }
        let pid: pid_t
        do {
            pid = try start(path, arguments, newProcessGroup: true, standardOutput: ends[1])
        } catch {
            close(ends[0])
            close(ends[1])
            throw error
        }
        close(ends[1])
        defer { close(ends[0]) }

        let deadline = MonotonicClock.seconds() + timeout
        let output = readToEnd(ends[0], until: deadline)
        guard let status = reap(pid, within: max(0, deadline - MonotonicClock.seconds())) else {
            kill(pid)
            throw SpawnError(
                "\(path.split(separator: "/").last ?? "") did not finish within \(Int(timeout.rounded(.up))) s")
        }
        return Finished(output: String(decoding: output, as: UTF8.self), status: status)
    }

    /// Everything readable from `descriptor` until its end or `deadline` (monotonic seconds).
    private static func readToEnd(_ descriptor: Int32, until deadline: Double) -> [UInt8] {
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let remaining = deadline - MonotonicClock.seconds()
            guard remaining > 0 else { break }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let polled = poll(&request, 1, Int32(min(remaining * 1000 + 1, 60_000)))
            if polled < 0, errno != EINTR { break }
            guard polled > 0 else { continue }
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else { break }
            output += buffer[..<count]
        }
        return output
    }

    /// The first line `path arguments` prints, or nil when it fails or prints nothing.
    public static func firstLine(_ path: String, _ arguments: [String], timeout: Double = 5) -> String? {
        guard let finished = try? run(path, arguments, timeout: timeout), finished.succeeded else { return nil }
        return finished.output.split(separator: "\n").first.map(String.init)
    }
}
