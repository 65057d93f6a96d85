import Glibc
import SwtopCore
import SwtopHarness

/// What one huge run measured; nil or empty for what it could not measure.
struct HugeMeasurement {
    var firstFrameMilliseconds: Double?
    /// True once rows of the many-threaded process's threads were on screen.
    var threadsShown = false
    /// From sending the key to the first captured screen in the new order.
    var keyMilliseconds = Timings()
    /// Presses whose new order did not show within `HugeRun.keyTimeoutSeconds`.
    var missedKeys = 0
    /// One `capture-pane`, the resolution of every time above.
    var captureMilliseconds = Timings()
    /// Seconds between successive changes of the screen's header (meters, tasks, uptime).
    var refreshSeconds = Timings()
    var cpuMillisecondsPerSecond: Double?
    var peakResidentBytes: UInt64?

    var isComplete: Bool {
        firstFrameMilliseconds != nil && threadsShown && missedKeys == 0 && !keyMilliseconds.values.isEmpty
            && !refreshSeconds.values.isEmpty && cpuMillisecondsPerSecond != nil
    }
}

/// swtop as a user meets it on a huge system: in a 200x50 tmux session, threads
/// shown, watched from outside with `capture-pane` and driven with `send-keys`.
///
/// The timed key is `N` (sort by PID; again: invert): every press re-sorts all rows,
/// the costliest thing a key does, and the result is unambiguous on screen — the
/// selected PID 1 is at the top or at the bottom of the list (see `order`). A press counts from just before `send-keys`
/// starts to the first capture that shows the new order, so tmux's own round trip
/// is inside the number; it is reported beside it.
struct HugeRun {
    let tmux: String
    let swtop: String
    /// The process whose threads must show up.
    let threadedPID: pid_t
    let presses: Int
    let windowSeconds: Double

    static let width = 200
    static let height = 50
    static let firstFrameTimeoutSeconds = 60.0
    static let keyTimeoutSeconds = 10.0
    /// Showing threads takes effect at the next refresh; two make sure.
    static let threadsSettleSeconds = 2.5

    func measure() throws(Interrupted) -> HugeMeasurement {
        var measurement = HugeMeasurement()
        let session = TmuxSession(label: "bench", tmux: tmux)
        var swtopPID: pid_t?
        defer {
            if !session.closeTerminal() { progress("the tmux server did not end even after SIGKILL") }
            if let swtopPID, !Spawn.end(swtopPID, graceSeconds: 2) {
                progress("swtop (PID \(swtopPID)) did not end even after SIGKILL")
            }
            Orphans.reapExited(excluding: [])
        }
        let start = MonotonicClock.seconds()
        do {
            try session.start([swtop, "-d", "1"], width: Self.width, height: Self.height, statusLine: false)
        } catch {
            progress(error.description)
            return measurement
        }
        guard
            try waitUntil(
                Self.firstFrameTimeoutSeconds, in: session, { ProcessRows.count(in: $0) >= ProcessRows.minimumForFrame }
            ) != nil
        else {
            progress("no screen with process rows within \(Int(Self.firstFrameTimeoutSeconds)) s")
            return measurement
        }
        measurement.firstFrameMilliseconds = (MonotonicClock.seconds() - start) * 1000
        session.identifyServer()
        let pane = session.panePID
        guard pane > 0 else {
            progress("swtop's session ended before it could be measured")
            return measurement
        }
        swtopPID = pane

        session.press("H")
        try SignalCleanup.sleep(Self.threadsSettleSeconds)
        // Into a known state: sorted by PID, ascending, PID 1 selected at the top.
        session.press("N")
        session.press("Home")
        guard try waitUntil(30, in: session, { Self.order(of: $0) == true }) != nil else {
            progress("the table did not sort by PID within 30 s")
            return measurement
        }
        // One of its threads by ID, through the filter (which matches PIDs): the
        // row exists only when threads are shown.
        if let thread = Self.lastThread(of: threadedPID) {
            session.press("\\")
            session.press(String(thread))
            measurement.threadsShown = try waitUntil(10, in: session) { Self.visiblePIDs($0).contains(thread) } != nil
            session.press("Escape") // clears the filter
        }
        if !measurement.threadsShown { progress("the threads of PID \(threadedPID) are not on screen") }
        session.press("Home")
        guard try waitUntil(10, in: session, { Self.order(of: $0) == true }) != nil else {
            progress("Home did not go back to the top within 10 s")
            return measurement
        }
        var ascending = true

        for press in 0..<presses {
            // Presses land at different points of the 1 s refresh cycle.
            try SignalCleanup.sleep(0.3 + 0.07 * Double(press % 10))
            let wanted = !ascending
            let sent = MonotonicClock.seconds()
            session.press("N")
            if try waitUntil(
                Self.keyTimeoutSeconds, in: session, { Self.order(of: $0) == wanted },
                captures: &measurement.captureMilliseconds) != nil
            {
                measurement.keyMilliseconds.append((MonotonicClock.seconds() - sent) * 1000)
            } else {
                measurement.missedKeys += 1
                progress("press \(press + 1): the new order did not show within \(Int(Self.keyTimeoutSeconds)) s")
            }
            ascending = wanted
        }

        try watchRefreshes(of: pane, in: session, into: &measurement)
        session.press("q")
        return measurement
    }

