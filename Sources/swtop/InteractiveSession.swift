import Glibc
import SwtopCore
import SwtopTerminal
import SwtopUI

/// One run of the full-screen view, once the terminal and the sampler are up:
/// waits in poll(2) for a key, a new snapshot or a signal, updates the view
/// state, and redraws only when something changed. `run()` is the whole loop.
/// Replaying a recording, there is no sampler: the view steps through the file.
final class InteractiveSession {
    private var state: ViewState
    /// The snapshot on screen (with exited processes kept while highlighted).
    private var snapshot: Snapshot?
    /// The sampler's last snapshot taken in, shown or not (while paused it is not).
    private var latestGeneration: UInt64?
    /// The samples to step back through: the live ring, or the recording replayed.
    private let history: (any SampleHistory)?
    /// While looking at the past: the sample on screen.
    private var shownSequence: Int?
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
    private let sampler: Sampler?
    private let screen: TerminalScreen
    /// The read end of the pipe the signal handlers write to.
    private let signals: Int32
    private let onScreen: OnScreenReader
    private let renderer = ViewRenderer()
    /// `--record`: every sample the view takes is appended there.
    private let recording: RecordingFile?
    /// The live ring, which every sample taken goes into (`--history`).
    private let ring: SampleRing?
    private let opening: Int?

    /// - Parameters:
    ///   - sampler: nil when replaying `history`.
    ///   - history: the recording replayed, or the live ring.
    ///   - opening: where a replay starts (`--begin`); its first sample without it.
    init(
        state: ViewState, procFS: ProcFS, delay: Double, grace: Double, settings: SettingsSession,
        sampler: Sampler?, history: (any SampleHistory)?, opening: Int? = nil, screen: TerminalScreen,
        signals: Int32, recording: RecordingFile?
    ) {
        self.opening = opening
        self.state = state
        self.recording = recording
        self.history = history
        ring = sampler == nil ? nil : history as? SampleRing
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
        // The sampler may have finished while the terminal was set up; a replay opens at --begin.
        if sampler == nil, let history { show(opening ?? history.firstSequence, of: history) }
        adoptLatestSnapshot()
        while true {
            drawIfNeeded()
            let events = waitForEvents()
            if actions.isStopping { advanceGracefulStop() }
            if events.followsOutput, inspect?.pollOutput() == true { needsDraw = true }
            if let status = handlePendingSignals() { return status }
            if events.terminalClosed { return 128 + SIGHUP }
            if events.snapshotReady {
                sampler?.drainNotifications()
                adoptLatestSnapshot()
            }
            while let key = screen.readKey() {
                if let status = handle(key) { return status }
            }
        }
    }

    /// Takes the sampler's newest snapshot, if it is new, into the recording and the
    /// ring; unless paused the table, the selection and an open inspect page follow it.
    private func adoptLatestSnapshot() {
        guard let sampled = sampler?.latest, sampled.generation != latestGeneration else { return }
        latestGeneration = sampled.generation
        if let problem = recording?.append(sampled) { state.message = "--record: " + problem }
        if let ring, !ring.append(sampled) { state.message = "--history: cannot write the samples kept (disk full?)" }
        if let shownSequence {
            // Paused: the view stays; its position among the samples kept moves on.
            noteHistoryPosition(shownSequence)
            return
        }
        let latest: Snapshot
        if state.preferences.highlightsChanges {
            latest = changes.update(with: sampled)
        } else {
            changes.reset()
            latest = sampled
        }
        present(latest)
    }

    /// Puts `shown` on screen: the table, the selection and an open inspect page follow it.
    private func present(_ shown: Snapshot) {
        snapshot = shown
        ViewReducer.pruneTags(&state, snapshot: shown)
        rows = DisplayTable.rows(of: shown, state: state)
        ViewReducer.keepSelectionVisible(&state, rows: rows, cpuCount: shown.system.cpuMeterCount)
        followInspectPage(reread: true)
        needsDraw = true
    }

