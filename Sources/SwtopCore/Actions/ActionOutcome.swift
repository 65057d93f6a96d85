import Glibc

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
    /// Renice: this many of the process's threads kept their nice value (the last
    /// failure's errno); the others moved.
    case someThreadsFailed(Int, of: Int, errno: Int32)

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
            case EPERM: return "not permitted: \(who) belongs to \(target.user)"
            // setpriority(2): the process is the caller's own, but a lower nice value takes privilege.
            case EACCES: return "not permitted: a lower nice value for \(who) needs CAP_SYS_NICE"
            case ESRCH: return "\(who) had already exited"
            case EINVAL: return "\(action): invalid request for \(who)"
            default: return "\(action) \(who): \(String(cString: strerror(code)))"
            }
        case .someThreadsFailed(let failed, let total, let code):
            let reason =
                switch code {
                case EPERM: "not permitted"
                case EACCES: "a lower nice value needs CAP_SYS_NICE"
                default: String(cString: strerror(code))
                }
            return "\(action) \(who): \(failed) of \(total) threads unchanged (\(reason))"
        }
    }
}
