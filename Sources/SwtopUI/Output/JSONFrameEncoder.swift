import SwtopCore

/// One JSON object per snapshot (JSON Lines). The field names are the schema
/// documented in README.md and must stay stable: add fields, never rename them.
public struct JSONFrameEncoder: Sendable {
    public var ordering: ProcessOrdering
    /// `--group`: a `groups` array after `processes`.
    public var grouping: GroupKind?

    public var selection: RowSelection
    /// `-o/--fields`: only these keys in each process object (and `depth` in a tree); nil for all.
    public var fields: [OutputField]?

    public init(
        ordering: ProcessOrdering, grouping: GroupKind? = nil, selection: RowSelection = RowSelection(),
        fields: [OutputField]? = nil
    ) {
        self.ordering = ordering
        self.grouping = grouping
        self.selection = selection
        self.fields = fields
    }

    public func encode(_ snapshot: Snapshot) -> String {
        var json = JSONWriter(capacity: 512 + snapshot.processes.count * 420)
        let system = snapshot.system
        json.beginObject()
        json.field("timestamp", snapshot.timestamp, fractionDigits: 3)
        json.field("generation", snapshot.generation)
        json.field("uptime_seconds", system.uptimeSeconds)
        json.field("boot_time", system.bootTime)
        json.key("load")
        json.beginArray()
        for value in [system.load.one, system.load.five, system.load.fifteen] { json.number(value) }
        json.endArray()
        json.field("online_cpus", system.onlineCPUs)
        json.key("cpu")
        writeCPU(system.cpuTotal, to: &json)
        json.key("cpus")
        json.beginArray()
        for cpu in system.cpus { writeCPU(cpu, to: &json) }
        json.endArray()
        writeMemory(system.memory, to: &json)
        writeTasks(snapshot.tasks, to: &json)
        writeActivity(system, to: &json)
        json.key("processes")
        json.beginArray()
        for row in selection.rows(of: snapshot, ordering: ordering) {
            writeProcess(
                snapshot.processes[row.index], depth: ordering.tree ? row.depth : nil,
                system: system, to: &json)
        }
        json.endArray()
        if let grouping { writeGroups(snapshot, by: grouping, to: &json) }
        json.endObject()
        return json.text
    }

    /// Largest RES first, as `--batch --group` prints them.
    private func writeGroups(_ snapshot: Snapshot, by kind: GroupKind, to json: inout JSONWriter) {
        json.field("group_by", kind.rawValue)
        json.key("groups")
        json.beginArray()
        for group in selection.groups(of: snapshot, by: kind, userID: ordering.userID) {
            json.beginObject()
            json.field("key", group.key)
            json.field("count", group.count)
            json.field("cpu_percent", group.cpuPercent)
            json.field("memory_percent", group.memoryPercent)
            json.field("res_bytes", group.residentBytes)
            json.key("res_stats")
            json.beginObject()
            json.field("min", group.resident.minimum)
            json.field("mean", group.resident.mean)
            json.field("median", group.resident.median)
            json.field("max", group.resident.maximum)
            json.endObject()
            json.field("cpu_ticks", group.cpuTicks)
            json.field("threads", group.threads)
            json.key("pids")
            json.beginArray()
            for pid in group.pids { json.integer(pid) }
            json.endArray()
            json.endObject()
        }
        json.endArray()
    }

    private func writeCPU(_ usage: CPUUsage, to json: inout JSONWriter) {
        json.beginObject()
        if let id = usage.id { json.field("id", id) }
        let share = usage.percentages
        json.field("usage_percent", share?.busy)
        json.field("user_percent", share?.user)
        json.field("nice_percent", share?.nice)
        json.field("system_percent", share?.system)
        json.field("irq_percent", share?.irq)
        json.field("softirq_percent", share?.softirq)
        json.field("iowait_percent", share?.iowait)
        json.field("steal_percent", share?.steal)
        json.field("guest_percent", share?.guest)
        json.field("idle_percent", share?.idle)
        let ticks = usage.ticks
        json.key("ticks")
        json.beginObject()
        json.field("user", ticks.user)
        json.field("nice", ticks.nice)
        json.field("system", ticks.system)
        json.field("idle", ticks.idle)
        json.field("iowait", ticks.iowait)
        json.field("irq", ticks.irq)
        json.field("softirq", ticks.softirq)
        json.field("steal", ticks.steal)
        json.field("guest", ticks.guest)
        json.field("guest_nice", ticks.guestNice)
        json.endObject()
        json.endObject()
    }

