/// A whole sample as a record payload: its clocks, the machine, the task counts and
/// every process by ascending PID. A delta payload has the same shape; only the
/// processes' masks differ (see `ProcessField`), so it needs the sample before it.
public enum SnapshotCoding {
    /// `previous` nil writes a full record, which a reader can start at.
    public static func encode(_ snapshot: Snapshot, previous: Snapshot?) -> [UInt8] {
        var writer = RecordByteWriter()
        writer.double(snapshot.monotonicSeconds)
        writer.system(snapshot.system)
        writer.machineActivity(snapshot.system)
        writer.gpus(snapshot.system.gpus)
        writer.tasks(snapshot.tasks)
        writer.unsigned(UInt64(snapshot.processes.count))
        // Both samples are in ascending PID order: the same identity is found by walking
        // them side by side, with no table of the previous sample (at 5000 processes
        // that table was a mebibyte of the view's peak, once a minute for the ring). Out
        // of order, an entry is just not found and is written whole, which any reader reads.
        let known = previous?.processes ?? []
        var cursor = 0
        var lastPID: Int32 = 0
        for entry in snapshot.processes {
            while cursor < known.count, known[cursor].pid < entry.pid { cursor += 1 }
            let match = cursor < known.count && known[cursor].identity == entry.identity ? known[cursor] : nil
            writer.signed(Int64(entry.pid) - Int64(lastPID))
            writer.unsigned(entry.startTicks)
            writer.process(entry, previous: match)
            lastPID = entry.pid
        }
        return writer.bytes
    }

    /// The sample back; `generation` and `timestamp` come from the record's header.
    /// A delta needs `previous`, the sample it was written against. `version` is the
    /// file's: version 1 has no GPU devices and no network or GPU process fields.
    public static func decode(
        _ bytes: [UInt8], generation: UInt64, timestamp: Double,
        previous: Snapshot?, version: UInt16 = RecordingFormat.version
    ) throws(RecordDecodingError) -> Snapshot {
        var reader = RecordByteReader(bytes)
        let monotonic = try reader.double()
        var system = try reader.system()
        try reader.machineActivity(into: &system)
        if version >= 2 { system.gpus = try reader.gpus() }
        let tasks = try reader.tasks()
        let count = try reader.count()
        var known: [ProcessIdentity: ProcessEntry] = [:]
        if let previous {
            known.reserveCapacity(previous.processes.count)
            for entry in previous.processes { known[entry.identity] = entry }
        }
        var processes: [ProcessEntry] = []
        processes.reserveCapacity(count)
        var lastPID: Int64 = 0
        for _ in 0..<count {
            lastPID += try reader.signed()
            guard let pid = Int32(exactly: lastPID) else { throw .malformed("PID out of range") }
            let startTicks = try reader.unsigned()
            let identity = ProcessIdentity(pid: pid, startTicks: startTicks)
            processes.append(try reader.process(pid: pid, startTicks: startTicks, previous: known[identity]))
        }
        guard reader.isAtEnd else { throw .malformed("bytes after the last process") }
        return Snapshot(
            generation: generation, timestamp: timestamp, monotonicSeconds: monotonic, system: system,
            tasks: tasks, processes: processes)
    }
}
