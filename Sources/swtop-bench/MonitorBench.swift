import Glibc
import SwtopHarness

/// `swtop-bench monitors`: every installed monitor at every level, for the given
/// rounds, as one table. Returns the exit status; the children are gone when it returns.
func runMonitors(_ arguments: Arguments) -> Int32 {
    guard let tmux = Spawn.executable("tmux") else {
        progress("tmux is not installed: `swtop-bench monitors` runs each monitor in a detached tmux session")
        return 1
    }
    let monitors: [Monitor]
    do {
        monitors = try Monitor.installed(swtopPath: arguments.swtopPath)
    } catch {
        progress(error.message)
        return exitUsage
    }
    guard !monitors.isEmpty else {
        progress("none of swtop, htop, top and btop is installed: nothing to measure")
        return 1
    }
    // A reader of stdout or stderr that goes away (`| head`) must not kill the bench
    // by SIGPIPE in the middle of a session, leaving a tmux server and a monitor
    // behind: its writes fail instead, and the run tidies up as usual. Subprocesses
    // get the default action back.
    signal(SIGPIPE, SIG_IGN)
    if !Orphans.adopt() {
        progress("cannot become a child subreaper: monitors that outlive their tmux server are left to init")
    }

    // Monitors read the real /proc, so the farm must fill that one.
    let farm: ProcessFarm
    do {
        farm = try ProcessFarm(root: "/proc")
    } catch {
        progress(error.description)
        return 1
    }
    defer { farm.killAll() }

    var results = monitors.map { MonitorResults(monitor: $0, levels: arguments.levels.count) }
    var processCounts: [Int] = []
    var status: Int32 = 0
    let secondsPerRun = MonitorRun.warmUpSeconds + Double(arguments.seconds) + 1
    for (levelIndex, level) in arguments.levels.enumerated() {
        do {
            let present = try farm.adjust(toTotal: level)
            processCounts.append(present)
            progress(
                "level \(level): \(present) processes (\(farm.children.count) ours), measuring "
                    + "\(monitors.map(\.name).joined(separator: ", ")), about \(Int(secondsPerRun)) s each")
        } catch {
            progress("level \(level): \(error.description)")
            status = 1
            break
        }
        let run = MonitorRun(tmux: tmux, windowSeconds: Double(arguments.seconds), farmChildren: Set(farm.children))
        for round in 0..<arguments.rounds {
            // Rotated by round and by level, so that no monitor always goes first
            // (right after the farm grew, or right after a given other monitor).
            for step in monitors.indices {
                let index = (levelIndex + round + step) % monitors.count
                let measurement: MonitorMeasurement
                do {
                    measurement = try run.measure(monitors[index])
                } catch {
                    farm.killAll()
                    SignalCleanup.redeliver(error)
                }
                results[index].record(measurement, level: levelIndex)
                progress("level \(level), round \(round + 1): \(monitors[index].name): " + describe(measurement))
            }
        }
    }
    farm.killAll()
    // A tmux server that quit on its own (its monitor failed) may have exited after the last sweep.
    Orphans.reapExited(excluding: [])
    if !processCounts.isEmpty {
        let program = CommandLine.arguments.first ?? "swtop-bench"
        print(
            MonitorReport.markdown(
                results, processCounts: processCounts,
                commandLine: arguments.monitorsCommandLine(program: program)))
    }
    return status
}

private func describe(_ measurement: MonitorMeasurement) -> String {
    let cpu = measurement.cpuMillisecondsPerRefresh.map { Report.fixed($0, digits: 1) } ?? "-"
    let peak = measurement.peakResidentBytes.map { Report.fixed(Double($0) / 1_048_576, digits: 1) } ?? "-"
    let first = measurement.firstFrameMilliseconds.map { Report.fixed($0, digits: 0) } ?? "-"
    return "\(cpu) CPU ms/refresh, peak RSS \(peak) MiB, first frame \(first) ms"
}
