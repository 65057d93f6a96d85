import Glibc
import SwtopHarness

/// `swtop-bench replay`: at each level, a recording of `--hours` at `--interval`
/// written from real samples, then opened and moved through in tmux (`ReplayRun`).
/// Prints the times as a Markdown table. Returns the exit status.
func runReplay(_ arguments: Arguments) -> Int32 {
    let setup: SwtopInTmux
    do {
        setup = try SwtopInTmux.prepare(mode: "replay", swtopPath: arguments.swtopPath)
    } catch {
        return error.status
    }
    let run = ReplayRun(
        tmux: setup.tmux, swtop: setup.swtop, interval: arguments.interval,
        samples: arguments.hours * 3600 / arguments.interval, presses: arguments.presses)
    let (results, status) = measureEachLevel(arguments.levels) { _, present throws(Interrupted) in
        progress("level \(present) processes: \(arguments.hours) h at \(arguments.interval) s")
        return try run.measure(processes: present)
    }
    if !results.isEmpty { print(ReplayReport.markdown(results, interval: arguments.interval)) }
    return status
}

/// `swtop-bench replay`'s results: median (max) wall milliseconds.
enum ReplayReport {
    static func markdown(_ results: [ReplayMeasurement], interval: Int) -> String {
        var lines = [
            "| processes | samples | file MB | open at start ms | open near the end ms | } ms | { deep in deltas ms | ) minute ms | ] hour ms |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for result in results {
            let cells = [
                String(result.processes), String(result.samples),
                result.fileBytes.map { Report.fixed(Double($0) / 1e6, digits: 1) } ?? "-",
                cell(result.openAtStart), cell(result.openNearEnd), cell(result.stepForward),
                cell(result.stepBack), cell(result.minute), cell(result.hour),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("\(MachineInfo.onlineCPUs) online CPUs, Linux \(MachineInfo.kernelRelease), \(MachineInfo.now).")
        lines.append(
            """
            A recording of real samples of this machine stamped \(interval) s apart, full records every \
            10 minutes; `swtop --replay FILE` in a 200x50 tmux session. Wall time from the command or the \
            key to the first `capture-pane` that shows the sample (its number in the header), median (max); \
            each capture is a few ms, inside the numbers.
            """)
        return lines.joined(separator: "\n")
    }

    private static func cell(_ timings: Timings) -> String {
        guard !timings.values.isEmpty else { return "-" }
        return Report.fixed(timings.median, digits: 0) + " (" + Report.fixed(timings.values.max() ?? .nan, digits: 0)
            + ")"
    }
}
