import Glibc
import SwtopCore
import SwtopHarness

/// What one run of one monitor measured; nil for what it could not measure.
struct MonitorMeasurement {
    /// Wall time from starting tmux to the first screen with process rows.
    var firstFrameMilliseconds: Double?
    var cpuMillisecondsPerRefresh: Double?
    /// VmHWM at the end of the window.
    var peakResidentBytes: UInt64?
}

/// One monitor, run as a user sees it and measured from outside: started in a
/// fresh tmux session with a fresh HOME, timed to its first frame with data,
/// then charged its CPU time over a window. Afterwards nothing of it is left: not
/// the tmux server, not the monitor, not the HOME.
struct MonitorRun {
    let tmux: String
    /// Length of the CPU window.
    let windowSeconds: Double
    /// The farm's children: the sweep for exited helpers leaves them to the farm.
    let farmChildren: Set<pid_t>

    static let terminalWidth = 200
    static let terminalHeight = 50
    /// A monitor that shows no process rows by then counts as having no first frame.
    static let firstFrameTimeoutSeconds = 10.0
    static let pollSeconds = 0.01
    /// After the first frame: start-up work (a first full scan, caches, lazily
    /// loaded data) settles before the window opens, so it measures the steady state.
    static let warmUpSeconds = 3.0
    /// What every monitor is set up to refresh at (see `Monitor`).
    static let refreshSeconds = 1.0
    /// Processes that may stand between tmux and the monitor: `env` and shells
    /// exec it in place, but a shell may also fork it.
    static let launchers: Set<String> = ["env", "sh", "bash", "dash", "zsh", "ash", "busybox"]

    /// Runs `monitor` once. The cleanup signals are held back throughout, so that
    /// Ctrl-C still tidies up first; it then comes out as `Interrupted`.
    func measure(_ monitor: Monitor) throws(Interrupted) -> MonitorMeasurement {
        try SignalCleanup.holdingBack { () throws(Interrupted) -> MonitorMeasurement in
            try measureWithSignalsHeld(monitor)
        }
    }

    private func measureWithSignalsHeld(_ monitor: Monitor) throws(Interrupted) -> MonitorMeasurement {
        guard let home = TemporaryHome.created(label: monitor.name) else { return MonitorMeasurement() }
        // Deferred first, so it runs last: the monitor may write to its HOME until it is gone.
        defer { home.remove() }
        let session = TmuxSession(label: "bench", tmux: tmux)
        // The monitor's PID, once known, to make sure of at the end.
        var monitorPID: pid_t?
        defer { stop(session, monitorPID: monitorPID, monitor: monitor) }
        return try measure(monitor, in: session, home: home, monitorPID: &monitorPID)
    }

    private func measure(
        _ monitor: Monitor, in session: TmuxSession, home: TemporaryHome,
        monitorPID: inout pid_t?
    ) throws(Interrupted) -> MonitorMeasurement {
        var measurement = MonitorMeasurement()
        let start: Double
        do {
            for file in monitor.configuration {
                try home.createFile(file.path, containing: file.contents)
            }
            // The monitor is the session's command, with `env` in front only to
            // point HOME and the XDG directories at the fresh HOME; TERM comes from tmux.
            let command = ["env"] + home.environment + [monitor.executable] + monitor.arguments
            start = MonotonicClock.seconds()
            try session.start(command, width: Self.terminalWidth, height: Self.terminalHeight, statusLine: false)
        } catch {
            progress("\(monitor.name): \(error)")
            return measurement
        }
        measurement.firstFrameMilliseconds = try waitForFirstFrame(of: monitor, in: session, since: start)

        session.identifyServer()
        let pane = session.panePID
        guard pane > 0 else {
            progress("\(monitor.name): its session ended before it could be measured")
            return measurement
        }
        let pid = Self.monitorPID(inPane: pane)
        monitorPID = pid

        try SignalCleanup.sleep(Self.warmUpSeconds)
        guard let before = ProcReader.stat(pid), !before.isZombie else {
            progress("\(monitor.name): exited during the warm-up")
            return measurement
        }
        let windowStart = MonotonicClock.seconds()
        try SignalCleanup.sleep(windowSeconds)
        let after = ProcReader.stat(pid)
        let elapsed = MonotonicClock.seconds() - windowStart
        // Read before anything else happens to it; a zombie has no memory lines.
        measurement.peakResidentBytes = MachineInfo.peakResidentBytes(statusFile: "/proc/\(pid)/status")
        guard let after, !after.isZombie, after.cpuTicks >= before.cpuTicks else {
            progress("\(monitor.name): exited during the measurement")
            return measurement
        }
        let cpuMilliseconds = Double(after.cpuTicks - before.cpuTicks) / Double(ProcReader.clockTicksPerSecond) * 1000
        measurement.cpuMillisecondsPerRefresh = cpuMilliseconds / (elapsed / Self.refreshSeconds)
        return measurement
    }

    /// Polls the screen until it shows enough process rows; returns the milliseconds
    /// since `start`, or nil (with a note) when none came in time.
    private func waitForFirstFrame(
        of monitor: Monitor, in session: TmuxSession,
        since start: Double
    ) throws(Interrupted) -> Double? {
        var lastScreen = ""
        while true {
            guard let screen = session.capture() else {
                progress("\(monitor.name): exited before its first frame")
                return nil
            }
            let now = MonotonicClock.seconds()
            if ProcessRows.count(in: screen) >= ProcessRows.minimumForFrame {
                return (now - start) * 1000
            }
            lastScreen = screen
            guard now - start < Self.firstFrameTimeoutSeconds else { break }
            try SignalCleanup.sleep(Self.pollSeconds)
        }
        let firstLine = lastScreen.split(separator: "\n").first { !$0.allSatisfy { $0 == " " } } ?? ""
        progress(
            "\(monitor.name): no screen with \(ProcessRows.minimumForFrame) process rows within "
                + "\(Int(Self.firstFrameTimeoutSeconds)) s (first line: '\(firstLine.prefix(80))'); measuring it anyway"
        )
        return nil
    }

    /// The monitor's PID: the pane's process, or that process's child while it is
    /// a launcher that forked the monitor rather than exec'ing it.
    static func monitorPID(inPane pane: pid_t) -> pid_t {
        guard let command = ProcReader.comm(pane), launchers.contains(command) else { return pane }
        return ProcReader.processes { $0.ppid == Int64(pane) && !$0.isZombie }.first ?? pane
    }

    /// Ends the session and makes sure the monitor and the tmux server are gone,
    /// reaping whatever of them became the bench's (see `Orphans`).
    private func stop(_ session: TmuxSession, monitorPID: pid_t?, monitor: Monitor) {
        if !session.closeTerminal() { progress("\(monitor.name): its tmux server did not end even after SIGKILL") }
        // The hang-up ends every monitor within moments; SIGKILL is for one that hangs.
        if let monitorPID, !Spawn.end(monitorPID, graceSeconds: 2) {
            progress("\(monitor.name) (PID \(monitorPID)) did not end even after SIGKILL")
        }
        Orphans.reapExited(excluding: farmChildren)
    }
}
