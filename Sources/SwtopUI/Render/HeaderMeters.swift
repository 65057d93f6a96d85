import SwtopCore

/// One header meter, as a bar (`Mem[|||   368M/1.0G]`) or a line of text.
extension HeaderRenderer {
    func draw(_ meter: Meter, _ snapshot: Snapshot, row: Int, column: Int, width: Int, into frame: inout Frame) {
        let system = snapshot.system
        let memory = system.memory
        if meter.kind == .memory, let limited = system.cgroupLimits?.memoryLimit(below: memory.total) {
            return drawLimitedMemory(
                limited, host: memory, style: meter.style, row: row, column: column, width: width, into: &frame)
        }
        if let line = Self.textLine(meter.kind, system) {
            return text(line.label, line.value, line.rest, row: row, column: column, width: width, into: &frame)
        }
        switch (meter.kind, meter.style) {
        case (.memory, .bar):
            let total = Double(max(1, memory.total))
            let parts = memory.composition
            drawBar(
                into: &frame, row: row, column: column, width: width, label: "Mem",
                segments: [
                    (Double(parts.usedOther) / total, .memoryUsed), (Double(parts.shared) / total, .memoryShared),
                    (Double(parts.buffers) / total, .memoryBuffers), (Double(parts.cache) / total, .memoryCache),
                ],
                text: Units.compactSize(memory.used) + "/" + Units.compactSize(memory.total))
        case (.memory, .text):
            text(
                "Mem: ", Units.compactSize(memory.used) + "/" + Units.compactSize(memory.total),
                ", buffers " + Units.compactSize(memory.buffers) + ", cache " + Units.compactSize(memory.cache),
                row: row, column: column, width: width, into: &frame)
        case (.swap, .bar):
            let total = Double(max(1, memory.swapTotal))
            drawBar(
                into: &frame, row: row, column: column, width: width, label: "Swp",
                segments: [
                    (Double(memory.swapUsed - min(memory.swapUsed, memory.swapCached)) / total, .swapUsed),
                    (Double(min(memory.swapUsed, memory.swapCached)) / total, .memoryCache),
                ],
                text: Units.compactSize(memory.swapUsed) + "/" + Units.compactSize(memory.swapTotal))
        case (.swap, .text):
            text(
                "Swp: ", Units.compactSize(memory.swapUsed) + "/" + Units.compactSize(memory.swapTotal), "",
                row: row, column: column, width: width, into: &frame)
        case (.tasks, _):
            let tasks = snapshot.tasks
            var position = frame.put("Tasks: ", row: row, column: column, style: .meterLabel, limit: width)
            position = frame.put(
                DecimalText.string(tasks.total - tasks.kernelThreads), row: row, column: position, style: .bold,
                limit: column + width - position)
            if tasks.notRefreshed > 0 {
                // Out of file descriptors: those rows are the last sample's. Said where a
                // narrow meter still shows it, in place of the thread counts.
                position = frame.put(
                    ", " + DecimalText.string(tasks.notRefreshed) + " not refreshed (out of fds)", row: row,
                    column: position,
                    style: .warning, limit: column + width - position)
                position = frame.put(
                    "; ", row: row, column: position, style: .meterText, limit: column + width - position)
            } else {
                position = frame.put(
                    ", " + DecimalText.string(tasks.userlandThreads) + " thr, "
                        + DecimalText.string(tasks.kernelThreads) + " kthr; ", row: row,
                    column: position, style: .meterText, limit: column + width - position)
            }
            position = frame.put(
                DecimalText.string(tasks.running), row: row, column: position, style: .processRunning,
                limit: column + width - position)
            position = frame.put(
                " running", row: row, column: position, style: .meterText, limit: column + width - position)
            if tasks.unreadable > 0 {
                // Other users' processes under hidepid=1: say they exist rather than look complete.
                frame.put(
                    ", " + DecimalText.string(tasks.unreadable) + " unreadable", row: row, column: position,
                    style: .meterText,
                    limit: column + width - position)
            }
        case (.load, _), (.uptime, _), (.diskIO, _), (.networkIO, _), (.pressure, _), (.temperature, _), (.gpu, _),
            (.contextSwitches, _), (.interrupts, _):
            break // drawn above as text lines
        case (.cpuFrequency, .bar):
            let frequency = system.cpuFrequency
            let share = frequency.flatMap { current in current.maximumMHz.map { current.averageMHz / max(1, $0) } } ?? 0
            drawBar(
                into: &frame, row: row, column: column, width: width, label: "Frq",
                segments: [(min(1, share), .cpuUser)],
                text: frequency.map { Self.megahertz($0.averageMHz) } ?? "-")
        case (.cpuFrequency, .text):
            let frequency = system.cpuFrequency
            text(
                "CPU clock: ", frequency.map { Self.megahertz($0.averageMHz) } ?? "-",
                frequency?.maximumMHz.map { " of " + Self.megahertz($0) } ?? "", row: row, column: column, width: width,
                into: &frame)
        case (.disk(let mount), let style):
            let usage = system.disks.first { $0.mountPoint == mount }
            let name = TerminalText.escape(mount)
            guard let usage, let total = usage.totalBytes, !usage.isStalled else {
                // A stalled statvfs: say so rather than show numbers that may be old.
                text(
                    "Disk " + name + ": ", usage?.isStalled == true ? "not responding" : "-", "", row: row,
                    column: column,
                    width: width, into: &frame)
                return
            }
            let amounts = Units.compactSize(usage.usedBytes) + "/" + Units.compactSize(total)
            if style == .bar {
                drawBar(
                    into: &frame, row: row, column: column, width: width, label: "Dsk",
                    segments: [(usage.usedFraction, .memoryUsed)], text: amounts + " " + name)
            } else {
                text(
                    "Disk " + name + ": ", amounts,
                    " (" + Units.fixed(usage.usedFraction * 100, fractionDigits: 0) + "%)",
                    row: row, column: column, width: width, into: &frame)
            }
        }
    }

