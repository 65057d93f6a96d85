import SwtopCore

/// Plain-text frames for `--batch`, in the spirit of `top -b`: a few header lines,
/// then the process table. No escape codes, and every process-supplied string is
/// escaped, so the output is safe to read on a terminal or feed to a script.
public struct BatchTextRenderer: Sendable {
    public var ordering: ProcessOrdering
    public var showsPerCPU: Bool
    /// `--group`: the group table (largest RES first) instead of the process table.
    public var grouping: GroupKind?
    public var selection: RowSelection
    /// `-o/--fields`: these columns instead of the default ones.
    public var fields: [OutputField]?

    public init(
        ordering: ProcessOrdering, showsPerCPU: Bool = true, grouping: GroupKind? = nil,
        selection: RowSelection = RowSelection(), fields: [OutputField]? = nil
    ) {
        self.ordering = ordering
        self.selection = selection
        self.fields = fields
        self.showsPerCPU = showsPerCPU
        self.grouping = grouping
    }

    public static let columnTitles = "    PID USER      PRI  NI   VIRT    RES    SHR S  CPU%  MEM%     TIME+  COMMAND"

    public func render(_ snapshot: Snapshot, clock: WallClock = .local) -> String {
        var output = headerLines(snapshot, clock: clock).joined(separator: "\n")
        if let grouping { return output + "\n\n" + groupTable(snapshot, by: grouping) }
        let processes = snapshot.processes
        if let fields {
            output += "\n\n" + fields.map { pad($0.batchTitle.title, $0) }.joined(separator: " ") + "\n"
            for row in selection.rows(of: snapshot, ordering: ordering) {
                let process = processes[row.index]
                output +=
                    fields.map { field in
                        field == .command
                            ? TreeGuides.ascii(row) + field.batchText(process, snapshot.system)
                            : pad(field.batchText(process, snapshot.system), field)
                    }.joined(separator: " ") + "\n"
            }
            return output
        }
        output += "\n\n" + Self.columnTitles + "\n"
        let ticksPerSecond = snapshot.system.clockTicksPerSecond
        for row in selection.rows(of: snapshot, ordering: ordering) {
            output += line(for: processes[row.index], row: row, ticksPerSecond: ticksPerSecond)
            output += "\n"
        }
        return output
    }

    /// `  COUNT  CPU%  MEM%     RES     MIN     AVG     MED     MAX      TIME+   THR  PROGRAM`
    func groupTable(_ snapshot: Snapshot, by kind: GroupKind) -> String {
        let columns = GroupColumn.allCases
        func line(_ cell: (GroupColumn) -> String) -> String {
            columns.map { $0 == .key ? " " + cell($0) : pad(cell($0), $0.width) }.joined()
        }
        var output = line { $0 == .key ? kind.rawValue.uppercased() : $0.title } + "\n"
        let groups = selection.groups(of: snapshot, by: kind, userID: ordering.userID)
        let ticksPerSecond = snapshot.system.clockTicksPerSecond
        for group in groups {
            output +=
                line { column in
                    let text = column.text(of: group, ticksPerSecond: ticksPerSecond)
                    return column == .key ? TerminalText.escape(text) : (text.isEmpty ? "-" : text)
                } + "\n"
        }
        return output
    }

