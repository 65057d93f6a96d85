import Glibc
import SwtopCore
import SwtopHarness

/// What opening and moving through a long recording took, in wall milliseconds from
/// the command or key to the first captured screen that shows the sample.
struct ReplayMeasurement {
    var processes = 0
    var samples = 0
    var fileBytes: Int?
    var openAtStart = Timings()
    var openNearEnd = Timings()
    var stepForward = Timings()
    /// `{` deep in a run of deltas: each step decodes from the full record before it.
    var stepBack = Timings()
    var minute = Timings()
    var hour = Timings()
    var missed = 0
}

/// `swtop-bench replay`: writes a recording of this machine as a recorder that ran
/// `--hours` at `--interval` would have (every sample a real read of every process,
/// stamped at its place in that time), then opens it in a 200x50 tmux session and
/// moves through it with the keys, watching the header's "sample N of M".
struct ReplayRun {
    let tmux: String
    let swtop: String
    let interval: Int
    let samples: Int
    let presses: Int

    static let timeoutSeconds = 10.0

    func measure(processes: Int) throws(Interrupted) -> ReplayMeasurement {
        var measurement = ReplayMeasurement(processes: processes, samples: samples)
        guard let scratch = TemporaryHome.created() else { return measurement }
        defer { scratch.remove() }
        let file = scratch.path + "/day.swtop"
        let start = (Double(time(nil)) / 60).rounded(.down) * 60 - Double(samples * interval)
        guard try writeRecording(file, startingAt: start) else { return measurement }
        measurement.fileBytes = Self.size(file)

        for _ in 0..<3 {
            _ = try open(file, begin: nil, timing: &measurement.openAtStart) { $0 == 1 }
        }
        // A minute before the end, where the view needs the last full record's chain.
        let nearEnd = samples - 60 / interval
        for _ in 0..<3 {
            _ = try open(file, begin: start + Double((nearEnd - 1) * interval), timing: &measurement.openNearEnd) {
                $0 == nearEnd
            }
        }
        // Forward from the start, minutes and hours from there.
        try moving(file, begin: nil) { (session, shown: inout Int) throws(Interrupted) in
            for _ in 0..<presses { try press("}", in: session, from: &shown, by: 1, into: &measurement.stepForward) }
            for _ in 0..<presses {
                try press(")", in: session, from: &shown, by: 60 / interval, into: &measurement.minute)
            }
            for _ in 0..<min(presses, samples / (3600 / interval) - 1) {
                try press("]", in: session, from: &shown, by: 3600 / interval, into: &measurement.hour)
            }
        }
        // Back from just before the tenth minute's full record: the longest chains of deltas.
        let chainEnd = 600 / interval
        try moving(file, begin: start + Double((chainEnd - 1) * interval)) {
            (session, shown: inout Int) throws(Interrupted) in
            for _ in 0..<presses { try press("{", in: session, from: &shown, by: -1, into: &measurement.stepBack) }
        }
        return measurement
    }

