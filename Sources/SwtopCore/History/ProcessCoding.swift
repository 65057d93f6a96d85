/// One process in a record: its identity, then a mask of the fields that follow.
/// In a delta record a process the previous sample had writes only what changed;
/// a new process (or any process in a full record) writes everything.
enum ProcessField: Int, CaseIterable {
    case ppid, threadGroupID, processGroup, session, ttyNumber, state, flags, priority, nice, threadCount
    case userTicks, systemTicks, virtualBytes, approximateResidentBytes, exactMemory, processor, directoryOwner
    case cpuPercent, memoryPercent, details, io
    /// Since format version 2.
    case network, gpu

    var bit: UInt64 { 1 << UInt64(rawValue) }
    static let all: UInt64 = (1 << UInt64(allCases.count)) - 1
}

extension RecordByteWriter {
    /// `previous` is the same identity in the previous sample, nil to write it whole.
    mutating func process(_ entry: ProcessEntry, previous: ProcessEntry?) {
        let mask = previous.map { Self.changes(entry, from: $0) } ?? ProcessField.all
        unsigned(mask)
        func has(_ field: ProcessField) -> Bool { mask & field.bit != 0 }
        if has(.ppid) { signed(Int64(entry.ppid)) }
        if has(.threadGroupID) { signed(Int64(entry.threadGroupID)) }
        if has(.processGroup) { signed(Int64(entry.processGroup)) }
        if has(.session) { signed(Int64(entry.session)) }
        if has(.ttyNumber) { signed(Int64(entry.ttyNumber)) }
        if has(.state) { byte(entry.state) }
        if has(.flags) { byte((entry.isKernelThread ? 1 : 0) | (entry.isCarriedOver ? 2 : 0)) }
        if has(.priority) { signed(Int64(entry.priority)) }
        if has(.nice) { signed(Int64(entry.nice)) }
        if has(.threadCount) { signed(Int64(entry.threadCount)) }
        if has(.userTicks) { unsigned(entry.userTicks) }
        if has(.systemTicks) { unsigned(entry.systemTicks) }
        if has(.virtualBytes) { unsigned(entry.virtualBytes) }
        if has(.approximateResidentBytes) { unsigned(entry.approximateResidentBytes) }
        if has(.exactMemory) {
            bool(entry.exactMemory != nil)
            if let memory = entry.exactMemory {
                unsigned(memory.residentBytes)
                unsigned(memory.sharedBytes)
            }
        }
        if has(.processor) { signed(Int64(entry.processor)) }
        if has(.directoryOwner) { unsigned(UInt64(entry.directoryOwner)) }
        if has(.cpuPercent) { optionalDouble(entry.cpuPercent) }
        if has(.memoryPercent) { double(entry.memoryPercent) }
        if has(.details) { details(entry.details) }
        if has(.io) {
            bool(entry.ioCounters != nil)
            if let counters = entry.ioCounters {
                for value in [
                    counters.readCharacters, counters.writtenCharacters, counters.readBytes,
                    counters.writtenBytes, counters.cancelledWriteBytes,
                ] {
                    unsigned(value)
                }
            }
            bool(entry.ioRates != nil)
            if let rates = entry.ioRates {
                double(rates.readPerSecond)
                double(rates.writePerSecond)
            }
        }
        if has(.network) {
            bool(entry.networkRates != nil)
            if let rates = entry.networkRates {
                double(rates.receivePerSecond)
                double(rates.sendPerSecond)
            }
        }
        if has(.gpu) {
            bool(entry.gpuUse != nil)
            if let use = entry.gpuUse {
                optionalDouble(use.percent)
                optionalUnsigned(use.memoryBytes)
            }
        }
    }

    private static func changes(_ entry: ProcessEntry, from old: ProcessEntry) -> UInt64 {
        var mask: UInt64 = 0
        func mark(_ field: ProcessField, _ changed: Bool) { if changed { mask |= field.bit } }
        mark(.ppid, entry.ppid != old.ppid)
        mark(.threadGroupID, entry.threadGroupID != old.threadGroupID)
        mark(.processGroup, entry.processGroup != old.processGroup)
        mark(.session, entry.session != old.session)
        mark(.ttyNumber, entry.ttyNumber != old.ttyNumber)
        mark(.state, entry.state != old.state)
        mark(.flags, entry.isKernelThread != old.isKernelThread || entry.isCarriedOver != old.isCarriedOver)
        mark(.priority, entry.priority != old.priority)
        mark(.nice, entry.nice != old.nice)
        mark(.threadCount, entry.threadCount != old.threadCount)
        mark(.userTicks, entry.userTicks != old.userTicks)
        mark(.systemTicks, entry.systemTicks != old.systemTicks)
        mark(.virtualBytes, entry.virtualBytes != old.virtualBytes)
        mark(.approximateResidentBytes, entry.approximateResidentBytes != old.approximateResidentBytes)
        mark(.exactMemory, entry.exactMemory != old.exactMemory)
        mark(.processor, entry.processor != old.processor)
        mark(.directoryOwner, entry.directoryOwner != old.directoryOwner)
        mark(.cpuPercent, entry.cpuPercent?.bitPattern != old.cpuPercent?.bitPattern)
        mark(.memoryPercent, entry.memoryPercent.bitPattern != old.memoryPercent.bitPattern)
        // The sampler shares one details object per identity: a new object is new details.
        mark(.details, entry.details !== old.details && !entry.details.recordsEqual(old.details))
        mark(.io, entry.ioCounters != old.ioCounters || entry.ioRates != old.ioRates)
        mark(.network, entry.networkRates != old.networkRates)
        mark(.gpu, entry.gpuUse != old.gpuUse)
        return mask
    }

