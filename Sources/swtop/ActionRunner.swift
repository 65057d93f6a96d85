import Glibc
import SwtopCore
import SwtopUI

/// Carries out what the view asks of processes, through the core's controller,
/// and puts the outcome on the status line. Owns the one graceful stop that can
/// be running, and drives it from the run loop's clock.
struct ActionRunner {
    let controller: ProcessController
    let grace: Double
    private var stop: GracefulStop?

    init(controller: ProcessController, grace: Double) {
        self.controller = controller
        self.grace = grace
    }

    var isStopping: Bool { stop?.phase == .waiting }

    mutating func perform(_ action: PendingAction, _ state: inout ViewState) {
        switch action.kind {
        case .signal(let signal):
            let outcomes = action.targets.map { controller.send(signal, to: $0) }
            state.message = ActionReport.message(for: action, outcomes: outcomes)
        case .renice(let step):
            let outcomes = action.targets.map { controller.renice($0, by: step) }
            state.message = ActionReport.message(for: action, outcomes: outcomes)
        case .gracefulStop:
            let controller = self.controller
            stop = GracefulStop(targets: action.targets, grace: grace, now: Self.now()) { controller.send($0, to: $1) }
            show(&state)
        }
    }

    /// One tick of the countdown: SIGKILL at the deadline, the summary at the end.
    mutating func advance(_ state: inout ViewState) {
        let controller = self.controller
        stop?.advance(now: Self.now(), isAlive: controller.isAlive) { controller.send($0, to: $1) }
        show(&state)
    }

    mutating func cancel(_ state: inout ViewState) {
        stop?.cancel()
        show(&state)
    }

    private mutating func show(_ state: inout ViewState) {
        guard let stop else { return }
        if stop.phase == .waiting {
            let left = Int(stop.secondsLeft(now: Self.now()).rounded(.up))
            state.mode = .gracefulStop(GracefulProgress(secondsLeft: left, stillRunning: stop.stillRunning))
        } else {
            if case .gracefulStop = state.mode { state.mode = .browsing }
            state.message = stop.summary
            self.stop = nil
        }
    }

    private static func now() -> Double {
        Double(MonotonicClock.nanoseconds()) / 1e9
    }
}
