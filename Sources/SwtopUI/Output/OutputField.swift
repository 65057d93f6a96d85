import SwtopCore

/// A column of `-o/--fields` for `--batch`, `--csv` and `--json`, named like the
/// sort keys (`pid,comm,cpu,res`, any alias `--sort` takes).
public enum OutputField: String, CaseIterable, Sendable {
    case pid, ppid, user, uid, priority, nice, virt, res, shr, state, cpu, mem, time, threads, start, tty, processor
    case pgrp, session, comm, exe, cgroup, container, unit
    /// Storage I/O from `/proc/PID/io`: rates (IO/s is their sum) and totals.
    case io
    case ioRead = "io_read"
    case ioWrite = "io_write"
    case ioReadTotal = "io_read_total"
    case ioWriteTotal = "io_write_total"
    /// TCP rates (sock_diag) and GPU use (DRM fdinfo).
    case netReceive = "net_rx"
    case netSend = "net_tx"
    case gpu
    case gpuMemory = "gpu_mem"
    case command

    /// The sampler reads these files only when a field asks for them.
    public var readsIO: Bool { [.io, .ioRead, .ioWrite, .ioReadTotal, .ioWriteTotal].contains(self) }
    public var readsNetwork: Bool { self == .netReceive || self == .netSend }
    public var readsGPU: Bool { self == .gpu || self == .gpuMemory }

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
        case .io: return plain(process.ioRates.map { $0.readPerSecond + $0.writePerSecond })
        case .ioRead: return plain(process.ioRates?.readPerSecond)
        case .ioWrite: return plain(process.ioRates?.writePerSecond)
        case .ioReadTotal: return process.ioCounters.map { String($0.readBytes) } ?? ""
        case .ioWriteTotal: return process.ioCounters.map { String($0.writtenBytes) } ?? ""
        case .netReceive: return plain(process.networkRates?.receivePerSecond)
        case .netSend: return plain(process.networkRates?.sendPerSecond)
        case .gpu: return plain(process.gpuUse?.percent)
        case .gpuMemory: return process.gpuUse?.memoryBytes.map { String($0) } ?? ""
        case .command: return TerminalText.escape(CommandText.display(process))
        }
    }

    /// A rate or a percentage with two decimals; empty when unknown.
    private func plain(_ value: Double?) -> String { value.map { Units.fixed($0, fractionDigits: 2) } ?? "" }

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
        case .io: ("IO/s", 8)
        case .ioRead: ("READ/s", 8)
        case .ioWrite: ("WRITE/s", 8)
        case .ioReadTotal: ("READ", 8)
        case .ioWriteTotal: ("WRITE", 8)
        case .netReceive: ("NET RX/s", 8)
        case .netSend: ("NET TX/s", 8)
        case .gpu: ("GPU%", 5)
        case .gpuMemory: ("GPU MEM", 8)
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
        // Sizes as the table shows them, so a column lines up with its title.
        case .io: size(process.ioRates.map { $0.readPerSecond + $0.writePerSecond })
        case .ioRead: size(process.ioRates?.readPerSecond)
        case .ioWrite: size(process.ioRates?.writePerSecond)
        case .ioReadTotal: size(process.ioCounters.map { Double($0.readBytes) })
        case .ioWriteTotal: size(process.ioCounters.map { Double($0.writtenBytes) })
        case .netReceive: size(process.networkRates?.receivePerSecond)
        case .netSend: size(process.networkRates?.sendPerSecond)
        case .gpu: process.gpuUse?.percent.map { Units.fixed($0, fractionDigits: 1) } ?? "-"
        case .gpuMemory: size(process.gpuUse?.memoryBytes.map(Double.init))
        default: plainValue(process, system).isEmpty ? "-" : plainValue(process, system)
        }
    }

    private func size(_ bytes: Double?) -> String { bytes.map { Units.size(UInt64(saturating: $0)) } ?? "-" }

    /// This field's keys of the `--json` process object, as the full object names them
    /// (`io`, the sum, gives its two rates).
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
        case .io:
            json.field("read_bytes_per_s", process.ioRates?.readPerSecond)
            json.field("write_bytes_per_s", process.ioRates?.writePerSecond)
        case .ioRead: json.field("read_bytes_per_s", process.ioRates?.readPerSecond)
        case .ioWrite: json.field("write_bytes_per_s", process.ioRates?.writePerSecond)
        case .ioReadTotal:
            json.key("read_bytes")
            if let counters = process.ioCounters { json.integer(counters.readBytes) } else { json.null() }
        case .ioWriteTotal:
            json.key("write_bytes")
            if let counters = process.ioCounters { json.integer(counters.writtenBytes) } else { json.null() }
        case .netReceive: json.field("net_rx_bytes_per_s", process.networkRates?.receivePerSecond)
        case .netSend: json.field("net_tx_bytes_per_s", process.networkRates?.sendPerSecond)
        case .gpu: json.field("gpu_percent", process.gpuUse?.percent)
        case .gpuMemory:
            json.key("gpu_memory_bytes")
            if let bytes = process.gpuUse?.memoryBytes { json.integer(bytes) } else { json.null() }
        case .command:
            json.key("cmdline")
            json.beginArray()
            for argument in details.commandLine { json.string(argument) }
            json.endArray()
        }
    }
}