    /// Over the window: when the header changes (swtop redraws it once per sample),
    /// and swtop's CPU time.
    private func watchRefreshes(
        of pid: pid_t, in session: TmuxSession,
        into measurement: inout HugeMeasurement
    ) throws(Interrupted) {
        guard let before = ProcReader.stat(pid) else {
            progress("swtop exited before the refresh window")
            return
        }
        let start = MonotonicClock.seconds()
        var lastHeader: String?
        var lastChange: Double?
        while MonotonicClock.seconds() - start < windowSeconds {
            guard let screen = session.capture() else { break }
            let now = MonotonicClock.seconds()
            let header = String(
                screen.split(separator: "\n").prefix { !$0.contains("PID USER") }.joined(separator: "\n"))
            if let lastHeader, header != lastHeader {
                if let lastChange { measurement.refreshSeconds.append(now - lastChange) }
                lastChange = now
            }
            lastHeader = header
            try SignalCleanup.sleep(0.02)
        }
        let elapsed = MonotonicClock.seconds() - start
        measurement.peakResidentBytes = MachineInfo.peakResidentBytes(statusFile: "/proc/\(pid)/status")
        guard let after = ProcReader.stat(pid), !after.isZombie, after.cpuTicks >= before.cpuTicks else {
            progress("swtop exited during the refresh window")
            return
        }
        // CPU per second of the window: per refresh while swtop keeps its 1 s delay.
        measurement.cpuMillisecondsPerSecond =
            Double(after.cpuTicks - before.cpuTicks) / Double(ProcReader.clockTicksPerSecond) * 1000 / elapsed
    }

    /// Polls the screen until `condition` holds; returns that screen, or nil at the timeout.
    private func waitUntil(
        _ seconds: Double, in session: TmuxSession,
        _ condition: (String) -> Bool
    ) throws(Interrupted) -> String? {
        var ignored = Timings()
        return try waitUntil(seconds, in: session, condition, captures: &ignored)
    }

    private func waitUntil(
        _ seconds: Double, in session: TmuxSession, _ condition: (String) -> Bool,
        captures: inout Timings
    ) throws(Interrupted) -> String? {
        let deadline = MonotonicClock.seconds() + seconds
        while MonotonicClock.seconds() < deadline {
            let before = MonotonicClock.seconds()
            guard let screen = session.capture() else { return nil }
            captures.append((MonotonicClock.seconds() - before) * 1000)
            if condition(screen) { return screen }
            // No pause between captures, only a look for Ctrl-C: the capture itself paces the loop.
            try SignalCleanup.takePending()
        }
        return nil
    }

    /// The highest thread ID of `pid` other than its main thread's.
    static func lastThread(of pid: pid_t) -> pid_t? {
        guard let directory = opendir("/proc/\(pid)/task") else { return nil }
        defer { closedir(directory) }
        var last: pid_t?
        while let entry = readdir(directory) {
            guard let name = ProcEntries.pidName(entry), let id = pid_t(String(cString: name)), id != pid else {
                continue
            }
            last = max(last ?? id, id)
        }
        return last
    }

    /// The PIDs at the start of the table's rows, top to bottom.
    static func visiblePIDs(_ screen: String) -> [pid_t] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.firstIndex(where: { $0.contains("PID USER") }) else { return [] }
        return lines[(header + 1)...].compactMap { line in
            line.split(separator: " ", maxSplits: 1).first.flatMap { pid_t($0) }
        }
    }

    /// Which way the table is sorted by PID, told by the selected PID 1 (threads
    /// follow their process, so the rows themselves need not ascend): at the top
    /// when ascending; last in the list when descending, so the view scrolls down
    /// to it. Nil when it cannot tell (another order, too few rows).
    static func order(of screen: String) -> Bool? {
        let pids = visiblePIDs(screen)
        guard pids.count >= ProcessRows.minimumForFrame else { return nil }
        if pids.first == 1 { return true }
        if pids.contains(1) { return false }
        return nil
    }
}
