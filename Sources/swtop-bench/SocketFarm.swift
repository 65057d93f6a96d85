import Glibc

/// Open TCP connections on 127.0.0.1, so that the NET column's cost is measured with
/// sockets to find. They live in one child of their own, which opens them after it
/// is forked: the process farm forks its children from the bench without exec, and
/// each would otherwise hold a copy of every socket. Each connection is two sockets
/// (the client's and the one `accept` gave), both in the child's descriptor table
/// and in the kernel's socket table that sock_diag dumps.
final class SocketFarm {
    let sockets: Int
    private var holder: pid_t = 0

    /// `sockets` rounded up to an even number; raises RLIMIT_NOFILE when it must.
    init(sockets: Int) throws(BenchError) {
        let connections = (sockets + 1) / 2
        self.sockets = connections * 2
        guard connections > 0 else { return }
        var report: [Int32] = [0, 0]
        guard pipe(&report) == 0 else { throw BenchError("pipe: \(errorText(errno))") }
        fflush(nil)
        let bench = getpid()
        let pid = fork()
        if pid == 0 {
            close(report[0])
            var status = Self.open(connections: connections)
            _ = write(report[1], &status, MemoryLayout<Int32>.size)
            close(report[1])
            // Gone within a second of the bench, however it ends (Glibc's module has no prctl).
            while getppid() == bench { sleep(1) }
            _exit(0)
        }
        close(report[1])
        defer { close(report[0]) }
        guard pid > 0 else { throw BenchError("fork: \(errorText(errno))") }
        holder = pid
        var status: Int32 = -1
        var count = 0
        repeat { count = read(report[0], &status, MemoryLayout<Int32>.size) } while count < 0 && errno == EINTR
        guard count == MemoryLayout<Int32>.size, status == 0 else {
            closeAll()
            throw BenchError(
                "cannot open \(self.sockets) sockets on 127.0.0.1: "
                    + (status > 0 ? errorText(status) : "the child ended"))
        }
    }

    deinit { closeAll() }

    /// Ends the child, which closes every socket.
    func closeAll() {
        guard holder > 0 else { return }
        kill(holder, SIGKILL)
        while waitpid(holder, nil, 0) < 0, errno == EINTR {}
        holder = 0
    }

    /// In the child: 0, or the errno that stopped it.
    private static func open(connections: Int) -> Int32 {
        guard raiseDescriptorLimit(toAtLeast: connections * 2 + 64) else { return EMFILE }
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { return errno }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard listening, listen(listener, 128) == 0 else { return errno }
        for _ in 0..<connections {
            // Connect, then accept at once, so the backlog never fills.
            let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard client >= 0 else { return errno }
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, length) == 0 }
            }
            guard connected, accept(listener, nil, nil) >= 0 else { return errno }
        }
        close(listener)
        return 0
    }

    private static func raiseDescriptorLimit(toAtLeast needed: Int) -> Bool {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0 else { return false }
        guard limit.rlim_cur < rlim_t(needed) else { return true }
        limit.rlim_cur = min(limit.rlim_max, rlim_t(needed))
        return setrlimit(resource, &limit) == 0 && limit.rlim_cur >= rlim_t(needed)
    }
}
