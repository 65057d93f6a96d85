import Glibc
import Synchronization

/// A thread `ThreadLauncher` started, and whether its closure has returned.
struct LaunchedThread: Sendable {
    let thread: pthread_t
    fileprivate let end: ThreadEnd
}

/// Set by the thread as its last act; lets a join give up after a while, which
/// pthread_join cannot (and pthread_timedjoin_np is hidden from Swift's Glibc).
private final class ThreadEnd: Sendable {
    let hasEnded = Atomic<Bool>(false)
}

/// Starts a POSIX thread running a Swift closure (Foundation's Thread would pull
/// in Foundation for this alone).
enum ThreadLauncher {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Waits for `launched` to end, at most `seconds` (nil: without limit). True when
    /// it ended; else it is detached, so its resources go when it ends by itself.
    static func join(_ launched: LaunchedThread, waitingAtMost seconds: Double?) -> Bool {
        if let seconds {
            let deadline = MonotonicClock.nanoseconds() + UInt64(max(0, seconds) * 1e9)
            // Only at exit, for a second at most: a short nap between looks is simpler
            // than a condition variable, and costs nothing that matters.
            while !launched.end.hasEnded.load(ordering: .acquiring) {
                guard MonotonicClock.nanoseconds() < deadline else {
                    pthread_detach(launched.thread)
                    return false
                }
                _ = poll(nil, 0, 5)
            }
        }
        pthread_join(launched.thread, nil)
        return true
    }

    /// The new thread blocks every signal a user or the terminal sends (Ctrl-Z,
    /// resizes, SIGTERM …), so they reach the main thread: it owns the terminal,
    /// and its poll(2) must wake for them. A handler such as curses' SIGTSTP one
    /// running on the sampler thread, in the middle of a malloc, could hang it.
    /// Faults (SIGSEGV and the like) still go to the thread that caused them.
    static func start(_ run: @escaping @Sendable () -> Void) -> LaunchedThread {
        let end = ThreadEnd()
        let created = create {
            run()
            end.hasEnded.store(true, ordering: .releasing)
        }
        guard case .success(let thread) = created else {
            fatalError("swtop: cannot start the sampling thread: \(String(cString: strerror(created.status)))")
        }
        return LaunchedThread(thread: thread, end: end)
    }

    /// A thread nobody joins, for work that may never return (a statvfs on a dead
    /// mount). False when the system could not make one.
    static func startDetached(_ run: @escaping @Sendable () -> Void) -> Bool {
        guard case .success(let thread) = create(run) else { return false }
        pthread_detach(thread)
        return true
    }

    private enum Creation {
        case success(pthread_t)
        case failure(Int32)

        var status: Int32 { if case .failure(let status) = self { status } else { 0 } }
    }

    private static func create(_ run: @escaping @Sendable () -> Void) -> Creation {
        let body = Unmanaged.passRetained(Body(run)).toOpaque()
        var blocked = sigset_t()
        var previous = sigset_t()
        sigfillset(&blocked)
        for fault in [SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT] { sigdelset(&blocked, fault) }
        pthread_sigmask(SIG_SETMASK, &blocked, &previous) // inherited by the new thread
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        var thread = pthread_t()
        let status = pthread_create(
            &thread, nil,
            { context in
                Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
                return nil
            }, body)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(body).release()
            return .failure(status)
        }
        return .success(thread)
    }
}