    private mutating func details(_ details: ProcessDetails) {
        string(details.comm)
        string(details.rawCommandLine)
        bool(details.commandLineIsTruncated)
        optionalString(details.executable)
        unsigned(UInt64(details.realUID))
        unsigned(UInt64(details.effectiveUID))
        string(details.realUser)
        string(details.effectiveUser)
        optionalString(details.cgroup?.path)
        bool(details.hasReadCgroup)
    }
}

extension ProcessDetails {
    /// Equal in everything a record keeps.
    func recordsEqual(_ other: ProcessDetails) -> Bool {
        comm == other.comm && rawCommandLine == other.rawCommandLine
            && commandLineIsTruncated == other.commandLineIsTruncated && executable == other.executable
            && realUID == other.realUID && effectiveUID == other.effectiveUID && realUser == other.realUser
            && effectiveUser == other.effectiveUser && cgroup?.path == other.cgroup?.path
            && hasReadCgroup == other.hasReadCgroup
    }
}

extension RecordByteReader {
    /// The process `pid`/`startTicks` from its mask and fields, on top of `previous`.
    mutating func process(pid: Int32, startTicks: UInt64, previous: ProcessEntry?) throws(RecordDecodingError)
        -> ProcessEntry
    {
        let mask = try unsigned()
        guard mask & ~ProcessField.all == 0 else { throw .malformed("unknown process field") }
        func has(_ field: ProcessField) -> Bool { mask & field.bit != 0 }
        guard var entry = previous ?? (has(.details) ? Self.blank(pid: pid, startTicks: startTicks) : nil) else {
            throw .malformed("a delta for process \(pid), which the previous sample does not have")
        }
        if has(.ppid) { entry.ppid = try int32() }
        if has(.threadGroupID) { entry.threadGroupID = try int32() }
        if has(.processGroup) { entry.processGroup = try int32() }
        if has(.session) { entry.session = try int32() }
        if has(.ttyNumber) { entry.ttyNumber = try int32() }
        if has(.state) { entry.state = try byte() }
        if has(.flags) {
            let flags = try byte()
            guard flags <= 3 else { throw .malformed("unknown process flags") }
            entry.isKernelThread = flags & 1 != 0
            entry.isCarriedOver = flags & 2 != 0
        }
        if has(.priority) { entry.priority = try int32() }
        if has(.nice) { entry.nice = try int32() }
        if has(.threadCount) { entry.threadCount = try int32() }
        if has(.userTicks) { entry.userTicks = try unsigned() }
        if has(.systemTicks) { entry.systemTicks = try unsigned() }
        if has(.virtualBytes) { entry.virtualBytes = try unsigned() }
        if has(.approximateResidentBytes) { entry.approximateResidentBytes = try unsigned() }
        if has(.exactMemory) {
            entry.exactMemory =
                try bool() ? ResidentMemory(residentBytes: try unsigned(), sharedBytes: try unsigned()) : nil
        }
        if has(.processor) { entry.processor = try int32() }
        if has(.directoryOwner) { entry.directoryOwner = try uint32() }
        if has(.cpuPercent) { entry.cpuPercent = try optionalDouble() }
        if has(.memoryPercent) { entry.memoryPercent = try double() }
        if has(.details) { entry.details = try details() }
        if has(.io) {
            entry.ioCounters = try bool() ? try ioCounters() : nil
            entry.ioRates = try bool() ? IORates(readPerSecond: try double(), writePerSecond: try double()) : nil
        }
        if has(.network) {
            entry.networkRates =
                try bool() ? NetworkRates(receivePerSecond: try double(), sendPerSecond: try double()) : nil
        }
        if has(.gpu) {
            entry.gpuUse = try bool() ? GPUUse(percent: try optionalDouble(), memoryBytes: try optionalUnsigned()) : nil
        }
        return entry
    }

    private mutating func ioCounters() throws(RecordDecodingError) -> IOCounters {
        IOCounters(
            readCharacters: try unsigned(), writtenCharacters: try unsigned(), readBytes: try unsigned(),
            writtenBytes: try unsigned(), cancelledWriteBytes: try unsigned())
    }

    private static func blank(pid: Int32, startTicks: UInt64) -> ProcessEntry {
        ProcessEntry(pid: pid, ppid: 0, startTicks: startTicks, details: ProcessDetails(comm: "", commandLine: []))
    }

    private mutating func details() throws(RecordDecodingError) -> ProcessDetails {
        let comm = try string()
        let commandLine = try string()
        let truncated = try bool()
        let executable = try optionalString()
        let realUID = try uint32()
        let effectiveUID = try uint32()
        let realUser = try string()
        let effectiveUser = try string()
        let cgroup = try optionalString().map(CgroupPlacement.init(path:))
        return ProcessDetails(
            comm: comm, rawCommandLine: commandLine, commandLineIsTruncated: truncated,
            executable: executable, realUID: realUID, effectiveUID: effectiveUID,
            realUser: realUser, effectiveUser: effectiveUser, cgroup: cgroup, hasReadCgroup: try bool())
    }
}
