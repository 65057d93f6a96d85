import Glibc

/// SIGTERM, a grace period, then SIGKILL for whatever is still running: the
/// sequence people script around other monitors. A value type driven by the
/// caller's clock (`now` in seconds), so tests run it without sleeping.
public struct GracefulStop: Sendable {
    public enum Phase: Equatable, Sendable {
        case waiting
        case finished
        case cancelled
    }

    public let targets: [ProcessTarget]
    public let deadline: Double
    public private(set) var phase = Phase.waiting
    /// What SIGTERM did to each target.
    public private(set) var terminateOutcomes: [ProcessTarget: ActionOutcome] = [:]
    /// What SIGKILL did to the targets that outlived the grace period.
    public private(set) var killOutcomes: [ProcessTarget: ActionOutcome] = [:]
    /// Targets that took SIGTERM and had not ended at the last look.
    public private(set) var stillRunning: [ProcessTarget] = []

    /// Sends SIGTERM to every target.
    public init(
        targets: [ProcessTarget], grace: Double, now: Double,
        send: (Int32, ProcessTarget) -> ActionOutcome
    ) {
        self.targets = targets
        deadline = now + grace
        for target in targets { terminateOutcomes[target] = send(SIGTERM, target) }
        stillRunning = targets.filter { terminateOutcomes[$0] == .done }
        if stillRunning.isEmpty { phase = .finished }
    }

    public func secondsLeft(now: Double) -> Double {
        max(0, deadline - now)
    }

    /// Looks at the targets again; at the deadline, sends SIGKILL to those still running.
    public mutating func advance(
        now: Double, isAlive: (ProcessTarget) -> Bool,
        send: (Int32, ProcessTarget) -> ActionOutcome
    ) {
        guard phase == .waiting else { return }
        stillRunning = stillRunning.filter(isAlive)
        if stillRunning.isEmpty {
            phase = .finished
        } else if now >= deadline {
            for target in stillRunning { killOutcomes[target] = send(SIGKILL, target) }
            stillRunning = []
            phase = .finished
        }
    }

    /// Esc: no SIGKILL will follow.
    public mutating func cancel() {
        if phase == .waiting { phase = .cancelled }
    }

    /// Targets that ended after SIGTERM alone.
    public var endedOnTerminate: [ProcessTarget] {
        targets.filter { terminateOutcomes[$0] == .done && killOutcomes[$0] == nil && !stillRunning.contains($0) }
    }

    /// Targets that SIGKILL ended.
    public var killed: [ProcessTarget] {
        targets.filter { killOutcomes[$0] == .done }
    }

    /// One line on how it went.
    public var summary: String {
        let pids = { (list: [ProcessTarget]) in list.map { String($0.pid) }.joined(separator: ", ") }
        var parts: [String] = []
        if !endedOnTerminate.isEmpty, phase != .cancelled {
            parts.append("ended on SIGTERM: \(pids(endedOnTerminate))")
        }
        if !killed.isEmpty { parts.append("needed SIGKILL: \(pids(killed))") }
        if phase == .cancelled { parts.append("SIGKILL cancelled; still running: \(pids(stillRunning))") }
        let failures = targets.compactMap { target -> String? in
            let outcome = killOutcomes[target] ?? terminateOutcomes[target] ?? .done
            return outcome.succeeded ? nil : outcome.message(for: target, action: "stop")
        }
        parts += failures
        return parts.isEmpty ? "Graceful stop: nothing to do" : "Graceful stop: " + parts.joined(separator: "; ")
    }
}
