import SwtopCore

/// The inspect pages of a past sample (paused or replaying): what the sample holds of
/// the process, which is what the table, groups and JSON show, and no live read. The
/// process may have exited or its PID been reused since, so nothing is read from /proc.
public enum RecordedPages {
    public static func page(
        _ page: InspectView.Page, of target: ProcessTarget, in snapshot: Snapshot?, clock: WallClock
    )
        -> TextPage
    {
        guard let snapshot, let process = snapshot.processes.first(where: { $0.identity == target.identity }) else {
            return TextPage(
                title: ListPages.title(target, "not in this sample"), sections: [],
                notice: "PID \(target.pid) (\(target.name)) is not in the sample shown")
        }
        let status = "Sample of " + clock.dateAndTime(snapshot.timestamp)
        guard page == .detail else {
            let what: String
            switch page {
            case .environment: what = "environment"
            case .descriptors: what = "open files"
            default: what = "output"
            }
            return TextPage(
                title: ListPages.title(target, what),
                sections: [
                    TextPage.Section(
                        nil, [TextPage.Row("", "Not in the samples kept: only the live process has its \(what).")])
                ], status: status)
        }
        return TextPage(
            title: ListPages.title(target, "details, as sampled"),
            sections: [
                processSection(process, snapshot, clock: clock), family(process, snapshot), users(process),
                scheduling(process), usage(process, snapshot),
            ], status: status)
    }

    typealias Row = TextPage.Row
    typealias Section = TextPage.Section

    private static func processSection(_ process: ProcessEntry, _ snapshot: Snapshot, clock: WallClock) -> Section {
        let system = snapshot.system
        let hertz = Double(max(1, system.clockTicksPerSecond))
        let started = Double(system.bootTime) + Double(process.startTicks) / hertz
        let command = process.details.commandLine
        return Section(
            "Process",
            [
                Row(
                    "Command", command.isEmpty ? "(none: a kernel thread or a zombie)" : command.joined(separator: " ")),
                Row("Executable", process.details.executable ?? "unknown"),
                Row("State", DetailPage.stateName(process.state)),
                Row("Terminal", TerminalDevice.name(ttyNumber: process.ttyNumber) ?? "none"),
                Row("Started", clock.dateAndTime(started)),
                Row(
                    "Elapsed",
                    Units.duration(seconds: max(0, system.uptimeSeconds - Double(process.startTicks) / hertz))),
                Row("Cgroup", process.details.cgroup?.path ?? "unknown"),
            ])
    }

    private static func family(_ process: ProcessEntry, _ snapshot: Snapshot) -> Section {
        var byPID: [Int32: ProcessEntry] = [:]
        for entry in snapshot.processes where !entry.isThread { byPID[entry.pid] = entry }
        var rows: [Row] = []
        var next = byPID[process.ppid]
        var seen: Set<Int32> = [process.pid]
        // The parent first, then its parent; a cycle (PID reuse between reads) ends it.
        while let parent = next, seen.insert(parent.pid).inserted {
            let depth = rows.count
            rows.append(Row(depth == 0 ? "Parents" : "", String(repeating: " ", count: min(depth, 12)) + name(parent)))
            next = byPID[parent.ppid]
        }
        if rows.isEmpty {
            rows.append(Row("Parents", process.ppid == 0 ? "none" : "\(process.ppid) (not in the sample)"))
        }
        let children = snapshot.processes.filter { !$0.isThread && $0.ppid == process.pid }
        for (index, child) in children.enumerated() { rows.append(Row(index == 0 ? "Children" : "", name(child))) }
        if children.isEmpty { rows.append(Row("Children", "none")) }
        return Section("Parents and children", rows)
    }

    private static func users(_ process: ProcessEntry) -> Section {
        let details = process.details
        return Section(
            "Users",
            [
                Row("Real", named(details.realUID, details.realUser)),
                Row("Effective", named(details.effectiveUID, details.effectiveUser)),
            ])
    }

    private static func scheduling(_ process: ProcessEntry) -> Section {
        Section(
            "Scheduling",
            [
                Row("Nice", String(process.nice)),
                Row("Priority", String(process.priority)),
                Row("Last CPU", process.processor < 0 ? "not reported" : String(process.processor)),
                Row("Threads", String(process.threadCount)),
            ])
    }

    private static func usage(_ process: ProcessEntry, _ snapshot: Snapshot) -> Section {
        let size = { (bytes: UInt64) in Units.compactSize(bytes) }
        let rate = { (perSecond: Double) in Units.compactSize(UInt64(max(0, perSecond).rounded())) + "/s" }
        var rows = [
            Row("CPU%", process.cpuPercent.map { Units.fixed($0, fractionDigits: 1) } ?? "-"),
            Row(
                "CPU time",
                Units.cpuTime(ticks: process.cpuTicks, ticksPerSecond: snapshot.system.clockTicksPerSecond)),
            Row("MEM%", Units.fixed(process.memoryPercent, fractionDigits: 1)),
            Row("VIRT", size(process.virtualBytes)),
            Row("RES", size(process.residentBytes)),
            Row("SHR", process.sharedBytes.map(size) ?? "not recorded"),
        ]
        if let io = process.ioCounters {
            rows.append(Row("I/O read", size(io.readCharacters) + " (" + size(io.readBytes) + " from storage)"))
            rows.append(Row("I/O written", size(io.writtenCharacters) + " (" + size(io.writtenBytes) + " to storage)"))
        }
        if let io = process.ioRates {
            rows.append(Row("Disk rates", "read " + rate(io.readPerSecond) + ", write " + rate(io.writePerSecond)))
        }
        if let network = process.networkRates {
            rows.append(
                Row(
                    "TCP rates",
                    "receive " + rate(network.receivePerSecond) + ", send " + rate(network.sendPerSecond)))
        }
        if let gpu = process.gpuUse {
            let busy = gpu.percent.map { Units.fixed($0, fractionDigits: 1) + "%" } ?? "-"
            rows.append(Row("GPU", busy + (gpu.memoryBytes.map { ", memory " + size($0) } ?? "")))
        }
        return Section("CPU, memory and I/O", rows)
    }

    private static func name(_ process: ProcessEntry) -> String { "\(process.pid) \(process.details.comm)" }

    private static func named(_ id: UInt32, _ name: String) -> String { name == String(id) ? name : "\(id) \(name)" }
}
