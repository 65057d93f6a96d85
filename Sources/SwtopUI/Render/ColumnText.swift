import Glibc
import SwtopCore

/// A cell's text for every column but the command line: numbers formatted, names escaped.
struct ColumnText {
    let system: SystemState
    /// When the snapshot was taken (seconds since the epoch), for START.
    let now: Double
    /// Exact memory, I/O rates and swap of the rows on screen.
    let onScreen: OnScreenValues

    func value(of column: TableColumn, row: DisplayRow, process: ProcessEntry) -> String {
        switch column {
        case .pid: DecimalText.string(process.pid)
        case .ppid: DecimalText.string(process.ppid)
        case .processGroup: DecimalText.string(process.processGroup)
        case .session: DecimalText.string(process.session)
        case .tty: TerminalDevice.name(ttyNumber: process.ttyNumber) ?? "?"
        case .user: DisplayWidth.fit(TerminalText.escape(process.details.effectiveUser), cells: 8)
        case .uid: DecimalText.string(process.details.effectiveUID)
        case .priority: process.priority <= -100 ? "RT" : DecimalText.string(process.priority)
        case .nice: DecimalText.string(process.nice)
        case .virt: Units.size(process.virtualBytes)
        case .res: Units.size(residentBytes(process))
        case .shr: memory(process).map { Units.size($0.sharedBytes) } ?? "-"
        case .state: TerminalText.escape(String(process.stateLetter))
        case .cpu: row.cpuPercent.map { Units.fixed($0, fractionDigits: 1) } ?? ""
        case .normalizedCPU: row.cpuPercent.map { Units.fixed($0 / Double(system.onlineCPUs), fractionDigits: 1) } ?? ""
        case .mem: Units.fixed(memoryPercent(process, row: row), fractionDigits: 1)
        case .time: Units.cpuTime(ticks: process.cpuTicks, ticksPerSecond: system.clockTicksPerSecond)
        case .threads: DecimalText.string(process.threadCount)
        case .start: startTime(process)
        case .elapsed: Self.elapsed(seconds: system.uptimeSeconds - secondsAfterBoot(process))
        case .processor: process.processor < 0 ? "-" : DecimalText.string(process.processor)
        case .comm: TerminalText.escape(process.details.comm)
        case .exe: TerminalText.escape(process.details.executable ?? "")
        case .ioRead: ioRates(process).map { Units.size(UInt64(saturating: $0.readPerSecond)) } ?? ""
        case .ioWrite: ioRates(process).map { Units.size(UInt64(saturating: $0.writePerSecond)) } ?? ""
        case .ioTotal:
            ioRates(process).map { Units.size(UInt64(saturating: $0.readPerSecond + $0.writePerSecond)) } ?? ""
        case .ioReadTotal: ioCounters(process).map { Units.size($0.readBytes) } ?? "-"
        case .ioWriteTotal: ioCounters(process).map { Units.size($0.writtenBytes) } ?? "-"
        case .swap: onScreen[process]?.swapBytes.map(Units.size) ?? "-"
        case .cgroup:
            DisplayWidth.middleCut(TerminalText.escape(process.details.cgroup?.path ?? "-"), cells: column.width - 1)
        case .container: process.details.cgroup?.container?.shortName ?? "-"
        case .unit: DisplayWidth.fit(TerminalText.escape(process.details.cgroup?.unit ?? "-"), cells: column.width - 1)
        case .netReceive: process.networkRates.map { Units.size(UInt64(saturating: $0.receivePerSecond)) } ?? ""
        case .netSend: process.networkRates.map { Units.size(UInt64(saturating: $0.sendPerSecond)) } ?? ""
        case .gpu: process.gpuUse?.percent.map { Units.fixed($0, fractionDigits: 1) } ?? ""
        case .gpuMemory: process.gpuUse?.memoryBytes.map(Units.size) ?? "-"
        case .command: ""
        }
    }

    /// io's numbers: read by the sampler for all (sorted on), or for this row on screen.
    private func ioRates(_ process: ProcessEntry) -> IORates? { process.ioRates ?? onScreen[process]?.ioRates }
    private func ioCounters(_ process: ProcessEntry) -> IOCounters? {
        process.ioCounters ?? onScreen[process]?.ioCounters
    }

    /// statm's exact numbers: read for this row on screen, or by the sampler for all.
    private func memory(_ process: ProcessEntry) -> ResidentMemory? {
        onScreen[process]?.memory ?? process.exactMemory
    }

    /// Exact RES; stat's approximate one only where statm could not be read (the
    /// process exited after the sample).
    private func residentBytes(_ process: ProcessEntry) -> UInt64 {
        memory(process)?.residentBytes ?? process.residentBytes
    }

    /// RES over MemTotal, with what a collapsed node hides, as the sampler computes it.
    private func memoryPercent(_ process: ProcessEntry, row: DisplayRow) -> Double {
        guard system.memory.total > 0 else { return 0 }
        return min(100, Double(residentBytes(process) &+ row.hiddenResidentBytes) / Double(system.memory.total) * 100)
    }

    private func secondsAfterBoot(_ process: ProcessEntry) -> Double {
        Double(process.startTicks) / Double(max(1, system.clockTicksPerSecond))
    }

    /// `HH:MM` today (within 24 hours), else `MonDD`, as ps's START shows it; `?`
    /// for a time no calendar holds (a made-up btime).
    private func startTime(_ process: ProcessEntry) -> String {
        let started = Double(system.bootTime) + secondsAfterBoot(process)
        guard let parts = WallClock.local.parts(started) else { return "?" }
        if now - started < 86_400 {
            return Units.twoDigits(UInt64(parts.tm_hour)) + ":" + Units.twoDigits(UInt64(parts.tm_min))
        }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return months[Int(parts.tm_mon) % 12] + Units.twoDigits(UInt64(parts.tm_mday))
    }

    /// `[[DD-]hh:]mm:ss`, as ps's ELAPSED shows it.
    static func elapsed(seconds: Double) -> String {
        let total = UInt64(saturating: max(0, seconds))
        let (days, hours, minutes) = (total / 86_400, total / 3600 % 24, total / 60 % 60)
        let clock = Units.twoDigits(minutes) + ":" + Units.twoDigits(total % 60)
        if days > 0 { return DecimalText.string(days) + "-" + Units.twoDigits(hours) + ":" + clock }
        return hours > 0 ? Units.twoDigits(hours) + ":" + clock : clock
    }

    /// The command line, with the program's directory left out unless full paths are wanted.
    static func command(_ process: ProcessEntry, cells: Int, fullPaths: Bool) -> String {
        let text = CommandText.display(process, cells: cells)
        let raw = process.details.rawCommandLine.utf8
        guard !fullPaths, !process.isKernelThread, !raw.isEmpty else { return text }
        // The display keeps argv's bytes (NUL as space), so a byte offset in one is one in the other.
        let program = raw.prefix { $0 != 0 }
        guard let slash = program.lastIndex(of: UInt8(ascii: "/")) else { return text }
        let skipped = raw.distance(from: raw.startIndex, to: slash) + 1
        return String(decoding: text.utf8.dropFirst(skipped), as: UTF8.self)
    }
}
