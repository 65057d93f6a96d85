import Glibc
import SwtopCore

/// Tags, and the keys that act on processes: they capture their targets, ask
/// when asking is due, and hand the action to the run loop as an effect.
extension ViewReducer {
    /// The processes an action aims at: every tagged one still present, else the
    /// selected one. A thread's row stands for its process: signals go to processes.
    static func targets(_ state: ViewState, _ snapshot: Snapshot?) -> [ProcessTarget] {
        guard let snapshot else { return [] }
        if !state.tagged.isEmpty {
            return snapshot.processes.filter { !$0.isThread && state.tagged.contains($0.identity) }.map(
                ProcessTarget.init)
        }
        if let key = state.selectedGroup {
            return GroupedTable.members(of: key, in: snapshot, state: state).map(ProcessTarget.init)
        }
        guard let pid = state.selectedPID, let row = snapshot.processes.first(where: { $0.pid == pid }),
            let process = row.isThread ? snapshot.processes.first(where: { $0.pid == row.threadGroupID }) : row
        else { return [] }
        return [ProcessTarget(process)]
    }

    static func act(_ kind: PendingAction.Kind, _ state: inout ViewState, _ snapshot: Snapshot?, confirm: Bool)
        -> ViewEffect
    {
        guard !refusedReadonly(&state) else { return .none }
        let targets = targets(state, snapshot)
        guard !targets.isEmpty else {
            state.message = "No process selected"
            return .none
        }
        var action = PendingAction(kind: kind, targets: targets)
        if state.tagged.isEmpty, let key = state.selectedGroup { action.group = key }
        if confirm || !action.sensitiveTargets.isEmpty {
            state.mode = .confirming(action)
            return .none
        }
        return .perform(action)
    }

    static func confirm(_ key: Key, _ action: PendingAction, _ state: inout ViewState) -> ViewEffect {
        state.mode = .browsing
        if key == .character("y") || key == .character("Y") { return .perform(action) }
        state.message = "Cancelled: nothing sent"
        return .none
    }

    static func openSignalMenu(_ state: inout ViewState, _ snapshot: Snapshot?) {
        guard !refusedReadonly(&state) else { return }
        let targets = targets(state, snapshot)
        guard !targets.isEmpty else {
            state.message = "No process selected"
            return
        }
        let index = SignalCatalog.all.firstIndex { $0.number == state.lastMenuSignal } ?? 0
        state.mode = .signalMenu(index, targets)
    }

    static func signalMenu(_ key: Key, _ index: Int, _ targets: [ProcessTarget], _ state: inout ViewState) -> ViewEffect
    {
        let signals = SignalCatalog.all
        switch key {
        case .up: state.mode = .signalMenu(max(0, index - 1), targets)
        case .down: state.mode = .signalMenu(min(signals.count - 1, index + 1), targets)
        case .pageUp: state.mode = .signalMenu(max(0, index - 10), targets)
        case .pageDown: state.mode = .signalMenu(min(signals.count - 1, index + 10), targets)
        case .home: state.mode = .signalMenu(0, targets)
        case .end: state.mode = .signalMenu(signals.count - 1, targets)
        case .enter:
            let signal = signals[min(index, signals.count - 1)].number
            state.lastMenuSignal = signal
            state.mode = .browsing
            let action = PendingAction(kind: .signal(signal), targets: targets)
            if !action.sensitiveTargets.isEmpty {
                state.mode = .confirming(action)
                return .none
            }
            return .perform(action)
        case .escape, .character("q"), .function(9): state.mode = .browsing
        default: break
        }
        return .none
    }

    /// F7/`]` lowers the nice value (higher priority), F8/`[` raises it.
    static func renice(by step: Int32, _ state: inout ViewState, _ snapshot: Snapshot?) -> ViewEffect {
        act(.renice(by: step), &state, snapshot, confirm: false)
    }

    static func toggleTag(_ state: inout ViewState, _ snapshot: Snapshot?) {
        guard let pid = state.selectedPID, let process = snapshot?.processes.first(where: { $0.pid == pid }),
            !process.isThread
        else { return }
        if state.tagged.remove(process.identity) == nil { state.tagged.insert(process.identity) }
    }

    /// `c`: the selected process and everything below it.
    static func tagWithDescendants(_ state: inout ViewState, _ snapshot: Snapshot?) {
        guard let root = state.selectedPID, let processes = snapshot?.processes else { return }
        var children: [Int32: [Int]] = [:]
        for (index, process) in processes.enumerated() where process.pid != process.ppid && !process.isThread {
            children[process.ppid, default: []].append(index)
        }
        var pending = processes.indices.filter { processes[$0].pid == root }
        while let index = pending.popLast() {
            let process = processes[index]
            state.tagged.insert(process.identity)
            pending += children[process.pid] ?? []
        }
    }

    /// Drops tags of processes that have exited (or whose PID went to another process).
    public static func pruneTags(_ state: inout ViewState, snapshot: Snapshot) {
        guard !state.tagged.isEmpty else { return }
        state.tagged.formIntersection(snapshot.processes.lazy.map(\.identity))
    }

    static func refusedReadonly(_ state: inout ViewState) -> Bool {
        // A past sample's process may be gone, or its PID another process's by now.
        if let history = state.history {
            state.message =
                history.isRecording
                ? "Replay: nothing is sent to processes" : "Paused on a past sample: actions work on the live view (Z)"
            return true
        }
        guard state.readonly else { return false }
        state.message = "Read-only: swtop was started with --readonly"
        return true
    }
}
