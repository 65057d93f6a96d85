/// `swtop-bench record`'s results as Markdown: one row per level.
enum RecordReport {
    static func markdown(_ results: [RecordMeasurement], interval: Int) -> String {
        var lines = [
            "| processes | samples | atop bytes/sample | swtop bytes/sample | swtop / atop | atop CPU ms/sample | swtop recorder CPU ms/sample | view CPU ms/refresh | view with --record | --record adds |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for result in results {
            let samples = Double(result.samples)
            let atop = result.atopBytes.map { Double($0) / samples }
            let swtop = result.swtopBytes.map { Double($0) / samples }
            let view = result.viewMillisecondsPerRefresh
            let recording = result.recordingViewMillisecondsPerRefresh
            let cells = [
                String(result.processes), String(result.samples),
                cell(atop, digits: 0), cell(swtop, digits: 0),
                cell(atop.flatMap { atop in swtop.map { $0 / atop } }, digits: 2),
                cell(result.atopCPUMilliseconds.map { $0 / samples }, digits: 1),
                cell(result.recorderCPUMilliseconds.map { $0 / samples }, digits: 1),
                cell(view, digits: 1), cell(recording, digits: 1),
                cell(view.flatMap { view in recording.map { ($0 - view) / view * 100 } }, digits: 1) + " %",
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("\(MachineInfo.onlineCPUs) online CPUs, Linux \(MachineInfo.kernelRelease), \(MachineInfo.now).")
        lines.append(
            """
            Every \(interval) s, at the same time: `atop -w FILE \(interval) N` and \
            `swtop --record FILE --batch -d \(interval) -n N` (bytes/sample: the file's size over N; CPU: \
            each recorder's user + system time over N), and two live views `swtop -d \(interval)` in \
            200x50 tmux sessions, one with `--record` (CPU: the time all its threads ran, from schedstat, \
            per refresh).
            """)
        return lines.joined(separator: "\n")
    }

    private static func cell(_ value: Double?, digits: Int) -> String {
        value.map { Report.fixed($0, digits: digits) } ?? "-"
    }
}
