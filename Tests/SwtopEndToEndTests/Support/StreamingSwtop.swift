import Glibc

/// swtop running in the background with stdout on a pipe that the test reads
/// while it runs (`--watch-output`), stopped with SIGINT and reaped by PID. In a
/// process group of its own, as a shell starts a job: `--watch-output` leaves out
/// its own group, which would otherwise hold the test's jobs.
final class StreamingSwtop {
    let pid: pid_t
    private let output: Int32
    private(set) var collected: [UInt8] = []
    private var status: ExitStatus?

    init(_ arguments: [String]) throws {
        guard let binary = SwtopBinary.path else { throw SpawnError(description: "swtop executable not found") }
        guard let pipe2 = LibC.pipe2 else { throw SpawnError(description: "pipe2 is missing from the C library") }
        var fds: [Int32] = [-1, -1]
        guard pipe2(&fds, O_CLOEXEC) == 0 else {
            throw SpawnError(description: "pipe2: \(String(cString: strerror(errno)))")
        }
        do {
            pid = try Spawn.start(
                binary, arguments: ([binary] + arguments).map { Array($0.utf8) }, newProcessGroup: true,
                standardOutput: fds[1])
        } catch {
            close(fds[0])
            close(fds[1])
            throw error
        }
        close(fds[1])
        output = fds[0]
    }

    deinit {
        // A reaped PID may belong to another process by now: only an unreaped one is killed.
        if status == nil { Spawn.kill(pid) }
        close(output)
    }

    var text: String { String(decoding: collected, as: UTF8.self) }

    var lines: [String] { text.split(separator: "\n").map(String.init) }

    /// Reads output until `condition` holds for the lines so far or `seconds` pass.
    @discardableResult
    func waitForLines(upTo seconds: Double, until condition: ([String]) -> Bool) -> Bool {
        let deadline = Clock.now() + seconds
        while true {
            if condition(lines) { return true }
            let remaining = deadline - Clock.now()
            guard remaining > 0, readSome(timeout: remaining) else { return condition(lines) }
        }
    }

    /// SIGINT, then everything it printed before it ended; nil status if it did not end.
    @discardableResult
    func interrupt() -> ExitStatus? {
        _ = kill(pid, SIGINT)
        status = Spawn.reap(pid, within: 10)
        while readSome(timeout: 0.1) {}
        return status
    }

    /// Waits for it to end by itself.
    func waitForExit(upTo seconds: Double) -> ExitStatus? {
        let deadline = Clock.now() + seconds
        while Clock.now() < deadline, readSome(timeout: min(0.2, max(0.01, deadline - Clock.now()))) {}
        status = Spawn.reap(pid, within: max(0.1, deadline - Clock.now()))
        while readSome(timeout: 0.1) {}
        return status
    }

    /// False at end of output or when nothing came within `timeout`.
    private func readSome(timeout: Double) -> Bool {
        var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(max(1, timeout * 1000))) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress!, $0.count) }
        guard count > 0 else { return false }
        collected += buffer[..<count]
        return true
    }
}

/// A temporary directory for one test, removed with everything in it.
final class ScratchDirectory {
    let path: String

    init() throws {
        guard let made = mkdtemp(strdup("/tmp/swtop-e2e-XXXXXX")) else {
            throw SpawnError(description: "mkdtemp failed")
        }
        path = String(cString: made)
        free(made)
    }

    deinit {
        if let pid = try? Spawn.start("/bin/rm", ["rm", "-rf", path]) { Spawn.reap(pid) }
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String, flags: Int32 = O_WRONLY | O_CREAT | O_TRUNC) {
        let descriptor = open(file(name), flags | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        _ = text.withCString { Glibc.write(descriptor, $0, strlen($0)) }
        close(descriptor)
    }

    func read(_ name: String) -> String {
        let descriptor = open(file(name), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return "" }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func exists(_ name: String) -> Bool { access(file(name), F_OK) == 0 }
}