    /// Pauses, moves through the samples kept, or goes back to the live view.
    /// Stepping forward past the newest sample kept is going back to the live view.
    private func travel(_ move: HistoryMove) {
        guard let history, history.count > 0 else {
            state.message = "No samples are kept (--history 0)"
            return
        }
        let held = history.sequences
        let newest = held.upperBound - 1
        // The sample shown may have left the ring meanwhile: count from the oldest kept.
        let current = min(max(shownSequence ?? newest, held.lowerBound), newest)
        let target: Int
        switch move {
        case .pause:
            // What is on screen is the newest sample kept: it stays, now frozen.
            shownSequence = newest
            noteHistoryPosition(newest)
            return
        case .resume:
            guard sampler != nil else {
                state.message = "Replay: there is no live view"
                return
            }
            resumeLive()
            return
        case .samples(let step): target = current + step
        case .seconds(let seconds):
            target = history.sequence(from: current, toward: history.timestamp(at: current) + seconds)
        case .time(let time): target = history.sequence(from: current, toward: time.seconds(now: WallClock.now()))
        }
        if sampler != nil, target > newest || (shownSequence == nil && target >= newest) {
            if shownSequence == nil {
                state.message = "This is the live view: there is nothing newer"
            } else {
                resumeLive()
            }
            return
        }
        show(min(max(held.lowerBound, target), newest), of: history)
    }

    private func resumeLive() {
        shownSequence = nil
        state.history = nil
        latestGeneration = nil
        adoptLatestSnapshot()
        needsDraw = true
    }

    /// Shows the sample at `sequence`, as it was sampled.
    private func show(_ sequence: Int, of history: any SampleHistory) {
        guard let past = history.snapshot(at: sequence) else {
            state.message = "The record of that sample is damaged: it cannot be shown"
            return
        }
        shownSequence = sequence
        changes.reset()
        noteHistoryPosition(sequence)
        present(past)
    }

    /// The header's and the bottom bar's account of the sample shown.
    private func noteHistoryPosition(_ sequence: Int) {
        guard let history else { return }
        let held = history.sequences
        state.history = HistoryPosition(
            isRecording: sampler == nil, number: max(0, sequence - held.lowerBound + 1), count: held.count,
            timestamp: held.contains(sequence) ? history.timestamp(at: sequence) : state.history?.timestamp ?? 0)
        needsDraw = true
    }

    /// Reads what the rows on screen show beyond the snapshot, then draws the
    /// frame from values alone.
    private func drawIfNeeded() {
        guard needsDraw else { return }
        let reads = ViewRenderer.onScreenReads(snapshot: snapshot, state: state, rows: rows)
        let values = onScreen.read(
            reads.files, for: reads.processes, generation: snapshot?.generation ?? 0,
            monotonicSeconds: snapshot?.monotonicSeconds ?? 0,
            sampledMemoryIsFresh: !(snapshot?.memoryMayBeKept ?? false))
        let page = state.mode.inspectView.flatMap { view in
            view.isRecorded
                ? RecordedPages.page(view.page, of: view.target, in: snapshot, clock: .local)
                : inspect?.data.page(view.page)
        }
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
            // A negative descriptor is ignored by poll(2): a replay has no sampler.
            pollfd(fd: sampler?.notificationDescriptor ?? -1, events: Int16(POLLIN), revents: 0),
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
        if !actions.isStopping { sampler?.sampleSoon() }
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
            sampler?.sampleSoon() // what the action did shows at once
        case .cancelGracefulStop: actions.cancel(&state)
        case .travel(let move): travel(move)
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
        guard let sampler else { return nil }
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
    /// process whatever the view shows: RES and SHR from statm, the cgroup. statm is
    /// read afresh for every process only when the view itself needs it (an order by
    /// memory): for the recording alone, a process whose stat did not move keeps its
    /// last, which keeps `--record` within a tenth of the view's own cost.
    static func scanOptions(for state: ViewState, recording: Bool) -> ScanOptions {
        var options = state.scanOptions
        if recording {
            options.keepsStatmOfIdleProcesses = !options.readsStatm
            options.readsStatm = true
            options.readsCgroups = true
        }
        return options
    }

    /// Opens, re-reads or closes what an inspect page shows; `reread` at a new snapshot.
    private func followInspectPage(reread: Bool) {
        // A past sample's pages are made from the sample when drawn: nothing to read.
        guard case .inspecting(let view) = state.mode, !view.isRecorded else {
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
