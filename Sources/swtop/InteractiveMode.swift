#if canImport(Glibc)
import Glibc
#endif

enum InteractiveMode {
    /// Why the full-screen view cannot start here, as a one-line error.
    static func unavailableReason() -> CommandFailure {
        if isatty(STDOUT_FILENO) == 0 || isatty(STDIN_FILENO) == 0 {
            return CommandFailure(message: "standard input and output must be a terminal for the interactive view; "
                + "use --batch for plain text or --json for JSON Lines")
        }
        return CommandFailure(message: "the interactive view is not part of this build yet; "
            + "use --batch for plain text or --json for JSON Lines")
    }
}
