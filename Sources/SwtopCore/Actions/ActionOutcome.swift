#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What happened when an action met one target.
public enum ActionOutcome: Equatable, Sendable {
    case done
    /// The PID no longer exists (or is a zombie): nothing was sent.
    case exited
    /// The PID now belongs to another process (a new start time): nothing was sent.
    case replaced
    /// PID 0 and negative PIDs address groups of processes: never signalled.
    case refused
    /// The system call failed with this errno.
    case failed(errno: Int32)

    public var succeeded: Bool { self == .done }

    /// One line for the status bar, naming the PID and what went wrong.
    public func message(for target: ProcessTarget, action: String) -> String {
        let who = "PID \(target.pid) (\(target.name))"
        switch self {
        case .done: return "\(action): \(who)"
        case .exited: return "\(who) had already exited"
        case .replaced: return "PID \(target.pid) is now another process: nothing sent"
        case .refused: return "PID \(target.pid) is not a single process: nothing sent"
        case .failed(let code):
            switch code {
            case EPERM, EACCES: return "not permitted: \(who) belongs to \(target.user)"
            case ESRCH: return "\(who) had already exited"
            case EINVAL: return "\(action): invalid request for \(who)"
            default: return "\(action) \(who): \(String(cString: strerror(code)))"
            }
        }
    }
}