    func headerLines(_ snapshot: Snapshot, clock: WallClock) -> [String] {
        let system = snapshot.system
        let tasks = snapshot.tasks
        let load = system.load
        var lines = [
            "swtop - \(clock.timeOfDay(snapshot.timestamp)) up \(Units.duration(seconds: system.uptimeSeconds)),"
                + " load average: \(Units.fixed(load.one, fractionDigits: 2)), \(Units.fixed(load.five, fractionDigits: 2)),"
                + " \(Units.fixed(load.fifteen, fractionDigits: 2))",
            "Tasks: \(tasks.total) total, \(tasks.running) running, \(tasks.sleeping) sleeping, \(tasks.diskSleep) disk sleep,"
                + " \(tasks.stopped) stopped, \(tasks.zombie) zombie, \(tasks.idle) idle;"
                + " \(tasks.userlandThreads) threads, \(tasks.kernelThreads) kernel threads"
                // Only when some are (hidepid=1), so the usual line stays as top's.
                + (tasks.unreadable > 0 ? "; \(tasks.unreadable) unreadable" : "")
                + (tasks.notRefreshed > 0 ? "; \(tasks.notRefreshed) not refreshed (out of file descriptors)" : ""),
        ]
        // Labels share one width so the numbers line up: "CPU:  ", "CPU0: ", "CPU11:".
        let labelWidth = showsPerCPU ? "CPU\(system.cpus.last?.id ?? 0):".count : 4
        lines.append(cpuLine(label: "CPU:".padding(toWidth: labelWidth), system.cpuTotal))
        if showsPerCPU {
            for cpu in system.cpus {
                lines.append(cpuLine(label: "CPU\(cpu.id ?? 0):".padding(toWidth: labelWidth), cpu))
            }
        }
        let memory = system.memory
        let size = Units.compactSize
        lines.append(
            "Mem:  \(size(memory.total)) total, \(size(memory.used)) used,"
                + " \(size(memory.buffers)) buffers, \(size(memory.cache)) cache,"
                + " \(size(memory.free)) free, \(size(memory.availableOrEstimate)) available")
        lines.append(
            "Swap: \(size(memory.swapTotal)) total, \(size(memory.swapUsed)) used,"
                + " \(size(memory.swapFree)) free, \(size(memory.swapCached)) cached")
        if let disks = system.diskActivity { lines.append("Disk: " + ActivityText.disks(disks)) }
        if let interfaces = system.networkActivity { lines.append("Net:  " + ActivityText.network(interfaces)) }
        if let pressure = system.pressure { lines.append("PSI:  some/full avg10% " + ActivityText.pressure(pressure)) }
        if let readings = system.temperatures, !readings.isEmpty {
            lines.append("Temp: " + ActivityText.temperatures(readings))
        }
        return lines
    }

    private func cpuLine(label: String, _ usage: CPUUsage) -> String {
        guard let share = usage.percentages else { return label + " -" }
        func field(_ value: Double) -> String { Units.fixed(value, fractionDigits: 1) }
        return "\(label) \(pad(field(share.busy), 5))% used: \(field(share.user)) user, \(field(share.nice)) nice,"
            + " \(field(share.system)) system, \(field(share.iowait)) iowait, \(field(share.steal)) steal,"
            + " \(field(share.idle)) idle"
    }

    func line(for process: ProcessEntry, row: TableRow, ticksPerSecond: UInt64) -> String {
        let userColumn = DisplayWidth.fit(TerminalText.escape(process.details.effectiveUser), cells: 8)
        let priority = process.priority <= -100 ? "RT" : String(process.priority)
        var text = pad(String(process.pid), 7) + " " + userColumn + " "
        text += pad(priority, 4) + " " + pad(String(process.nice), 3) + " "
        text += pad(Units.size(process.virtualBytes), 6) + " " + pad(Units.size(process.residentBytes), 6) + " "
        text += pad(process.sharedBytes.map(Units.size) ?? "-", 6) + " "
        text += TerminalText.escape(String(process.stateLetter)) + " "
        text += pad(process.cpuPercent.map { Units.fixed($0, fractionDigits: 1) } ?? "-", 5) + " "
        text += pad(Units.fixed(process.memoryPercent, fractionDigits: 1), 5) + " "
        text += pad(Units.cpuTime(ticks: process.cpuTicks, ticksPerSecond: ticksPerSecond), 9) + "  "
        text += TreeGuides.ascii(row) + TerminalText.escape(CommandText.display(process))
        return text
    }

    /// Numbers right-aligned, names left-aligned, the command line as it is.
    private func pad(_ text: String, _ field: OutputField) -> String {
        let width = field.batchTitle.width
        switch field {
        case .command: return text
        case .user, .tty, .comm, .exe, .cgroup, .container, .unit: return text.padding(toWidth: width)
        default: return pad(text, width)
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}

extension String {
    /// Left-aligned in `width` characters.
    func padding(toWidth width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