    /// Every sample a fresh read of this machine with what a recording reads, stamped
    /// `interval` apart from `start`; full records every 10 minutes of that time.
    private func writeRecording(_ path: String, startingAt start: Double) throws(Interrupted) -> Bool {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            progress("cannot create \(path): \(errorText(errno))")
            return false
        }
        defer { close(fd) }
        var options = ScanOptions(readsStatm: true)
        options.keepsStatmOfIdleProcesses = true
        options.readsCgroups = true
        let reader = SnapshotReader(procFS: ProcFS(root: "/proc"), options: options)
        var encoder = RecordingEncoder()
        var bytes = RecordingFormat.fileHeader()
        progress("writing \(samples) samples")
        for index in 0..<samples {
            var snapshot = reader.read()
            snapshot.timestamp = start + Double(index * interval)
            snapshot.monotonicSeconds = Double(index * interval)
            bytes += encoder.record(snapshot)
            if bytes.count > 1 << 20 || index == samples - 1 {
                guard Self.writeAll(bytes, to: fd) else {
                    progress("cannot write \(path): \(errorText(errno))")
                    return false
                }
                bytes.removeAll(keepingCapacity: true)
            }
            if index % 1000 == 999 { try SignalCleanup.takePending() }
        }
        return true
    }

    /// One opening of the file, timed to the first screen that shows process rows at
    /// the sample `expected` accepts; the session is closed again.
    private func open(
        _ file: String, begin: Double?, timing: inout Timings, expected: (Int) -> Bool
    ) throws(Interrupted) -> Bool {
        let session = TmuxSession(label: "bench-replay", tmux: tmux)
        defer {
            _ = session.closeTerminal()
            Orphans.reapExited(excluding: [])
        }
        let sent = MonotonicClock.seconds()
        do {
            try session.start(command(file, begin: begin), width: 200, height: 50, statusLine: false)
        } catch {
            progress(error.description)
            return false
        }
        let shown = try wait(in: session) { screen in
            ProcessRows.count(in: screen) >= ProcessRows.minimumForFrame
                && Self.sampleNumber(in: screen).map(expected) == true
        }
        guard shown != nil else {
            progress("the replay showed no processes at the sample asked for within \(Int(Self.timeoutSeconds)) s")
            return false
        }
        timing.append((MonotonicClock.seconds() - sent) * 1000)
        return true
    }

    private func moving(
        _ file: String, begin: Double?, _ body: (TmuxSession, inout Int) throws(Interrupted) -> Void
    ) throws(Interrupted) {
        let session = TmuxSession(label: "bench-replay", tmux: tmux)
        defer {
            _ = session.closeTerminal()
            Orphans.reapExited(excluding: [])
        }
        do {
            try session.start(command(file, begin: begin), width: 200, height: 50, statusLine: false)
        } catch {
            progress(error.description)
            return
        }
        guard let screen = try wait(in: session, { ProcessRows.count(in: $0) >= ProcessRows.minimumForFrame }),
            var shown = Self.sampleNumber(in: screen)
        else {
            progress("the replay showed no processes within \(Int(Self.timeoutSeconds)) s")
            return
        }
        try body(session, &shown)
    }

    private func press(
        _ key: String, in session: TmuxSession, from shown: inout Int, by samples: Int, into timing: inout Timings
    ) throws(Interrupted) {
        let wanted = shown + samples
        let sent = MonotonicClock.seconds()
        session.press(key)
        guard try wait(in: session, { Self.sampleNumber(in: $0) == wanted }) != nil else {
            progress("\(key) from sample \(shown) did not show sample \(wanted) within \(Int(Self.timeoutSeconds)) s")
            shown = (session.capture()).flatMap(Self.sampleNumber) ?? shown
            return
        }
        timing.append((MonotonicClock.seconds() - sent) * 1000)
        shown = wanted
    }

    private func command(_ file: String, begin: Double?) -> [String] {
        var words = [swtop, "--replay", file, "--no-config"]
        // --begin takes whole seconds before now, read when swtop starts: half an
        // interval early, the first sample at or after it is still the one at `begin`.
        if let begin {
            let before = Double(time(nil)) - begin + Double(interval) / 2
            words += ["--begin", "-\(Int(before.rounded(.down)))s"]
        }
        return words
    }

    private func wait(in session: TmuxSession, _ condition: (String) -> Bool) throws(Interrupted) -> String? {
        let deadline = MonotonicClock.seconds() + Self.timeoutSeconds
        while MonotonicClock.seconds() < deadline {
            guard let screen = session.capture() else { return nil }
            if condition(screen) { return screen }
            try SignalCleanup.takePending()
        }
        return nil
    }

    /// N of the header's "sample N of M".
    static func sampleNumber(in screen: String) -> Int? {
        guard let range = screen.firstRange(of: "sample ") else { return nil }
        return Int(screen[range.upperBound...].prefix { $0.isNumber })
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    private static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }
}
