import Glibc
import SwtopCore
import SwtopTerminal
import SwtopUI

/// One run of the full-screen view, once the terminal and the sampler are up:
/// waits in poll(2) for a key, a new snapshot or a signal, updates the view
/// state, and redraws only when something changed. `run()` is the whole loop.
final class InteractiveSession {
    private var state: ViewState
    /// The snapshot on screen (with exited processes kept while highlighted).
    private var snapshot: Snapshot?
    /// The table of `snapshot` for `state`: filtered, ordered, folded.
    private var rows: [DisplayRow] = []
    private var changes = ProcessChangeTracker()
    /// The process the inspect pages show, while one is open.
    private var inspect: InspectSession?
    private var actions: ActionRunner
    private var needsDraw = true
    /// Written at a clean exit; what it says is printed once the terminal is back.
    private(set) var exitNote: String?

    private let procFS: ProcFS
    private let delay: Double
    private let settings: SettingsSession
    private let sampler: Sampler
    private let screen: TerminalScreen
    /// The read end of the pipe the signal handlers write to.
    private let signals: Int32
    private let onScreen: OnScreenReader
    private let renderer = ViewRenderer()
    /// `--record`: every sample the view takes is appended there.
    private let recording: RecordingFile?

    init(
        state: ViewState, procFS: ProcFS, delay: Double, grace: Double, settings: SettingsSession,
        sampler: Sampler, screen: TerminalScreen, signals: Int32, recording: RecordingFile?
    ) {
        self.state = state
        self.recording = recording
        self.procFS = procFS
        self.delay = delay
        self.settings = settings
        self.sampler = sampler
        self.screen = screen
        self.signals = signals
        actions = ActionRunner(controller: ProcessController(procFS: procFS), grace: grace)
        onScreen = OnScreenReader(procFS: procFS)
    }

    /// Returns the exit status.
    func run() -> Int32 {
        // The sampler may have finished while the terminal was set up.
        adoptLatestSnapshot()
        while true {
            drawIfNeeded()
            let events = waitForEvents()
            if actions.isStopping { advanceGracefulStop() }
            if events.followsOutput, inspect?.pollOutput() == true { needsDraw = true }
            if let status = handlePendingSignals() { return status }
            if events.terminalClosed { return 128 + SIGHUP }
            if events.snapshotReady {
                sampler.drainNotifications()
                adoptLatestSnapshot()
            }
            while let key = screen.readKey() {
                if let status = handle(key) { return status }
            }
        }
    }

    /// Takes the sampler's newest snapshot, if it is new: the table, the selection
    /// and an open inspect page follow it.
    private func adoptLatestSnapshot() {
        guard let sampled = sampler.latest, sampled.generation != snapshot?.generation else { return }
        if let problem = recording?.append(sampled) { state.message = "--record: " + problem }
        let latest: Snapshot
        if state.preferences.highlightsChanges {
            latest = changes.update(with: sampled)
        } else {
            changes.reset()
            latest = sampled
        }
        snapshot = latest
        ViewReducer.pruneTags(&state, snapshot: latest)
        rows = DisplayTable.rows(of: latest, state: state)
        ViewReducer.keepSelectionVisible(&state, rows: rows, cpuCount: latest.system.cpuMeterCount)
        followInspectPage(reread: true)
        needsDraw = true
    }

    /// Reads what the rows on screen show beyond the snapshot, then draws the
    /// frame from values alone.
    private func drawIfNeeded() {
        guard needsDraw else { return }
        let reads = ViewRenderer.onScreenReads(snapshot: snapshot, state: state, rows: rows)
        let values = onScreen.read(
            reads.files, for: reads.processes, generation: snapshot?.generation ?? 0,
            monotonicSeconds: snapshot?.monotonicSeconds ?? 0)
        let page = state.mode.inspectView.flatMap { inspect?.data.page($0.page) }
        ViewReducer.keepInspectPageInRange(&state, page: page)
        screen.draw(
            renderer.render(
                snapshot: snapshot, state: state, rows: rows, highlights: changes.highlights,
                onScreen: values, page: page))
        needsDraw = false
    }

