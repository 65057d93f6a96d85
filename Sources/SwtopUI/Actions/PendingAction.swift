import Glibc
import SwtopCore

/// An action on processes, with its targets captured when it was asked for: a
/// confirmation or a menu in between cannot move it to other processes.
public struct PendingAction: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case signal(Int32)
        /// SIGTERM, the grace period, then SIGKILL.
        case gracefulStop
        /// Moves each target's nice value by this much (-1: higher priority).
        case renice(by: Int32)
    }

    public var kind: Kind
    public var targets: [ProcessTarget]
    /// The group row the targets were taken from (grouped view), named in the question.
    public var group: String?

    public init(kind: Kind, targets: [ProcessTarget], group: String? = nil) {
        self.kind = kind
        self.targets = targets
        self.group = group
    }

    /// The verb for questions and errors ("terminate", "suspend" …).
    public var verb: String { wording.verb }

    /// What the status line says once it is done ("Suspended", "Sent SIGHUP to" …).
    public var doneWording: String { wording.done }

    /// Both words of each kind, side by side so they cannot drift apart.
    private var wording: (verb: String, done: String) {
        switch kind {
        case .signal(SIGSTOP): ("suspend", "Suspended")
        case .signal(SIGCONT): ("resume", "Resumed")
        case .signal(SIGTERM): ("terminate", "Sent SIGTERM to")
        case .signal(SIGKILL): ("kill", "Killed")
        case .signal(let number):
            ("send \(SignalCatalog.name(of: number)) to", "Sent \(SignalCatalog.name(of: number)) to")
        case .gracefulStop: ("stop gracefully", "Stopping")
        case .renice(let step): ("renice", "Nice \(step > 0 ? "+" : "")\(step) for")
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
        let verb = verb.prefix(1).uppercased() + verb.dropFirst()
        var text = "\(verb) \(targetList)?"
        if let group {
            let count = targets.count == 1 ? "1 process" : "\(targets.count) processes"
            text = "\(verb) group \(TerminalText.escape(group)) (\(count)): \(targetList)?"
        }
        for target in sensitiveTargets {
            text +=
                target.pid == 1 ? " PID 1 is init: the system goes down with it!" : " PID \(target.pid) is this swtop!"
        }
        return text + " y/n"
    }
}
