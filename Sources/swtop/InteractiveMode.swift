#if canImport(Glibc)
import Glibc
#endif
import SwtopCore
import SwtopTerminal
import SwtopUI

/// The full-screen view: waits in poll(2) for a key, a new snapshot or a signal,
/// updates the view state, and redraws only when something changed.
struct InteractiveMode {
    let procFS: ProcFS
    let delay: Double
    let ordering: ProcessOrdering
    let wantsColor: Bool
    let wantsMouse: Bool
    /// No key acts on processes.
    let readonly: Bool
    /// Seconds between SIGTERM and SIGKILL in a graceful stop.
    let grace: Double
    /// The config file: read before, written at a clean exit.
    let settings: SettingsSession

    /// Returns the exit status.
    func run() throws(CommandFailure) -> Int32 {
        // The first sample is read while the terminal is set up: the first frame with data comes sooner.
        var state = ViewState(ordering: ordering, width: 0, height: 0)
        settings.start.apply(to: &state)
        // The first problem in the config file, until the first key; all of them are on stderr.
        state.message = settings.warnings.first.map { first in
            settings.warnings.count > 1 ? first + " (and \(settings.warnings.count - 1) more)" : first
        }
        // Printed once the terminal is back to normal, after the screen closes.
        var exitNote: String?
        defer { if let exitNote { StandardStream.error("swtop: \(exitNote)\n") } }
        let sampler = Sampler(procFS: procFS, interval: delay, options: Self.scanOptions(for: state))
        sampler.start()
        defer { sampler.stop(waitingAtMost: 1) } // a sampler stuck in a read must not keep swtop from exiting
        let signals = TerminationSignals.install(forTerminalView: true)
        let screen: TerminalScreen
        do {
            screen = try TerminalScreen(wantsColor: wantsColor, wantsMouse: wantsMouse)
        } catch {
            throw CommandFailure(message: error.description)
        }
        defer { screen.close() }
        state.width = screen.width
        state.height = screen.height

        state.usesColor = screen.usesColor
        screen.use(state.preferences.colorScheme)
        state.usesUnicode = screen.usesUnicode
        state.readonly = readonly
        state.mountPoints = MountsParser.read(procFS: procFS)
        var actions = ActionRunner(controller: ProcessController(procFS: procFS), grace: grace)
        let renderer = ViewRenderer()
        let sharedMemory = SharedMemoryReader(procFS: procFS)
        let onScreen = OnScreenReader(procFS: procFS)
        var snapshot: Snapshot?
        var changes = ProcessChangeTracker()
        var rows: [DisplayRow] = []
        var needsDraw = true
        var inspect: InspectSession?
        /// Opens, re-reads or closes what an inspect page shows; `reread` at a new snapshot.
        func followInspectPage(reread: Bool) {
            guard case let .inspecting(view) = state.mode else {
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
        func adoptLatestSnapshot() {
            guard let sampled = sampler.latest, sampled.generation != snapshot?.generation else { return }
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
            ViewReducer.keepSelectionVisible(&state, rows: rows, cpuCount: latest.system.cpus.count)
            followInspectPage(reread: true)
            needsDraw = true
        }
        // The sampler may have finished while the terminal was set up.
        adoptLatestSnapshot()

        while true {
            if needsDraw {
                let generation = snapshot?.generation ?? 0
                let onDemand = OnScreenValues(reader: onScreen, generation: generation, timestamp: snapshot?.timestamp ?? 0)
                let page = state.mode.inspectView.flatMap { inspect?.data.page($0.page) }
                ViewReducer.keepInspectPageInRange(&state, page: page)
                let frame = renderer.render(snapshot: snapshot, state: state, rows: rows, highlights: changes.highlights,
                                            onDemand: onDemand, sharedBytes: {
                    sharedMemory.sharedBytes(of: $0, generation: generation)
                }, page: page)
                screen.draw(frame)
                needsDraw = false
            }
            var descriptors = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: sampler.notificationDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signals, events: Int16(POLLIN), revents: 0),
            ]
            // A graceful stop's countdown wakes the loop ten times a second; the
            // output page looks for new lines four times a second.
            let followsOutput = state.mode.inspectView?.page == .output
            _ = poll(&descriptors, nfds_t(descriptors.count), actions.isStopping ? 100 : followsOutput ? 250 : -1)
            if actions.isStopping {
                actions.advance(&state)
                // The graceful stop ended: the next sample shows who is gone.
                if !actions.isStopping { sampler.sampleSoon() }
                needsDraw = true
            }
            if followsOutput, inspect?.pollOutput() == true { needsDraw = true }

            while let signal = TerminationSignals.pending() {
                switch signal {
                case SIGTSTP: screen.suspend()
                case SIGWINCH: screen.noteResize() // the next key is the new size
                default: return 128 + signal
                }
                needsDraw = true
            }
            if descriptors[0].revents & Int16(POLLHUP | POLLERR) != 0 { return 128 + SIGHUP }
            if descriptors[1].revents != 0 {
                sampler.drainNotifications()
                adoptLatestSnapshot()
            }
            while let key = screen.readKey() {
                let before = state
                let effect = ViewReducer.handle(key, state: &state, rows: rows, snapshot: snapshot)
                switch effect {
                case .quit:
                    exitNote = settings.finish(with: Settings(state: state, delay: delay))
                    return 0
                case .redrawAll: screen.invalidate()
                case let .perform(action):
                    actions.perform(action, &state)
                    sampler.sampleSoon() // what the action did shows at once
                case .cancelGracefulStop: actions.cancel(&state)
                case .none: break
                }
                if state.preferences.colorScheme != before.preferences.colorScheme { screen.use(state.preferences.colorScheme) }
                if state != before || effect != .none {
                    // Moving the selection keeps the rows; only what shapes the table rebuilds them.
                    if let snapshot, !state.hasSameTable(as: before) { rows = DisplayTable.rows(of: snapshot, state: state) }
                    ViewReducer.keepSelectionVisible(&state, rows: rows, cpuCount: snapshot?.system.cpus.count ?? 1)
                    needsDraw = true
                }
                followInspectPage(reread: state.mode.inspectView?.page != before.mode.inspectView?.page)
                let options = Self.scanOptions(for: state)
                if options != sampler.scanOptions { sampler.scanOptions = options }
            }
        }
    }

    /// SHR is read for every process only when the table is sorted by it (else
    /// for the rows on screen); threads, and kernel threads, only while they are shown;
    /// the CPU clock and disk usage only for the meters shown.
    static func scanOptions(for state: ViewState) -> ScanOptions {
        var options = ScanOptions(readsSharedMemory: state.ordering.key == .shr, readsThreads: state.showsThreads,
                                  readsKernelThreads: state.showsKernelThreads)
        options.readsCPUFrequency = state.preferences.meters.contains { $0.kind == .cpuFrequency }
        options.diskMounts = state.preferences.meters.compactMap(\.kind.mountPoint)
        options.rereadsCommandLines = state.preferences.updatesProcessNames
        return options
    }
}

/// The on-screen reader for the snapshot being drawn.
private struct OnScreenValues: OnDemandValues {
    let reader: OnScreenReader
    let generation: UInt64
    let timestamp: Double

    func ioRates(of process: ProcessEntry) -> OnScreenReader.IORates? {
        reader.ioRates(of: process, generation: generation, timestamp: timestamp)
    }

    func swapBytes(of process: ProcessEntry) -> UInt64? {
        reader.swapBytes(of: process, generation: generation, timestamp: timestamp)
    }
}
