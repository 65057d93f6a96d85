#if canImport(Glibc)
import Glibc
#endif
import SwtopCore

/// An action on processes, with its targets captured when it was asked for: a
/// confirmation or a menu in between cannot move it to other processes.
public struct PendingAction: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case signal(Int32)
        /// SIGTERM, the grace period, then SIGKILL.
        case gracefulStop
        /// The new nice value of each target, in the order of `targets`.
        case renice([Int32])
    }

    public var kind: Kind
    public var targets: [ProcessTarget]

    public init(kind: Kind, targets: [ProcessTarget]) {
        self.kind = kind
        self.targets = targets
    }

    /// The verb for messages ("terminate", "suspend" …).
    public var verb: String {
        switch kind {
        case .signal(SIGSTOP): "suspend"
        case .signal(SIGCONT): "resume"
        case .signal(SIGTERM): "terminate"
        case .signal(SIGKILL): "kill"
        case .signal(let number): "send \(SignalCatalog.name(of: number)) to"
        case .gracefulStop: "stop gracefully"
        case .renice: "renice"
        }
    }

    /// Targets that need to be named before anything is sent: init and swtop itself.
    public var sensitiveTargets: [ProcessTarget] {
        targets.filter { $0.pid == 1 || $0.pid == getpid() }
    }

    /// "PID 12 (sleep), PID 13 (sleep)", shortened after a few.
    public var targetList: String {
        let shown = targets.prefix(4).map { "PID \($0.pid) (\(TerminalText.escape($0.name)))" }
        let more = targets.count > 4 ? " and \(targets.count - 4) more" : ""
        return shown.joined(separator: ", ") + more
    }

    /// The y/n question, naming every target and any sensitive one.
    public var question: String {
        var text = "\(verb.prefix(1).uppercased() + verb.dropFirst()) \(targetList)?"
        for target in sensitiveTargets {
            text += target.pid == 1 ? " PID 1 is init: the system goes down with it!" : " PID \(target.pid) is this swtop!"
        }
        return text + " y/n"
    }
}
