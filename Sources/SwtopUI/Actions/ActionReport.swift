import SwtopCore

/// The status line after an action: what was done, and each failure in words.
public enum ActionReport {
    public static func message(for action: PendingAction, outcomes: [ActionOutcome]) -> String {
        let pairs = Array(zip(action.targets, outcomes))
        let done = pairs.filter { $0.1.succeeded }.map(\.0)
        let failures = pairs.filter { !$0.1.succeeded }.map { $0.1.message(for: $0.0, action: action.verb) }
        var parts: [String] = []
        if !done.isEmpty {
            let what = PendingAction(kind: action.kind, targets: done)
            parts.append("\(action.doneWording) \(what.targetList)")
        }
        parts += failures
        return parts.joined(separator: "; ")
    }
}
