import Testing

/// The JSON Lines schema as JSONFrameEncoder writes it: names and JSON types.
enum FrameSchema {
    indirect enum Kind: Sendable, CustomStringConvertible {
        case integer, number, string, bool, array, object
        case nullable(Kind)

        func matches(_ value: JSON) -> Bool {
            switch (self, value) {
            case (.nullable, .null): return true
            case (.nullable(let kind), let value): return kind.matches(value)
            case (.integer, _): return value.integer != nil
            case (.number, .number), (.string, .string), (.bool, .bool), (.array, .array), (.object, .object):
                return true
            default: return false
            }
        }

        var description: String {
            switch self {
            case .integer: return "integer"
            case .number: return "number"
            case .string: return "string"
            case .bool: return "bool"
            case .array: return "array"
            case .object: return "object"
            case .nullable(let kind): return "\(kind) or null"
            }
        }
    }

    static let frameFields: [(String, Kind)] = [
        ("timestamp", .number), ("generation", .integer), ("uptime_seconds", .number), ("boot_time", .integer),
        ("load", .array), ("online_cpus", .integer), ("cpu", .object), ("cpus", .array),
        ("memory", .object), ("swap", .object), ("tasks", .object), ("processes", .array),
        ("disks", .nullable(.object)), ("network", .nullable(.object)), ("pressure", .nullable(.object)),
        ("temperatures", .nullable(.array)), ("cgroup_limits", .nullable(.object)), ("gpus", .nullable(.array)),
    ]

    static let processFields: [(String, Kind)] = [
        ("pid", .integer), ("ppid", .integer), ("user", .string), ("uid", .integer), ("state", .string),
        ("priority", .integer), ("nice", .integer), ("threads", .integer), ("virt_bytes", .integer),
        ("res_bytes", .integer), ("shr_bytes", .nullable(.integer)), ("cpu_percent", .nullable(.number)),
        ("mem_percent", .number), ("cpu_time_seconds", .number), ("start_time", .number),
        ("comm", .string), ("cmdline", .array), ("cmdline_truncated", .bool), ("exe", .nullable(.string)),
        ("cgroup", .nullable(.string)), ("container", .nullable(.string)), ("unit", .nullable(.string)),
        ("read_bytes_per_s", .nullable(.number)), ("write_bytes_per_s", .nullable(.number)),
        ("read_bytes", .nullable(.integer)), ("write_bytes", .nullable(.integer)),
        ("net_rx_bytes_per_s", .nullable(.number)), ("net_tx_bytes_per_s", .nullable(.number)),
        ("gpu_percent", .nullable(.number)), ("gpu_memory_bytes", .nullable(.integer)),
    ]

    static let memoryFields = [
        "total_bytes", "free_bytes", "available_bytes", "used_bytes", "buffers_bytes",
        "cached_bytes", "cache_bytes",
    ]
    static let swapFields = ["total_bytes", "free_bytes", "cached_bytes", "used_bytes"]
    static let taskFields = [
        "total", "running", "sleeping", "disk_sleep", "stopped", "zombie", "threads", "kernel_threads", "unreadable",
    ]

    /// Records an issue for every field that is missing or has the wrong type or range.
    static func check(
        _ frame: JSON, onlineCPUs: Int = ProcReader.onlineCPUs,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        func expectFields(_ object: JSON, _ fields: [(String, Kind)], _ what: String) {
            for (name, kind) in fields {
                let value = object[name]
                #expect(
                    value.map(kind.matches) == true,
                    "\(what).\(name) should be \(kind), is \(value.map(\.description) ?? "missing")",
                    sourceLocation: sourceLocation)
            }
        }
        expectFields(frame, frameFields, "frame")

        let load = frame["load"]?.array ?? []
        #expect(
            load.count == 3 && load.allSatisfy { ($0.double ?? -1) >= 0 }, "load: \(load)",
            sourceLocation: sourceLocation)
        #expect((frame["uptime_seconds"]?.double ?? 0) > 0, sourceLocation: sourceLocation)
        #expect(frame["online_cpus"]?.integer == Int64(onlineCPUs), sourceLocation: sourceLocation)
        let cpus = frame["cpus"]?.array ?? []
        #expect(cpus.count == onlineCPUs, "one entry per online CPU, got \(cpus.count)", sourceLocation: sourceLocation)
        for cpu in [frame["cpu"] ?? .null] + cpus {
            let usage = cpu["usage_percent"]
            #expect(
                usage?.isNull == true || (0...100).contains(usage?.double ?? -1),
                "usage_percent: \(usage.map(\.description) ?? "missing")", sourceLocation: sourceLocation)
            #expect(cpu["ticks"]?["idle"]?.integer != nil, sourceLocation: sourceLocation)
        }
        for (object, names, what) in [
            (frame["memory"], memoryFields, "memory"), (frame["swap"], swapFields, "swap"),
            (frame["tasks"], taskFields, "tasks"),
        ] {
            expectFields(object ?? .null, names.map { ($0, .integer) }, what)
        }
        #expect((frame["memory"]?["total_bytes"]?.integer ?? 0) > 0, sourceLocation: sourceLocation)

        for process in frame["processes"]?.array ?? [] {
            let pid = process["pid"]?.integer ?? -1
            expectFields(process, processFields, "process \(pid)")
            #expect(pid > 0, sourceLocation: sourceLocation)
            #expect(process["state"]?.string?.count == 1, "state of \(pid)", sourceLocation: sourceLocation)
            #expect(
                process["cmdline"]?.array?.allSatisfy { $0.string != nil } == true,
                "cmdline of \(pid) is an array of strings", sourceLocation: sourceLocation)
            if let cpu = process["cpu_percent"]?.double {
                #expect(
                    cpu >= 0 && cpu <= Double(onlineCPUs * 100), "cpu_percent of \(pid): \(cpu)",
                    sourceLocation: sourceLocation)
            }
            let memory = process["mem_percent"]?.double ?? -1
            #expect(memory >= 0 && memory <= 100, "mem_percent of \(pid): \(memory)", sourceLocation: sourceLocation)
        }
    }
}
