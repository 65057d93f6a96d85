import Glibc

/// Idle child processes that fill the process table, so a sample can be timed at
/// 1000 or 5000 processes on any machine.
///
/// Each child is a fork of the bench that blocks reading a pipe (the lifeline)
/// whose write end only the bench holds. Forking without exec is the cheapest way
/// to make a process (no loader, no new binary), and the lifeline makes cleanup
/// robust: however the bench ends, even by SIGKILL, the write end closes, the
/// read returns 0 and every child exits. All children share one new process
/// group, so a single `kill(-group, SIGKILL)` ends them, from a signal handler too.
final class ProcessFarm {
    let root: String
    private(set) var children: [pid_t] = []
    private var group: pid_t = 0
    private let lifeline: (read: Int32, write: Int32)
    private let ready: (read: Int32, write: Int32)
    /// A child that has not said it is ready by then is taken as lost.
    private static let readyTimeoutMilliseconds: Int32 = 30_000

    init(root: String) throws(FarmError) {
        self.root = root
        // Children are counted under `root`: it must be the proc of our PID namespace.
        var info = stat()
        guard stat("\(root)/\(getpid())", &info) == 0 else { throw .rootMissesThisNamespace(root: root) }
        lifeline = try Self.makePipe()
        do {
            ready = try Self.makePipe()
        } catch {
            close(lifeline.read)
            close(lifeline.write)
            throw error
        }
    }

    deinit {
        killAll()
        for fd in [lifeline.read, lifeline.write, ready.read, ready.write] { close(fd) }
    }

    /// Spawns or kills children until `root` lists about `total` processes (never
    /// fewer than the machine runs without them). Returns the number it lists.
    func adjust(toTotal total: Int) throws(FarmError) -> Int {
        var current = try count()
        if current > total, !children.isEmpty {
            retire(min(current - total, children.count))
            return try count()
        }
        // Other processes may exit while we spawn; a few rounds make up for them.
        var rounds = 0
        while current < total {
            guard rounds < 3 else { throw .countStuck(root: root, count: current, wanted: total) }
            try spawn(total - current)
            rounds += 1
            current = try count()
        }
        return current
    }

    /// Kills every child and reaps it. Safe to call more than once.
    func killAll() {
        guard group > 0 else { return }
        kill(-group, SIGKILL)
        reap(children[...])
        children.removeAll()
    }

    private func count() throws(FarmError) -> Int {
        guard let count = ProcEntries.count(root: root) else { throw .unreadable(path: root, errno: errno) }
        return count
    }

    /// One more child, which starts `threads - 1` threads beside its main one before
    /// it says it is ready; they all idle until the child ends. Returns its PID.
    func spawnThreaded(threads: Int) throws(FarmError) -> pid_t {
        try spawn(1, threads: threads)
        return children[children.count - 1]
    }

    private func spawn(_ count: Int, threads: Int = 1) throws(FarmError) {
        // Anything still buffered in stdio would otherwise exist in every child too.
        fflush(nil)
        for _ in 0..<count {
            // Signals wait until the new child is in the group: a handler running
            // in between would kill the group, then wait forever for this child.
            let (pid, failure) = SignalCleanup.holdingBack { () -> (pid_t, Int32) in
                let pid = fork()
                if pid == 0 { Self.idle(group: group, lifeline: lifeline, ready: ready, threads: threads) }
                guard pid > 0 else { return (pid, errno) }
                // The child joins the group itself as well: done on both sides, the
                // order in which parent and child run does not matter.
                if group == 0 { group = pid }
                setpgid(pid, group)
                children.append(pid)
                childGroup.store(group, ordering: .releasing)
                return (pid, 0)
            }
            guard pid > 0 else { throw .fork(errno: failure, spawned: children.count) }
        }
        try waitUntilReady(count)
    }

    /// Kills the `count` most recent children (the group leader, the first, goes last).
    private func retire(_ count: Int) {
        let leaving = children.suffix(count)
        for child in leaving { kill(child, SIGKILL) }
        reap(leaving)
        children.removeLast(count)
    }

    /// Waits for killed children. The group leader is reaped last, after the group
    /// is forgotten: while it is unreaped its PID, the group id, cannot be reused,
    /// so a signal handler never kills a stranger's group of the same number.
    private func reap(_ pids: ArraySlice<pid_t>) {
        for pid in pids where pid != group { Self.wait(for: pid) }
        if pids.contains(group) {
            let leader = group
            group = 0
            childGroup.store(0, ordering: .releasing)
            Self.wait(for: leader)
        }
    }

