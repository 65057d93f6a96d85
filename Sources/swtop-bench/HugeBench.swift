import Glibc
import SwtopHarness

/// `swtop-bench huge`: the system topped up to `--processes` processes, one of them
/// with `--threads` threads, and swtop measured in tmux (see `HugeRun`). Returns the
/// exit status: 1 when something could not be measured. Every child is gone when it
/// returns, and the kernel limits it raised are back.
func runHuge(_ arguments: Arguments) -> Int32 {
    let setup: SwtopInTmux
    do {
        setup = try SwtopInTmux.prepare(mode: "huge", swtopPath: arguments.swtopPath)
    } catch {
        return error.status
    }

    let limits = SystemLimits()
    defer { limits.restore() }
    do {
        try limits.makeRoom(forTasks: arguments.processes + arguments.threads)
    } catch {
        progress(error.description)
        return 1
    }
    let farm: ProcessFarm
    let threaded: pid_t
    do {
        farm = try ProcessFarm(root: "/proc")
    } catch {
        progress(error.description)
        return 1
    }
    defer { farm.killAll() }
    do {
        // The many-threaded process last, so that its threads have the highest IDs.
        _ = try farm.adjust(toTotal: arguments.processes - 1)
        threaded = try farm.spawnThreaded(threads: arguments.threads)
    } catch {
        progress(error.description)
        return 1
    }
    let threads = threadCount(of: threaded) ?? 0
    let processes = ProcEntries.count(root: "/proc") ?? 0
    progress(
        "\(processes) processes; PID \(threaded) has \(threads) threads; swtop -d 1 in tmux, "
            + "\(arguments.presses) key presses, then a \(arguments.seconds) s refresh window")
    if threads < arguments.threads {
        progress("only \(threads) of \(arguments.threads) threads started")
    }

    let run = HugeRun(
        tmux: setup.tmux, swtop: setup.swtop, threadedPID: threaded, presses: arguments.presses,
        windowSeconds: Double(arguments.seconds))
    let measurement: HugeMeasurement
    do {
        measurement = try SignalCleanup.holdingBack { () throws(Interrupted) -> HugeMeasurement in
            try run.measure()
        }
    } catch {
        farm.killAll()
        limits.restore()
        SignalCleanup.redeliver(error)
    }
    farm.killAll()
    limits.restore()
    print(hugeReport(measurement, processes: processes, threads: threads, arguments: arguments))
    return measurement.isComplete && threads >= arguments.threads ? 0 : 1
}

/// The `Threads:` line of /proc/PID/status.
private func threadCount(of pid: pid_t) -> Int? {
    guard let text = ProcReader.text("/proc/\(pid)/status"),
        let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Threads:") })
    else { return nil }
    return Int(line.dropFirst("Threads:".count).drop { $0 == " " || $0 == "\t" })
}

private func hugeReport(_ measurement: HugeMeasurement, processes: Int, threads: Int, arguments: Arguments) -> String {
    func milliseconds(_ timings: Timings) -> String {
        timings.values.isEmpty
            ? "-"
            : "\(Report.fixed(timings.median, digits: 0)) (\(Report.fixed(timings.values.max() ?? .nan, digits: 0)))"
    }
    func seconds(_ timings: Timings) -> String {
        timings.values.isEmpty
            ? "-"
            : "\(Report.fixed(timings.median, digits: 2)) (\(Report.fixed(timings.values.max() ?? .nan, digits: 2)))"
    }
    let cpu = measurement.cpuMillisecondsPerSecond.map { Report.fixed($0, digits: 1) } ?? "-"
    let peak = measurement.peakResidentBytes.map { Report.fixed(Double($0) / 1_048_576, digits: 1) } ?? "-"
    let first = measurement.firstFrameMilliseconds.map { Report.fixed($0, digits: 0) } ?? "-"
    let missed = measurement.missedKeys > 0 ? " (\(measurement.missedKeys) never showed)" : ""
    var words = [
        CommandLine.arguments.first ?? "swtop-bench", "huge", "--processes", String(arguments.processes),
        "--threads", String(arguments.threads), "--presses", String(arguments.presses),
        "--seconds", String(arguments.seconds),
    ]
    if let path = arguments.swtopPath { words += ["--swtop", path] }
    return """
        | processes | threads of one process | threads shown | first frame ms | key to screen ms, median (max) | refresh interval s, median (max) | swtop CPU ms per s | swtop peak RSS MiB |
        |---:|---:|---|---:|---:|---:|---:|---:|
        | \(processes) | \(threads) | \(measurement.threadsShown ? "yes" : "no") | \(first) | \(milliseconds(measurement.keyMilliseconds))\(missed) | \(seconds(measurement.refreshSeconds)) | \(cpu) | \(peak) |

        \(MachineInfo.onlineCPUs) online CPUs, Linux \(MachineInfo.kernelRelease), \(MachineInfo.nowUTC); swtop -d 1 in a \(HugeRun.width)x\(HugeRun.height) tmux session.
        Key to screen: \(measurement.keyMilliseconds.values.count) presses of N (re-sort every row by PID), from sending the key to the first capture showing the new order; one tmux capture-pane, included, takes \(milliseconds(measurement.captureMilliseconds)) ms. Refresh interval: time between changes of the header rows on screen over \(arguments.seconds) s, polled every 20 ms.
        `\(words.joined(separator: " "))`
        """
}
