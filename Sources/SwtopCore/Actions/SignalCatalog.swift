import Glibc

/// Every signal a process can be sent, by number and name, in this platform's
/// numbering: the 31 standard ones, then SIGRTMIN+n … SIGRTMAX (glibc keeps the
/// first few real-time signals for threads, so SIGRTMIN is asked at run time).
public enum SignalCatalog {
    public struct Entry: Equatable, Sendable {
        public let number: Int32
        public let name: String
    }

    public static let standard: [Entry] = [
        (SIGHUP, "SIGHUP"), (SIGINT, "SIGINT"), (SIGQUIT, "SIGQUIT"), (SIGILL, "SIGILL"), (SIGTRAP, "SIGTRAP"),
        (SIGABRT, "SIGABRT"), (SIGBUS, "SIGBUS"), (SIGFPE, "SIGFPE"), (SIGKILL, "SIGKILL"), (SIGUSR1, "SIGUSR1"),
        (SIGSEGV, "SIGSEGV"), (SIGUSR2, "SIGUSR2"), (SIGPIPE, "SIGPIPE"), (SIGALRM, "SIGALRM"), (SIGTERM, "SIGTERM"),
        (SIGSTKFLT, "SIGSTKFLT"), (SIGCHLD, "SIGCHLD"), (SIGCONT, "SIGCONT"), (SIGSTOP, "SIGSTOP"),
        (SIGTSTP, "SIGTSTP"),
        (SIGTTIN, "SIGTTIN"), (SIGTTOU, "SIGTTOU"), (SIGURG, "SIGURG"), (SIGXCPU, "SIGXCPU"), (SIGXFSZ, "SIGXFSZ"),
        (SIGVTALRM, "SIGVTALRM"), (SIGPROF, "SIGPROF"), (SIGWINCH, "SIGWINCH"), (SIGIO, "SIGIO"), (SIGPWR, "SIGPWR"),
        (SIGSYS, "SIGSYS"),
    ].map { Entry(number: $0.0, name: $0.1) }.sorted { $0.number < $1.number }

    /// The standard signals, then the real-time ones.
    public static var all: [Entry] {
        let first = __libc_current_sigrtmin()
        let last = __libc_current_sigrtmax()
        let realTime = (first...last).map { number -> Entry in
            let name = number == last ? "SIGRTMAX" : (number == first ? "SIGRTMIN" : "SIGRTMIN+\(number - first)")
            return Entry(number: number, name: name)
        }
        return standard + realTime
    }

    public static func name(of number: Int32) -> String {
        all.first { $0.number == number }?.name ?? "signal \(number)"
    }
}
