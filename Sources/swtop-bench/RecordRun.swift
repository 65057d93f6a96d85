import Glibc
import SwtopCore
import SwtopHarness

/// One level of `swtop-bench record`: two live views in tmux (one with `--record`),
/// then atop's and swtop's headless recorders started together, all charged over the
/// same window. Nothing of it is left afterwards: not the sessions, not the files.
struct RecordRun {
    let tmux: String
    let atop: String
    let swtop: String
    let interval: Int
    let samples: Int
    /// The farm's children: the sweep for exited helpers leaves them to the farm.
    let farmChildren: Set<pid_t>

    func measure() throws(Interrupted) -> RecordMeasurement {
        var measurement = RecordMeasurement(processes: 0, samples: samples)
        guard let scratch = TemporaryHome.created() else { return measurement }
        defer { scratch.remove() }
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer { close(null) }

        // The views first: their first, expensive sample is over before the window opens.
        let sessions = [TmuxSession(label: "bench-view", tmux: tmux), TmuxSession(label: "bench-record", tmux: tmux)]
        var views: [pid_t] = []
        defer {
            for session in sessions { _ = session.closeTerminal() }
            for pid in views { _ = Spawn.end(pid, graceSeconds: 2) }
            Orphans.reapExited(excluding: farmChildren)
        }
        let view = ["env"] + scratch.environment + [swtop, "-d", String(interval)]
        do {
            try sessions[0].start(view, width: MonitorRun.terminalWidth, height: MonitorRun.terminalHeight)
            try sessions[1].start(
                view + ["--record", scratch.path + "/view.swtop"], width: MonitorRun.terminalWidth,
                height: MonitorRun.terminalHeight)
        } catch {
            progress("the live views: \(error)")
            return measurement
        }
        for session in sessions {
            let (drawn, _) = session.waitForScreen(seconds: MonitorRun.firstFrameTimeoutSeconds) {
                ProcessRows.count(in: $0.joined(separator: "\n")) >= ProcessRows.minimumForFrame
            }
            guard drawn else {
                progress("a live view showed no processes within \(Int(MonitorRun.firstFrameTimeoutSeconds)) s")
                return measurement
            }
            session.identifyServer()
            views.append(MonitorRun.monitorPID(inPane: session.panePID))
        }
        try SignalCleanup.sleep(1)

        let atopFile = scratch.path + "/atop.raw"
        let swtopFile = scratch.path + "/swtop.swtop"
        let atopPID = try? Spawn.start(
            atop, ["atop", "-w", atopFile, String(interval), String(samples)], standardOutput: null,
            standardError: null)
        let recorderPID = try? Spawn.start(
            swtop, ["swtop", "--record", swtopFile, "--batch", "-d", String(interval), "-n", String(samples)],
            standardOutput: null, standardError: null)
        let before = views.map(Self.cpuNanoseconds)
        let start = MonotonicClock.seconds()
        try SignalCleanup.sleep(Double((samples - 1) * interval) + 0.5)
        let after = views.map(Self.cpuNanoseconds)
        let refreshes = (MonotonicClock.seconds() - start) / Double(interval)
        func perRefresh(_ index: Int) -> Double? {
            guard let first = before[index], let last = after[index], last >= first else { return nil }
            return Double(last - first) / 1e6 / refreshes
        }
        measurement.viewMillisecondsPerRefresh = perRefresh(0)
        measurement.recordingViewMillisecondsPerRefresh = perRefresh(1)

        // Both recorders end after their last sample; their CPU is in the rusage of reaped children.
        let grace = Double(interval) + 30
        measurement.atopCPUMilliseconds = atopPID.flatMap { Self.reapedCPUMilliseconds($0, within: grace) }
        measurement.recorderCPUMilliseconds = recorderPID.flatMap { Self.reapedCPUMilliseconds($0, within: grace) }
        measurement.atopBytes = Self.size(atopFile)
        measurement.swtopBytes = Self.size(swtopFile)
        return measurement
    }

    /// The time every thread of `pid` has run, from `task/*/schedstat`: nanoseconds,
    /// where `stat`'s clock ticks are too coarse for a few refreshes of 10 ms.
    static func cpuNanoseconds(_ pid: pid_t) -> UInt64? {
        guard let directory = opendir("/proc/\(pid)/task") else { return nil }
        defer { closedir(directory) }
        var total: UInt64 = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let tid = Int(name),
                let text = ProcReader.text("/proc/\(pid)/task/\(tid)/schedstat"),
                let first = text.split(separator: " ").first, let ran = UInt64(first)
            else { continue }
            total += ran
        }
        return total
    }

    /// The user and system CPU of child `pid` once it has exited; nil (and killed)
    /// when it does not end within `seconds`.
    private static func reapedCPUMilliseconds(_ pid: pid_t, within seconds: Double) -> Double? {
        var before = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &before)
        guard Spawn.reap(pid, within: seconds) != nil else {
            progress("PID \(pid) did not end after its last sample: killed")
            Spawn.kill(pid)
            return nil
        }
        var after = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &after)
        func milliseconds(_ usage: rusage) -> Double {
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
                + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
        }
        return milliseconds(after) - milliseconds(before)
    }

    private static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }
}
