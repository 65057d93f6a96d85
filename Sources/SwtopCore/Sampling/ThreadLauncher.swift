#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Starts a POSIX thread running a Swift closure (Foundation's Thread would pull
/// in Foundation for this alone).
enum ThreadLauncher {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// The new thread blocks every signal a user or the terminal sends (Ctrl-Z,
    /// resizes, SIGTERM …), so they reach the main thread: it owns the terminal,
    /// and its poll(2) must wake for them. A handler such as curses' SIGTSTP one
    /// running on the sampler thread, in the middle of a malloc, could hang it.
    /// Faults (SIGSEGV and the like) still go to the thread that caused them.
    static func start(_ run: @escaping @Sendable () -> Void) -> pthread_t {
        let body = Unmanaged.passRetained(Body(run)).toOpaque()
        var blocked = sigset_t(), previous = sigset_t()
        sigfillset(&blocked)
        for fault in [SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT] { sigdelset(&blocked, fault) }
        pthread_sigmask(SIG_SETMASK, &blocked, &previous) // inherited by the new thread
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, body)
        guard status == 0 else {
            fatalError("swtop: cannot start the sampling thread: \(String(cString: strerror(status)))")
        }
        return thread
    }
}
