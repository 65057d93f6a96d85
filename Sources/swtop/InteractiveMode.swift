import Glibc
import SwtopCore
import SwtopTerminal
import SwtopUI

/// The full-screen view: starts the sampler and the terminal, then runs an
/// `InteractiveSession` until the user quits or a signal ends it.
struct InteractiveMode {
    let procFS: ProcFS
    let delay: Double
    let ordering: ProcessOrdering
    /// `--group`: grouped from the start.
    let grouping: GroupKind?
    let wantsColor: Bool
    let wantsMouse: Bool
    /// No key acts on processes.
    let readonly: Bool
    /// Seconds between SIGTERM and SIGKILL in a graceful stop.
    let grace: Double
    /// The config file: read before, written at a clean exit.
    let settings: SettingsSession
    /// `-F` and `-p`: the filter starts as the command line's (and can be edited with `\`).
    let selection: RowSelection
    /// `--record`, with the view.
    var recording: RecordingFile? = nil
    /// `--history`: minutes of samples kept for stepping back while paused (0: none).
    var historyMinutes = 10.0
    /// `--replay`: the recording shown instead of this machine, from `replayStart`
    /// (`--begin`); then nothing is sampled and no key acts on processes.
    var replay: RecordingHistory? = nil
    var replayStart: Int? = nil

    /// The bound on the live ring's records, on disk (a temporary file, see `SampleRing`).
    static let historyByteLimit = 256 << 20

    /// Returns the exit status.
    func run() throws(CommandFailure) -> Int32 {
        // The first sample is read while the terminal is set up: the first frame with data comes sooner.
        var state = ViewState(ordering: ordering, width: 0, height: 0)
        settings.start.apply(to: &state)
        state.grouping = grouping
        state.activeFilter = selection.filter
        state.filter = selection.filter.source
        state.onlyPIDs = selection.pids
        // The first problem in the config file, until the first key; all of them are on stderr.
        state.message = settings.warnings.first.map { first in
            settings.warnings.count > 1 ? first + " (and \(settings.warnings.count - 1) more)" : first
        }
        let sampler =
            replay != nil
            ? nil
            : Sampler(
                procFS: procFS, interval: delay,
                options: InteractiveSession.scanOptions(for: state, recording: recording != nil))
        sampler?.start()
        defer { sampler?.stop(waitingAtMost: 1) } // a sampler stuck in a read must not keep swtop from exiting
        let history: (any SampleHistory)? = replay ?? liveRing(&state)
        let signals = TerminationSignals.install(forTerminalView: true)
        let screen: TerminalScreen
        do {
            screen = try TerminalScreen(wantsColor: wantsColor, wantsMouse: wantsMouse)
        } catch {
            throw CommandFailure(message: error.description)
        }
        state.width = screen.width
        state.height = screen.height
        state.usesColor = screen.usesColor
        screen.use(state.preferences.colorScheme)
        state.usesUnicode = screen.usesUnicode
        state.readonly = readonly
        state.mountPoints = MountsParser.read(procFS: procFS)
        state.hasGPU = DRMDevices.exist(in: procFS)
        let session = InteractiveSession(
            state: state, procFS: procFS, delay: delay, grace: grace, settings: settings,
            sampler: sampler, history: history, opening: replayStart, screen: screen, signals: signals,
            recording: recording)
        let status = session.run()
        screen.close()
        // Printed once the terminal is back to normal.
        if let note = session.exitNote { StandardStream.error("swtop: \(TerminalText.escape(note))\n") }
        return status
    }

    /// The ring of recent samples, in a temporary file with no name under `$TMPDIR`
    /// (else /tmp); nil, with a message, when none can be made.
    private func liveRing(_ state: inout ViewState) -> SampleRing? {
        guard historyMinutes > 0 else { return nil }
        let variable = getenv("TMPDIR").map { String(cString: $0) } ?? ""
        let directory = variable.hasPrefix("/") ? variable : "/tmp"
        let ring = SampleRing(window: historyMinutes * 60, byteLimit: Self.historyByteLimit, directory: directory)
        if ring == nil {
            state.message = "--history: cannot make a temporary file in \(directory); Z cannot step back"
        }
        return ring
    }
}
