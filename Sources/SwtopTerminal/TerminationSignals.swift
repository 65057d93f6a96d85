import Glibc
import SwtopCore
import Synchronization

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT become bytes in a pipe that the run loop
/// polls, so the terminal is restored by normal code, not inside a handler.
/// A second one means that code did not get to it (a read that does not return):
/// the handler then restores the terminal itself and exits at once.
/// Crash signals restore the terminal from the handler as a last resort, then die
/// as they would have.
public enum TerminationSignals {
    /// Written only before the handlers are installed, read only by them.
    nonisolated(unsafe) private static var writeEnd: Int32 = -1
    nonisolated(unsafe) private static var readEnd: Int32 = -1
    /// Termination signals received; touched before the handlers are installed, so
    /// no handler runs its lazy initialisation.
    private static let terminationRequests = Atomic<Int>(0)

    static let polite: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let fatal: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// Installs the handlers and returns the descriptor to poll.
    ///
    /// - Parameter forTerminalView: SIGTSTP (Ctrl-Z) and SIGWINCH (a resize) come
    ///   through the pipe too, for the run loop to suspend or re-lay the screen out
    ///   between two draws.
    public static func install(forTerminalView: Bool = false) -> Int32 {
        if readEnd < 0 {
            guard let ends = Pipe.openNonBlocking() else { return -1 }
            (readEnd, writeEnd) = ends
        }
        _ = terminationRequests.load(ordering: .relaxed)
        for signal in polite {
            handle(
                signal,
                with: { number in
                    if TerminationSignals.terminationRequests.wrappingAdd(1, ordering: .relaxed).oldValue > 0 {
                        TerminalRestore.restoreFromSignalHandler()
                        _exit(128 + number)
                    }
                    var byte = UInt8(truncatingIfNeeded: number)
                    _ = write(TerminationSignals.writeEnd, &byte, 1)
                })
        }
        for signal in forTerminalView ? [SIGTSTP, SIGWINCH] : [] {
            handle(
                signal,
                with: { number in
                    var byte = UInt8(truncatingIfNeeded: number)
                    _ = write(TerminationSignals.writeEnd, &byte, 1)
                })
        }
        for signal in fatal {
            handle(
                signal,
                with: { number in
                    TerminalRestore.restoreFromSignalHandler()
                    Glibc.signal(number, SIG_DFL)
                    raise(number)
                })
        }
        return readEnd
    }

    /// Stops this process as Ctrl-Z would have, and returns once it is continued
    /// (`fg`). The caller has given the terminal back first.
    public static func suspendUntilContinued() {
        signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        handle(
            SIGTSTP,
            with: { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(TerminationSignals.writeEnd, &byte, 1)
            })
    }

    /// The signal that arrived, if any.
    public static func pending() -> Int32? {
        var byte: UInt8 = 0
        return read(readEnd, &byte, 1) == 1 ? Int32(byte) : nil
    }

    private static func handle(_ signal: Int32, with handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, nil)
    }
}
