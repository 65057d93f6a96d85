import SwtopCore

/// `--openmetrics` and `--textfile`: a frame in Prometheus' text exposition format
/// (what node_exporter's textfile collector reads). System series always; process
/// series only for the rows `-F`, `-p` and `--top` keep, so the number of series
/// stays what the user chose. With `--group`, group series instead of process series.
public struct OpenMetricsEncoder: Sendable {
    public var ordering: ProcessOrdering
    public var selection: RowSelection
    public var grouping: GroupKind?

    public init(ordering: ProcessOrdering, selection: RowSelection = RowSelection(), grouping: GroupKind? = nil) {
        self.ordering = ordering
        self.selection = selection
        self.grouping = grouping
    }

    public func encode(_ snapshot: Snapshot) -> String {
        let system = snapshot.system
        let ticks = Double(max(1, system.clockTicksPerSecond))
        var text = ""
        func family(_ name: String, _ type: String, _ help: String) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        }
        func sample(_ name: String, _ labels: [(String, String)], _ value: Double) {
            text += name
            if !labels.isEmpty {
                text += "{" + labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
            }
            text += " " + Self.number(value) + "\n"
        }

        family("swtop_cpu_seconds_total", "counter", "Seconds the CPUs spent in each mode, from /proc/stat.")
        for cpu in system.cpus {
            let t = cpu.ticks
            let modes: [(String, UInt64)] = [
                ("user", t.user), ("nice", t.nice), ("system", t.system), ("idle", t.idle),
                ("iowait", t.iowait), ("irq", t.irq), ("softirq", t.softirq), ("steal", t.steal),
            ]
            for (mode, value) in modes {
                sample(
                    "swtop_cpu_seconds_total", [("cpu", String(cpu.id ?? 0)), ("mode", mode)], Double(value) / ticks)
            }
        }
        let memory = system.memory
        let gauges: [(String, String, Double)] = [
            ("swtop_memory_total_bytes", "MemTotal.", Double(memory.total)),
            ("swtop_memory_used_bytes", "Memory in use, as the Memory meter counts it.", Double(memory.used)),
            (
                "swtop_memory_available_bytes", "MemAvailable (or an estimate on old kernels).",
                Double(memory.availableOrEstimate)
            ),
            ("swtop_swap_total_bytes", "SwapTotal.", Double(memory.swapTotal)),
            ("swtop_swap_used_bytes", "Swap in use.", Double(memory.swapUsed)),
            ("swtop_load1", "Load average over 1 minute.", system.load.one),
            ("swtop_load5", "Load average over 5 minutes.", system.load.five),
            ("swtop_load15", "Load average over 15 minutes.", system.load.fifteen),
            ("swtop_uptime_seconds", "Seconds since boot.", system.uptimeSeconds),
        ]
        for (name, help, value) in gauges {
            family(name, "gauge", help)
            sample(name, [], value)
        }
        let tasks = snapshot.tasks
        family("swtop_tasks", "gauge", "Processes by state.")
        for (state, count) in [
            ("running", tasks.running), ("sleeping", tasks.sleeping), ("disk_sleep", tasks.diskSleep),
            ("stopped", tasks.stopped), ("zombie", tasks.zombie), ("idle", tasks.idle),
        ] {
            sample("swtop_tasks", [("state", state)], Double(count))
        }

        if let grouping {
            let groups = selection.groups(of: snapshot, by: grouping, userID: ordering.userID)
            let groupFamilies: [(String, String, String, (ProcessGroup) -> Double)] = [
                ("swtop_group_processes", "gauge", "Processes in the group.", { Double($0.count) }),
                (
                    "swtop_group_cpu_seconds_total", "counter", "CPU time of the group's processes (user and system).",
                    { Double($0.cpuTicks) / ticks }
                ),
                ("swtop_group_resident_bytes", "gauge", "Sum of the members' RES.", { Double($0.residentBytes) }),
                (
                    "swtop_group_resident_min_bytes", "gauge", "Smallest RES of a member.",
                    { Double($0.resident.minimum) }
                ),
                ("swtop_group_resident_mean_bytes", "gauge", "Average RES of the members.", { $0.resident.mean }),
                ("swtop_group_resident_median_bytes", "gauge", "Median RES of the members.", { $0.resident.median }),
                (
                    "swtop_group_resident_max_bytes", "gauge", "Largest RES of a member.",
                    { Double($0.resident.maximum) }
                ),
                ("swtop_group_threads", "gauge", "Threads of the group's processes.", { Double($0.threads) }),
            ]
            for (name, type, help, value) in groupFamilies {
                family(name, type, help)
                for group in groups {
                    sample(
                        name, [("kind", grouping.rawValue), ("group", TerminalText.escape(group.key))], value(group))
                }
            }
            return text
        }
        let rows = selection.rows(of: snapshot, ordering: ordering).map { snapshot.processes[$0.index] }
        let processFamilies: [(String, String, String, (ProcessEntry) -> Double)] = [
            (
                "swtop_process_cpu_seconds_total", "counter", "CPU time of the process (user and system).",
                { Double($0.cpuTicks) / ticks }
            ),
            ("swtop_process_resident_bytes", "gauge", "Resident memory (RES).", { Double($0.residentBytes) }),
            ("swtop_process_virtual_bytes", "gauge", "Virtual memory (VIRT).", { Double($0.virtualBytes) }),
            ("swtop_process_threads", "gauge", "Threads of the process.", { Double($0.threadCount) }),
            (
                "swtop_process_start_time_seconds", "gauge", "When the process started, in seconds since the epoch.",
                { Double(system.bootTime) + Double($0.startTicks) / ticks }
            ),
        ]
        for (name, type, help, value) in processFamilies {
            family(name, type, help)
            for process in rows {
                let labels = [
                    ("pid", String(process.pid)), ("comm", TerminalText.escape(process.details.comm)),
                    ("user", TerminalText.escape(process.details.effectiveUser)),
                ]
                sample(name, labels, value(process))
            }
        }
        return text
    }

    /// A label value as the format requires: backslash, double quote and line feed escaped.
    static func escapeLabel(_ value: String) -> String {
        var text = ""
        for character in value {
            switch character {
            case "\\": text += "\\\\"
            case "\"": text += "\\\""
            case "\n": text += "\\n"
            default: text.append(character)
            }
        }
        return text
    }

    /// Integers without a fraction, the rest with up to three decimals; never an exponent.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf") }
        if value == value.rounded(), abs(value) < 9e15 { return String(Int64(value)) }
        return Units.fixed(value, fractionDigits: 3)
    }
}
