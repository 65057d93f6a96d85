/// Everything one monitor measured: per level, one value per round that got one.
/// (`Timings` only collects values here; the table shows their median.)
struct MonitorResults {
    let monitor: Monitor
    var cpuMillisecondsPerRefresh: [Timings]
    var peakResidentMiB: [Timings]
    var firstFrameMilliseconds: [Timings]

    init(monitor: Monitor, levels: Int) {
        self.monitor = monitor
        cpuMillisecondsPerRefresh = Array(repeating: Timings(), count: levels)
        peakResidentMiB = Array(repeating: Timings(), count: levels)
        firstFrameMilliseconds = Array(repeating: Timings(), count: levels)
    }

    mutating func record(_ measurement: MonitorMeasurement, level: Int) {
        if let cpu = measurement.cpuMillisecondsPerRefresh { cpuMillisecondsPerRefresh[level].append(cpu) }
        if let bytes = measurement.peakResidentBytes { peakResidentMiB[level].append(Double(bytes) / 1_048_576) }
        if let first = measurement.firstFrameMilliseconds { firstFrameMilliseconds[level].append(first) }
    }
}

/// The monitors mode's results as Markdown: one row per monitor; per level its CPU
/// time per refresh, then its peak RSS, then its time to the first frame.
enum MonitorReport {
    /// - Parameter processCounts: what /proc listed at each level that was reached.
    static func markdown(_ results: [MonitorResults], processCounts: [Int], commandLine: String) -> String {
        let levels = processCounts.indices
        var header = ["monitor"]
        header += processCounts.map { "CPU ms/refresh @\($0)" }
        header += processCounts.map { "peak RSS MiB @\($0)" }
        header += processCounts.map { "first frame ms @\($0)" }
        var lines = [
            row(header),
            "|---" + String(repeating: "|---:", count: header.count - 1) + "|",
        ]
        for result in results {
            var cells = [markdownEscaped(result.monitor.version)]
            cells += levels.map { Report.fixed(result.cpuMillisecondsPerRefresh[$0].median, digits: 1) }
            cells += levels.map { Report.fixed(result.peakResidentMiB[$0].median, digits: 1) }
            cells += levels.map { Report.fixed(result.firstFrameMilliseconds[$0].median, digits: 0) }
            lines.append(row(cells))
        }
        lines.append("")
        lines.append(
            "\(MachineInfo.nowUTC), \(MachineInfo.onlineCPUs) online CPUs, Linux \(MachineInfo.kernelRelease); "
                + "reproduce with: `\(commandLine)`")
        return lines.joined(separator: "\n")
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    /// A version banner with a `|` in it must not split its cell.
    private static func markdownEscaped(_ text: String) -> String {
        text.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
