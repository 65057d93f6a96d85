/// The machine-wide part of a record: written whole in every record (a few hundred
/// bytes before compression), so any record's meters stand on their own.
extension RecordByteWriter {
    mutating func system(_ system: SystemState) {
        cpu(system.cpuTotal)
        unsigned(UInt64(system.cpus.count))
        for cpu in system.cpus { self.cpu(cpu) }
        memory(system.memory)
        double(system.load.one)
        double(system.load.five)
        double(system.load.fifteen)
        optionalUnsigned(system.load.lastPID.map { UInt64(UInt32(bitPattern: $0)) })
        double(system.uptimeSeconds)
        unsigned(system.bootTime)
        unsigned(system.clockTicksPerSecond)
        optionalDouble(system.contextSwitchesPerSecond)
        optionalDouble(system.interruptsPerSecond)
        bool(system.cpuFrequency != nil)
        if let frequency = system.cpuFrequency {
            double(frequency.averageMHz)
            optionalDouble(frequency.maximumMHz)
        }
        unsigned(UInt64(system.disks.count))
        for disk in system.disks {
            string(disk.mountPoint)
            optionalUnsigned(disk.totalBytes)
            unsigned(disk.usedBytes)
            unsigned(disk.availableBytes)
            bool(disk.isStalled)
        }
    }

    /// Since format version 2.
    mutating func gpus(_ gpus: [GPUDevice]?) {
        bool(gpus != nil)
        guard let gpus else { return }
        unsigned(UInt64(gpus.count))
        for gpu in gpus {
            string(gpu.name)
            optionalDouble(gpu.busyPercent)
            optionalUnsigned(gpu.memoryBytes)
            unsigned(UInt64(gpu.clients))
        }
    }

    mutating func tasks(_ tasks: TaskCounts) {
        for count in [
            tasks.total, tasks.running, tasks.sleeping, tasks.diskSleep, tasks.stopped, tasks.zombie,
            tasks.idle, tasks.userlandThreads, tasks.kernelThreads, tasks.runningThreads,
            tasks.unreadable, tasks.notRefreshed,
        ] {
            signed(Int64(count))
        }
    }

    private mutating func cpu(_ cpu: CPUUsage) {
        optionalUnsigned(cpu.id.map { UInt64(max(0, $0)) })
        let ticks = cpu.ticks
        for value in [
            ticks.user, ticks.nice, ticks.system, ticks.idle, ticks.iowait, ticks.irq, ticks.softirq,
            ticks.steal, ticks.guest, ticks.guestNice,
        ] {
            unsigned(value)
        }
        bool(cpu.percentages != nil)
        if let shares = cpu.percentages {
            for value in [
                shares.user, shares.nice, shares.system, shares.irq, shares.softirq, shares.iowait,
                shares.steal, shares.guest, shares.idle,
            ] {
                double(value)
            }
        }
    }

    private mutating func memory(_ memory: MemoryInfo) {
        unsigned(memory.total)
        unsigned(memory.free)
        optionalUnsigned(memory.available)
        for value in [
            memory.buffers, memory.cached, memory.reclaimableSlab, memory.shared, memory.swapTotal,
            memory.swapFree, memory.swapCached,
        ] {
            unsigned(value)
        }
    }
}

extension RecordByteReader {
    mutating func system() throws(RecordDecodingError) -> SystemState {
        let total = try cpu()
        var cpus: [CPUUsage] = []
        for _ in 0..<(try count()) { cpus.append(try cpu()) }
        let memory = try memory()
        var load = LoadAverage(one: try double(), five: try double(), fifteen: try double())
        load.lastPID = try optionalUnsigned().map { Int32(bitPattern: UInt32(truncatingIfNeeded: $0)) }
        var system = SystemState(
            cpuTotal: total, cpus: cpus, memory: memory, load: load, uptimeSeconds: try double(),
            bootTime: try unsigned(), clockTicksPerSecond: try unsigned())
        system.contextSwitchesPerSecond = try optionalDouble()
        system.interruptsPerSecond = try optionalDouble()
        if try bool() {
            system.cpuFrequency = CPUFrequency(averageMHz: try double(), maximumMHz: try optionalDouble())
        }
        for _ in 0..<(try count()) {
            var disk = DiskUsage(
                mountPoint: try string(), totalBytes: try optionalUnsigned(),
                usedBytes: try unsigned(), availableBytes: try unsigned())
            disk.isStalled = try bool()
            system.disks.append(disk)
        }
        return system
    }

    mutating func gpus() throws(RecordDecodingError) -> [GPUDevice]? {
        guard try bool() else { return nil }
        var gpus: [GPUDevice] = []
        for _ in 0..<(try count()) {
            gpus.append(
                GPUDevice(
                    name: try string(), busyPercent: try optionalDouble(), memoryBytes: try optionalUnsigned(),
                    clients: Int(clamping: try unsigned())))
        }
        return gpus
    }

    mutating func tasks() throws(RecordDecodingError) -> TaskCounts {
        var tasks = TaskCounts()
        tasks.total = try int()
        tasks.running = try int()
        tasks.sleeping = try int()
        tasks.diskSleep = try int()
        tasks.stopped = try int()
        tasks.zombie = try int()
        tasks.idle = try int()
        tasks.userlandThreads = try int()
        tasks.kernelThreads = try int()
        tasks.runningThreads = try int()
        tasks.unreadable = try int()
        tasks.notRefreshed = try int()
        return tasks
    }

    private mutating func cpu() throws(RecordDecodingError) -> CPUUsage {
        let id = try optionalUnsigned()
        guard id.map({ $0 <= UInt64(Int32.max) }) ?? true else { throw .malformed("CPU number out of range") }
        let ticks = CPUTicks(
            user: try unsigned(), nice: try unsigned(), system: try unsigned(), idle: try unsigned(),
            iowait: try unsigned(), irq: try unsigned(), softirq: try unsigned(), steal: try unsigned(),
            guest: try unsigned(), guestNice: try unsigned())
        var shares: CPUPercentages?
        if try bool() {
            var value = CPUPercentages()
            value.user = try double()
            value.nice = try double()
            value.system = try double()
            value.irq = try double()
            value.softirq = try double()
            value.iowait = try double()
            value.steal = try double()
            value.guest = try double()
            value.idle = try double()
            shares = value
        }
        return CPUUsage(id: id.map { Int($0) }, ticks: ticks, percentages: shares)
    }

    private mutating func memory() throws(RecordDecodingError) -> MemoryInfo {
        var memory = MemoryInfo()
        memory.total = try unsigned()
        memory.free = try unsigned()
        memory.available = try optionalUnsigned()
        memory.buffers = try unsigned()
        memory.cached = try unsigned()
        memory.reclaimableSlab = try unsigned()
        memory.shared = try unsigned()
        memory.swapTotal = try unsigned()
        memory.swapFree = try unsigned()
        memory.swapCached = try unsigned()
        return memory
    }
}