    private static func wait(for pid: pid_t) {
        while waitpid(pid, nil, 0) < 0, errno == EINTR {}
    }

    /// Blocks until `count` new children have each written their byte: then they
    /// are in /proc and in their group, not half-way through fork.
    private func waitUntilReady(_ count: Int) throws(FarmError) {
        var missing = count
        var bytes = [UInt8](repeating: 0, count: 4096)
        while missing > 0 {
            var request = pollfd(fd: ready.read, events: Int16(POLLIN), revents: 0)
            let polled = poll(&request, 1, Self.readyTimeoutMilliseconds)
            if polled < 0, errno == EINTR { continue }
            guard polled > 0 else { throw .childrenNotReady(missing: missing) }
            let received = read(ready.read, &bytes, min(missing, bytes.count))
            if received < 0, errno == EINTR { continue }
            guard received > 0 else { throw .childrenNotReady(missing: missing) }
            missing -= received
        }
    }

    /// The child's whole life. Only async-signal-safe calls: after fork, the child
    /// must not allocate or take locks the parent's runtime might have held. The
    /// exception, extra threads, is safe only because the bench forks while it has
    /// one thread: no lock of the C library can be held by a thread that is gone.
    private static func idle(
        group: pid_t, lifeline: (read: Int32, write: Int32),
        ready: (read: Int32, write: Int32), threads: Int
    ) -> Never {
        SignalCleanup.uninstall()
        setpgid(0, group) // group 0: this child starts the group
        close(lifeline.write)
        close(ready.read)
        // Holding the bench's stdio open would keep a reader of its output waiting.
        close(STDIN_FILENO)
        close(STDOUT_FILENO)
        close(STDERR_FILENO)
        if threads > 1 { startIdleThreads(threads - 1) }
        var byte: UInt8 = 1
        _ = write(ready.write, &byte, 1)
        close(ready.write)
        while true {
            let received = read(lifeline.read, &byte, 1)
            if received == 0 || (received < 0 && errno != EINTR) { _exit(0) }
        }
    }

    /// Threads that sleep until the process ends, on small stacks: five thousand of
    /// them take a few hundred MiB of address space, not gigabytes. The bench counts
    /// them in /proc afterwards rather than trusting that every one started.
    private static func startIdleThreads(_ count: Int) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 64 * 1024)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        for _ in 0..<count {
            var thread = pthread_t()
            guard
                pthread_create(
                    &thread, &attributes,
                    { _ in
                        while true { pause() }
                    }, nil) == 0
            else { break }
        }
        pthread_attr_destroy(&attributes)
    }

    private static func makePipe() throws(FarmError) -> (read: Int32, write: Int32) {
        // The children never exec, but the monitors mode spawns tmux: a detached
        // tmux server holding the lifeline's write end would keep every child alive
        // after the bench died. The bench is single-threaded, so nothing can spawn
        // between pipe and fcntl.
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .pipe(errno: errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }
}

enum FarmError: Error, CustomStringConvertible {
    case rootMissesThisNamespace(root: String)
    case unreadable(path: String, errno: Int32)
    case pipe(errno: Int32)
    case fork(errno: Int32, spawned: Int)
    case childrenNotReady(missing: Int)
    case countStuck(root: String, count: Int, wanted: Int)

    /// True when the command line is at fault rather than the machine.
    var isUsageError: Bool {
        if case .rootMissesThisNamespace = self { return true }
        return false
    }

    var description: String {
        switch self {
        case .rootMissesThisNamespace(let root):
            return "\(root) does not list this process: it must be the proc filesystem of this PID namespace"
        case .unreadable(let path, let code):
            return "cannot list \(path): \(String(cString: strerror(code)))"
        case .pipe(let code):
            return "cannot create a pipe: \(String(cString: strerror(code)))"
        case .fork(let code, let spawned):
            return "fork failed after \(spawned) children: \(String(cString: strerror(code)))"
        case .childrenNotReady(let missing):
            return "\(missing) children did not start in time"
        case .countStuck(let root, let count, let wanted):
            return "\(root) lists \(count) processes after spawning, not \(wanted)"
        }
    }
}