    /// The meters that are one line of text in either style, as `Label: value rest`.
    private static func textLine(_ kind: Meter.Kind, _ system: SystemState) -> (
        label: String, value: String, rest: String
    )? {
        switch kind {
        case .load:
            let load = system.load
            let averages = [load.one, load.five, load.fifteen].map { Units.fixed($0, fractionDigits: 2) }
            return ("Load average: ", averages.joined(separator: " "), "")
        case .uptime: return ("Uptime: ", Units.duration(seconds: system.uptimeSeconds), "")
        case .diskIO: return ("Disk IO: ", system.diskActivity.map(ActivityText.disks) ?? "-", "")
        case .networkIO: return ("Network: ", system.networkActivity.map(ActivityText.network) ?? "-", "")
        case .pressure: return ("PSI: ", system.pressure.map(ActivityText.pressure) ?? "n/a", "")
        case .temperature: return ("Temp: ", system.temperatures.map(ActivityText.temperatures) ?? "-", "")
        case .gpu: return ("GPU: ", system.gpus.map(ActivityText.gpus) ?? "-", "")
        case .contextSwitches: return ("Context switches: ", system.contextSwitchesPerSecond.map(rate) ?? "-", "/s")
        case .interrupts: return ("Interrupts: ", system.interruptsPerSecond.map(rate) ?? "-", "/s")
        case .memory, .swap, .tasks, .cpuFrequency, .disk: return nil
        }
    }

    /// `Label: value rest`, the value in bold, cut at the meter's width.
    func text(
        _ label: String, _ value: String, _ rest: String, row: Int, column: Int, width: Int, into frame: inout Frame
    ) {
        var position = frame.put(label, row: row, column: column, style: .meterLabel, limit: width)
        position = frame.put(value, row: row, column: position, style: .bold, limit: max(0, column + width - position))
        frame.put(rest, row: row, column: position, style: .meterText, limit: max(0, column + width - position))
    }

    /// Events per second, whole numbers; thousands as `12.3k`.
    static func rate(_ perSecond: Double) -> String {
        perSecond < 10_000
            ? Units.fixed(perSecond, fractionDigits: 0) : Units.fixed(perSecond / 1000, fractionDigits: 1) + "k"
    }

    static func megahertz(_ value: Double) -> String {
        Units.fixed(value, fractionDigits: 0) + " MHz"
    }
}
