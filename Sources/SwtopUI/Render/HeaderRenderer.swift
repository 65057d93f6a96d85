import SwtopCore

/// CPU meters (one per CPU, flowing into columns), then memory, swap, tasks,
/// load average and uptime.
struct HeaderRenderer {
    let layout: Layout
    let usesColor: Bool

    func draw(_ snapshot: Snapshot, into frame: inout Frame) {
        drawCPUs(snapshot.system, into: &frame)
        let half = layout.width / 2
        let top = layout.cpuRows
        let memory = snapshot.system.memory
        let total = Double(max(1, memory.total))
        drawBar(into: &frame, row: top, column: 0, width: half - 1, label: "Mem",
                segments: [(Double(memory.used) / total, .memoryUsed), (Double(memory.buffers) / total, .memoryBuffers),
                           (Double(memory.cache) / total, .memoryCache)],
                text: Units.compactSize(memory.used) + "/" + Units.compactSize(memory.total))
        let swapTotal = Double(max(1, memory.swapTotal))
        drawBar(into: &frame, row: top + 1, column: 0, width: half - 1, label: "Swp",
                segments: [(Double(memory.swapUsed) / swapTotal, .swapUsed)],
                text: Units.compactSize(memory.swapUsed) + "/" + Units.compactSize(memory.swapTotal))

        let tasks = snapshot.tasks
        let load = snapshot.system.load
        let right = half + 1
        var column = frame.put("Tasks: ", row: top, column: right, style: .meterLabel)
        column = frame.put("\(tasks.total - tasks.kernelThreads)", row: top, column: column, style: .bold)
        column = frame.put(", \(tasks.userlandThreads) thr, \(tasks.kernelThreads) kthr; ", row: top, column: column, style: .meterText)
        column = frame.put("\(tasks.running)", row: top, column: column, style: .processRunning)
        column = frame.put(" running", row: top, column: column, style: .meterText)
        if tasks.unreadable > 0 {
            // Other users' processes under hidepid=1: say they exist rather than look complete.
            frame.put(", \(tasks.unreadable) unreadable", row: top, column: column, style: .meterText)
        }
        column = frame.put("Load average: ", row: top + 1, column: right, style: .meterLabel)
        frame.put([load.one, load.five, load.fifteen].map { Units.fixed($0, fractionDigits: 2) }.joined(separator: " "),
                  row: top + 1, column: column, style: .bold)
        column = frame.put("Uptime: ", row: top + 2, column: right, style: .meterLabel)
        frame.put(Units.duration(seconds: snapshot.system.uptimeSeconds), row: top + 2, column: column, style: .bold)
    }

    private func drawCPUs(_ system: SystemState, into frame: inout Frame) {
        guard layout.cpuColumns > 0 else {
            drawCPU(system.cpuTotal, label: "Avg", into: &frame, row: 0, column: 0, width: layout.width)
            return
        }
        let columnWidth = layout.width / layout.cpuColumns
        let labelWidth = String(system.cpus.last?.id ?? 0).count
        for (position, cpu) in system.cpus.enumerated() {
            // Column-major, like htop: CPUs count down the first column, then the next.
            let row = position % layout.cpuRows
            let column = position / layout.cpuRows
            let label = String(cpu.id ?? position)
            drawCPU(cpu, label: String(repeating: " ", count: labelWidth - label.count) + label, into: &frame,
                    row: row, column: column * columnWidth, width: columnWidth - 1)
        }
    }

    private func drawCPU(_ cpu: CPUUsage, label: String, into frame: inout Frame, row: Int, column: Int, width: Int) {
        // Before the second sample there is no delta: an empty bar, no number.
        guard let share = cpu.percentages else {
            drawBar(into: &frame, row: row, column: column, width: width, label: label, segments: [], text: "")
            return
        }
        drawBar(into: &frame, row: row, column: column, width: width, label: label,
                segments: [(share.user / 100, .cpuUser), (share.nice / 100, .cpuNice), (share.system / 100, .cpuSystem),
                           (share.iowait / 100, .cpuIowait), (share.steal / 100, .cpuSteal)],
                text: Units.fixed(share.busy, fractionDigits: 1) + "%")
    }

    /// `Label[||||||      text]`: segments left to right, the text right-aligned inside.
    /// Without colors each segment gets its own character so they stay apart.
    private func drawBar(into frame: inout Frame, row: Int, column: Int, width: Int, label: String,
                         segments: [(Double, Style)], text: String) {
        var position = frame.put(label, row: row, column: column, style: .meterLabel)
        position = frame.put("[", row: row, column: position, style: .meterBracket)
        let inner = max(0, column + width - position - 1)
        let glyphs: [Character] = usesColor ? ["|", "|", "|", "|", "|"] : ["|", "#", "*", "@", "%"]
        var filled = 0
        var accumulated = 0.0
        for (index, segment) in segments.enumerated() {
            accumulated += max(0, segment.0)
            let end = min(inner, Int((accumulated * Double(inner)).rounded()))
            if end > filled {
                frame.fill(row: row, column: position + filled, count: end - filled,
                           character: glyphs[min(index, glyphs.count - 1)], style: segment.1)
                filled = end
            }
        }
        let shown = DisplayWidth.prefix(text, cells: inner).text
        frame.put(shown, row: row, column: position + inner - DisplayWidth.of(shown), style: .meterText)
        frame.put("]", row: row, column: position + inner, style: .meterBracket)
    }
}
