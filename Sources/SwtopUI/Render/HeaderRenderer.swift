import SwtopCore

/// CPU meters (one per CPU, flowing into columns), then the chosen meters in two
/// columns (memory and swap left, tasks, load average and uptime right by default).
struct HeaderRenderer {
    let layout: Layout
    let usesColor: Bool

    /// Meters under the CPU bars, each column top to bottom.
    var meters = Meter.defaults

    func draw(_ snapshot: Snapshot, into frame: inout Frame) {
        drawCPUs(snapshot.system, into: &frame)
        let half = layout.width / 2
        for side in [Meter.Side.left, .right] {
            let column = side == .left ? 0 : half + 1
            let width = side == .left ? half - 1 : layout.width - column
            for (offset, meter) in meters.filter({ $0.side == side }).enumerated() {
                draw(meter, snapshot, row: layout.cpuRows + offset, column: column, width: width, into: &frame)
            }
        }
    }

    private func drawCPUs(_ system: SystemState, into frame: inout Frame) {
        let limit = system.cgroupCPULimit
        guard layout.cpuColumns > 0 else {
            // One bar: the cgroup's, when it limits CPU, says more than the machine's average.
            if let limit {
                drawCgroupCPU(system, limit: limit, row: 0, column: 0, width: layout.width, into: &frame)
            } else {
                drawCPU(system.cpuTotal, label: "Avg", into: &frame, row: 0, column: 0, width: layout.width)
            }
            return
        }
        let columnWidth = layout.width / layout.cpuColumns
        let cpus = system.meteredCPUs
        // The widest label, not the last one's: /proc/stat may list cpu10 before cpu2.
        let labelWidth = cpus.enumerated().map { DecimalText.string($1.id ?? $0).count }.max() ?? 1
        // Column-major, like htop: CPUs count down the first column, then the next.
        func place(_ position: Int) -> (row: Int, column: Int) {
            (position % layout.cpuRows, position / layout.cpuRows * columnWidth)
        }
        for (position, cpu) in cpus.enumerated() {
            let label = DecimalText.string(cpu.id ?? position)
            let (row, column) = place(position)
            drawCPU(
                cpu, label: String(repeating: " ", count: labelWidth - label.count) + label, into: &frame,
                row: row, column: column, width: columnWidth - 1)
        }
        if let limit {
            let (row, column) = place(cpus.count)
            drawCgroupCPU(system, limit: limit, row: row, column: column, width: columnWidth - 1, into: &frame)
        }
    }

    private func drawCPU(_ cpu: CPUUsage, label: String, into frame: inout Frame, row: Int, column: Int, width: Int) {
        // Before the second sample there is no delta: an empty bar, no number.
        guard let share = cpu.percentages else {
            drawBar(into: &frame, row: row, column: column, width: width, label: label, segments: [], text: "")
            return
        }
        drawBar(
            into: &frame, row: row, column: column, width: width, label: label,
            segments: [
                (share.user / 100, .cpuUser), (share.nice / 100, .cpuNice), (share.system / 100, .cpuSystem),
                (share.iowait / 100, .cpuIowait), (share.steal / 100, .cpuSteal),
            ],
            text: Units.fixed(share.busy, fractionDigits: 1) + "%")
    }

    /// `Label[||||||      text]`: segments left to right, the text right-aligned inside.
    /// Without colors each segment gets its own character so they stay apart.
    func drawBar(
        into frame: inout Frame, row: Int, column: Int, width: Int, label: String,
        segments: [(Double, Style)], text: String
    ) {
        var position = frame.put(label, row: row, column: column, style: .meterLabel)
        position = frame.put("[", row: row, column: position, style: .meterBracket)
        let inner = max(0, column + width - position - 1)
        let glyphs: [Character] = usesColor ? ["|", "|", "|", "|", "|"] : ["|", "#", "*", "@", "%"]
        var filled = 0
        var accumulated = 0.0
        for (index, segment) in segments.enumerated() {
            // A share past 1 (MemTotal 0 with huge Buffers) or NaN fills the bar, never more.
            accumulated += segment.0.isNaN ? 0 : max(0, segment.0)
            let end = min(inner, Int(saturating: (min(1, accumulated) * Double(inner)).rounded()))
            if end > filled {
                frame.fill(
                    row: row, column: position + filled, count: end - filled,
                    character: glyphs[min(index, glyphs.count - 1)], style: segment.1)
                filled = end
            }
        }
        let shown = DisplayWidth.prefix(text, cells: inner).text
        frame.put(shown, row: row, column: position + inner - DisplayWidth.of(shown), style: .meterText)
        frame.put("]", row: row, column: position + inner, style: .meterBracket)
    }
}
