import SwtopCore

/// A column of `-o/--fields` for `--batch`, `--csv` and `--json`, named like the
/// sort keys (`pid,comm,cpu,res`, any alias `--sort` takes).
public enum OutputField: String, CaseIterable, Sendable {
    case pid, ppid, user, uid, priority, nice, virt, res, shr, state, cpu, mem, time, threads, start, tty, processor
    case pgrp, session, comm, exe, cgroup, container, unit, command

    public init?(name: String) {
        guard let key = SortKey(name: name), let field = OutputField(rawValue: key.rawValue) else { return nil }
        self = field
    }

    /// The `--batch` columns, also `--csv`'s when no `-o` is given.
    public static let batchDefault: [OutputField] = [
        .pid, .user, .priority, .nice, .virt, .res, .shr, .state, .cpu, .mem, .time, .command,
    ]

    /// `-o pid,comm,cpu`: known names, no repeats; a one-line reason otherwise.
    public static func list(_ text: String) throws(UsageError) -> [OutputField] {
        var fields: [OutputField] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let field = OutputField(name: String(name)) else {
                throw UsageError(
                    "unknown field '\(name)' in --fields; use: " + allCases.map(\.rawValue).joined(separator: ","))
            }
            guard !fields.contains(field) else { throw UsageError("field '\(name)' is named twice in --fields") }
            fields.append(field)
        }
        return fields
    }

    /// The value without units or padding, for `--csv` (sizes in bytes, times in
    /// seconds, percentages as numbers); process text escaped as everywhere.
    func plainValue(_ process: ProcessEntry, _ system: SystemState) -> String {
        let ticks = Double(max(1, system.clockTicksPerSecond))
        switch self {
        case .pid: return String(process.pid)
        case .ppid: return String(process.ppid)
        case .user: return TerminalText.escape(process.details.effectiveUser)
        case .uid: return String(process.details.effectiveUID)
        case .priority: return String(process.priority)
        case .nice: return String(process.nice)
        case .virt: return String(process.virtualBytes)
        case .res: return String(process.residentBytes)
        case .shr: return process.sharedBytes.map { String($0) } ?? ""
        case .state: return TerminalText.escape(String(process.stateLetter))
        case .cpu: return process.cpuPercent.map { Units.fixed($0, fractionDigits: 2) } ?? ""
        case .mem: return Units.fixed(process.memoryPercent, fractionDigits: 2)
        case .time: return Units.fixed(Double(process.cpuTicks) / ticks, fractionDigits: 2)
        case .threads: return String(process.threadCount)
        case .start: return Units.fixed(Double(system.bootTime) + Double(process.startTicks) / ticks, fractionDigits: 2)
        case .tty: return TerminalDevice.name(ttyNumber: process.ttyNumber) ?? ""
        case .processor: return String(process.processor)
        case .pgrp: return String(process.processGroup)
        case .session: return String(process.session)
        case .comm: return TerminalText.escape(process.details.comm)
        case .exe: return TerminalText.escape(process.details.executable ?? "")
        case .cgroup: return TerminalText.escape(process.details.cgroup?.path ?? "")
        case .container: return process.details.cgroup?.container?.shortName ?? ""
        case .unit: return TerminalText.escape(process.details.cgroup?.unit ?? "")
        case .command: return TerminalText.escape(CommandText.display(process))
        }
    }

    /// The column's title and width in `--batch -o` (the command line takes the rest of the line).
    var batchTitle: (title: String, width: Int) {
        switch self {
        case .pid, .ppid, .pgrp, .session: (rawValue.uppercased(), 7)
        case .user: ("USER", 8)
        case .uid: ("UID", 6)
        case .priority: ("PRI", 4)
        case .nice: ("NI", 3)
        case .virt, .res, .shr: (rawValue.uppercased(), 6)
        case .state: ("S", 1)
        case .cpu: ("CPU%", 5)
        case .mem: ("MEM%", 5)
        case .time: ("TIME+", 9)
        case .threads: ("THR", 4)
        case .start: ("START", 10)
        case .tty: ("TTY", 8)
        case .processor: ("CPU", 3)
        case .comm: ("COMM", 15)
        case .exe, .cgroup: (rawValue.uppercased(), 30)
        case .container: ("CONTAINER", 12)
        case .unit: ("UNIT", 24)
        case .command: ("COMMAND", 0)
        }
    }

    /// The text `--batch` shows, formatted as the default columns are.
    func batchText(_ process: ProcessEntry, _ system: SystemState) -> String {
        switch self {
        case .user: DisplayWidth.fit(TerminalText.escape(process.details.effectiveUser), cells: 8)
        case .priority: process.priority <= -100 ? "RT" : String(process.priority)
        case .virt: Units.size(process.virtualBytes)
        case .res: Units.size(process.residentBytes)
        case .shr: process.sharedBytes.map(Units.size) ?? "-"
        case .cpu: process.cpuPercent.map { Units.fixed($0, fractionDigits: 1) } ?? "-"
        case .mem: Units.fixed(process.memoryPercent, fractionDigits: 1)
        case .time: Units.cpuTime(ticks: process.cpuTicks, ticksPerSecond: system.clockTicksPerSecond)
        default: plainValue(process, system).isEmpty ? "-" : plainValue(process, system)
        }
    }

    /// This field's keys of the `--json` process object, as the full object names them.
    func writeJSON(_ process: ProcessEntry, _ system: SystemState, to json: inout JSONWriter) {
        let details = process.details
        let ticks = Double(max(1, system.clockTicksPerSecond))
        switch self {
        case .pid: json.field("pid", process.pid)
        case .ppid: json.field("ppid", process.ppid)
        case .user: json.field("user", details.effectiveUser)
        case .uid: json.field("uid", details.effectiveUID)
        case .priority: json.field("priority", process.priority)
        case .nice: json.field("nice", process.nice)
        case .virt: json.field("virt_bytes", process.virtualBytes)
        case .res: json.field("res_bytes", process.residentBytes)
        case .shr:
            json.key("shr_bytes")
            if let shared = process.sharedBytes { json.integer(shared) } else { json.null() }
        case .state: json.field("state", String(process.stateLetter))
        case .cpu: json.field("cpu_percent", process.cpuPercent)
        case .mem: json.field("mem_percent", process.memoryPercent)
        case .time: json.field("cpu_time_seconds", Double(process.cpuTicks) / ticks)
        case .threads: json.field("threads", process.threadCount)
        case .start: json.field("start_time", Double(system.bootTime) + Double(process.startTicks) / ticks)
        case .tty: json.field("tty", TerminalDevice.name(ttyNumber: process.ttyNumber))
        case .processor: json.field("processor", process.processor)
        case .pgrp: json.field("pgrp", process.processGroup)
        case .session: json.field("session", process.session)
        case .comm: json.field("comm", details.comm)
        case .exe: json.field("exe", details.executable)
        case .cgroup: json.field("cgroup", details.cgroup?.path)
        case .container: json.field("container", details.cgroup?.container?.shortName)
        case .unit: json.field("unit", details.cgroup?.unit)
        case .command:
            json.key("cmdline")
            json.beginArray()
            for argument in details.commandLine { json.string(argument) }
            json.endArray()
        }
    }
}