    private func writeMemory(_ memory: MemoryInfo, to json: inout JSONWriter) {
        json.key("memory")
        json.beginObject()
        json.field("total_bytes", memory.total)
        json.field("free_bytes", memory.free)
        json.field("available_bytes", memory.availableOrEstimate)
        json.field("available_estimated", memory.available == nil)
        json.field("used_bytes", memory.used)
        json.field("buffers_bytes", memory.buffers)
        json.field("cached_bytes", memory.cached)
        json.field("sreclaimable_bytes", memory.reclaimableSlab)
        json.field("cache_bytes", memory.cache)
        json.field("shmem_bytes", memory.shared)
        json.endObject()
        json.key("swap")
        json.beginObject()
        json.field("total_bytes", memory.swapTotal)
        json.field("free_bytes", memory.swapFree)
        json.field("cached_bytes", memory.swapCached)
        json.field("used_bytes", memory.swapUsed)
        json.endObject()
    }

    private func writeTasks(_ tasks: TaskCounts, to json: inout JSONWriter) {
        json.key("tasks")
        json.beginObject()
        json.field("total", tasks.total)
        json.field("running", tasks.running)
        json.field("sleeping", tasks.sleeping)
        json.field("disk_sleep", tasks.diskSleep)
        json.field("stopped", tasks.stopped)
        json.field("zombie", tasks.zombie)
        json.field("idle", tasks.idle)
        json.field("threads", tasks.userlandThreads)
        json.field("kernel_threads", tasks.kernelThreads)
        json.field("running_threads", tasks.runningThreads)
        json.field("unreadable", tasks.unreadable)
        json.endObject()
    }

    private func writeProcess(_ process: ProcessEntry, depth: Int?, system: SystemState, to json: inout JSONWriter) {
        if let fields {
            json.beginObject()
            for field in fields { field.writeJSON(process, system, to: &json) }
            if let depth { json.field("depth", depth) }
            json.endObject()
            return
        }
        let details = process.details
        let ticksPerSecond = Double(max(1, system.clockTicksPerSecond))
        json.beginObject()
        json.field("pid", process.pid)
        json.field("ppid", process.ppid)
        json.field("pgrp", process.processGroup)
        json.field("session", process.session)
        json.field("tty_nr", process.ttyNumber)
        json.field("tty", TerminalDevice.name(ttyNumber: process.ttyNumber))
        json.field("state", String(process.stateLetter))
        json.field("user", details.effectiveUser)
        json.field("uid", details.effectiveUID)
        json.field("real_user", details.realUser)
        json.field("real_uid", details.realUID)
        json.field("priority", process.priority)
        json.field("nice", process.nice)
        json.field("threads", process.threadCount)
        json.field("virt_bytes", process.virtualBytes)
        json.field("res_bytes", process.residentBytes)
        json.key("shr_bytes")
        if let shared = process.sharedBytes { json.integer(shared) } else { json.null() }
        json.field("cpu_percent", process.cpuPercent)
        json.field("mem_percent", process.memoryPercent)
        json.field("user_seconds", Double(process.userTicks) / ticksPerSecond)
        json.field("system_seconds", Double(process.systemTicks) / ticksPerSecond)
        json.field("cpu_time_seconds", Double(process.cpuTicks) / ticksPerSecond)
        json.field("start_time", Double(system.bootTime) + Double(process.startTicks) / ticksPerSecond)
        json.field("start_ticks", process.startTicks)
        json.field("processor", process.processor)
        json.field("kernel_thread", process.isKernelThread)
        json.field("comm", details.comm)
        json.key("cmdline")
        json.beginArray()
        for argument in details.commandLine { json.string(argument) }
        json.endArray()
        json.field("cmdline_truncated", details.commandLineIsTruncated)
        json.field("exe", details.executable)
        json.field("cgroup", details.cgroup?.path)
        json.field("container", details.cgroup?.container?.shortName)
        json.field("unit", details.cgroup?.unit)
        // /proc/PID/io: null when unreadable (another user's process when not root) or on the first sample.
        json.field("read_bytes_per_s", process.ioRates?.readPerSecond)
        json.field("write_bytes_per_s", process.ioRates?.writePerSecond)
        json.key("read_bytes")
        if let counters = process.ioCounters { json.integer(counters.readBytes) } else { json.null() }
        json.key("write_bytes")
        if let counters = process.ioCounters { json.integer(counters.writtenBytes) } else { json.null() }
        // TCP sockets (sock_diag) and DRM clients (fdinfo): null when not read, not permitted, or first sample.
        json.field("net_rx_bytes_per_s", process.networkRates?.receivePerSecond)
        json.field("net_tx_bytes_per_s", process.networkRates?.sendPerSecond)
        json.field("gpu_percent", process.gpuUse?.percent)
        json.key("gpu_memory_bytes")
        if let bytes = process.gpuUse?.memoryBytes { json.integer(bytes) } else { json.null() }
        if let depth { json.field("depth", depth) }
        json.endObject()
    }
}