    private struct Events {
        var snapshotReady = false
        var terminalClosed = false
        var followsOutput = false
    }

    /// Sleeps until a key, a snapshot or a signal arrives, or a timer is due.
    private func waitForEvents() -> Events {
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: sampler.notificationDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signals, events: Int16(POLLIN), revents: 0),
        ]
        // A graceful stop's countdown wakes the loop ten times a second; the
        // output page looks for new lines four times a second.
        let followsOutput = state.mode.inspectView?.page == .output
        _ = poll(&descriptors, nfds_t(descriptors.count), actions.isStopping ? 100 : followsOutput ? 250 : -1)
        return Events(
            snapshotReady: descriptors[1].revents != 0,
            terminalClosed: descriptors[0].revents & Int16(POLLHUP | POLLERR) != 0,
            followsOutput: followsOutput)
    }

    private func advanceGracefulStop() {
        actions.advance(&state)
        // The graceful stop ended: the next sample shows who is gone.
        if !actions.isStopping { sampler.sampleSoon() }
        needsDraw = true
    }

    /// Suspends or resizes for the signals that arrived; the exit status for one that ends swtop.
    private func handlePendingSignals() -> Int32? {
        while let signal = TerminationSignals.pending() {
            switch signal {
            case SIGTSTP: screen.suspend()
            case SIGWINCH: screen.noteResize() // the next key is the new size
            default: return 128 + signal
            }
            needsDraw = true
        }
        return nil
    }

    /// Applies one key; the exit status when it ends the session.
    private func handle(_ key: Key) -> Int32? {
        let before = state
        let effect = ViewReducer.handle(key, state: &state, rows: rows, snapshot: snapshot)
        switch effect {
        case .quit:
            exitNote = settings.finish(with: Settings(state: state, delay: delay))
            return 0
        case .redrawAll: screen.invalidate()
        case .perform(let action):
            actions.perform(action, &state)
            sampler.sampleSoon() // what the action did shows at once
        case .cancelGracefulStop: actions.cancel(&state)
        case .none: break
        }
        if state.preferences.colorScheme != before.preferences.colorScheme { screen.use(state.preferences.colorScheme) }
        if state != before || effect != .none {
            // Moving the selection keeps the rows; only what shapes the table rebuilds them.
            if let snapshot, !state.hasSameTable(as: before) { rows = DisplayTable.rows(of: snapshot, state: state) }
            ViewReducer.keepSelectionVisible(&state, rows: rows, cpuCount: snapshot?.system.cpuMeterCount ?? 1)
            needsDraw = true
        }
        followInspectPage(reread: state.mode.inspectView?.page != before.mode.inspectView?.page)
        let options = Self.scanOptions(for: state, recording: recording != nil)
        let previous = sampler.scanOptions
        if options != previous {
            sampler.scanOptions = options
            // An order or a fold by memory needs statm for every process: soon, not at the next tick.
            if options.readsStatm, !previous.readsStatm { sampler.sampleSoon() }
        }
        return nil
    }

    /// What the view reads, and while recording what a recording holds of every
    /// process whatever the view shows: RES and SHR from statm, the cgroup.
    static func scanOptions(for state: ViewState, recording: Bool) -> ScanOptions {
        var options = state.scanOptions
        if recording {
            options.readsStatm = true
            options.readsCgroups = true
        }
        return options
    }

    /// Opens, re-reads or closes what an inspect page shows; `reread` at a new snapshot.
    private func followInspectPage(reread: Bool) {
        guard case .inspecting(let view) = state.mode else {
            inspect = nil
            return
        }
        if inspect?.target != view.target {
            inspect = InspectSession(target: view.target, procFS: procFS)
        } else if !reread {
            return
        }
        inspect?.refresh(view.page)
        needsDraw = true
    }
}
