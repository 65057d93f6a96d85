/// The meters read beside the processes (disks, network, pressure, temperatures) and
/// swtop's own cgroup limits: each present or absent, as the sample had them, so a
/// replayed frame says null exactly where the live one did.
extension RecordByteWriter {
    mutating func machineActivity(_ system: SystemState) {
        optionalList(system.diskActivity) { writer, disk in
            writer.string(disk.name)
            writer.optionalDouble(disk.readBytesPerSecond)
            writer.optionalDouble(disk.writeBytesPerSecond)
            writer.optionalDouble(disk.busyPercent)
        }
        optionalList(system.networkActivity) { writer, interface in
            writer.string(interface.name)
            writer.optionalDouble(interface.receivedBytesPerSecond)
            writer.optionalDouble(interface.transmittedBytesPerSecond)
        }
        bool(system.pressure != nil)
        if let pressure = system.pressure {
            for resource in [pressure.cpu, pressure.io, pressure.memory] {
                bool(resource != nil)
                guard let resource else { continue }
                averages(resource.some)
                bool(resource.full != nil)
                if let full = resource.full { averages(full) }
            }
        }
        optionalList(system.temperatures) { writer, reading in
            writer.string(reading.label)
            writer.double(reading.celsius)
        }
        bool(system.cgroupLimits != nil)
        if let limits = system.cgroupLimits {
            optionalUnsigned(limits.memoryMax)
            optionalUnsigned(limits.memoryCurrent)
            optionalDouble(limits.cpuQuota)
            optionalList(limits.effectiveCPUSet) { writer, id in writer.unsigned(UInt64(max(0, id))) }
            optionalDouble(limits.cpuUsed)
        }
    }

    private mutating func averages(_ averages: PressureAverages) {
        double(averages.avg10)
        double(averages.avg60)
        double(averages.avg300)
    }

    private mutating func optionalList<Element>(_ list: [Element]?, _ write: (inout Self, Element) -> Void) {
        bool(list != nil)
        guard let list else { return }
        unsigned(UInt64(list.count))
        for element in list { write(&self, element) }
    }
}

extension RecordByteReader {
    mutating func machineActivity(into system: inout SystemState) throws(RecordDecodingError) {
        system.diskActivity = try optionalList { reader throws(RecordDecodingError) in
            DiskActivity(
                name: try reader.string(), readBytesPerSecond: try reader.optionalDouble(),
                writeBytesPerSecond: try reader.optionalDouble(), busyPercent: try reader.optionalDouble())
        }
        system.networkActivity = try optionalList { reader throws(RecordDecodingError) in
            InterfaceActivity(
                name: try reader.string(), receivedBytesPerSecond: try reader.optionalDouble(),
                transmittedBytesPerSecond: try reader.optionalDouble())
        }
        if try bool() {
            var resources: [ResourcePressure?] = []
            for _ in 0..<3 {
                guard try bool() else {
                    resources.append(nil)
                    continue
                }
                let some = try averages()
                resources.append(ResourcePressure(some: some, full: try bool() ? try averages() : nil))
            }
            system.pressure = MachinePressure(cpu: resources[0], io: resources[1], memory: resources[2])
        }
        system.temperatures = try optionalList { reader throws(RecordDecodingError) in
            TemperatureReading(label: try reader.string(), celsius: try reader.double())
        }
        system.cgroupLimits = nil
        if try bool() {
            let memoryMax = try optionalUnsigned()
            let memoryCurrent = try optionalUnsigned()
            let cpuQuota = try optionalDouble()
            let effectiveCPUSet = try optionalList { reader throws(RecordDecodingError) in
                let id = try reader.unsigned()
                guard id < 1 << 16 else { throw .malformed("CPU id out of range") }
                return Int(id)
            }
            system.cgroupLimits = CgroupLimits(
                memoryMax: memoryMax, memoryCurrent: memoryCurrent, cpuQuota: cpuQuota,
                effectiveCPUSet: effectiveCPUSet, cpuUsed: try optionalDouble())
        }
    }

    private mutating func averages() throws(RecordDecodingError) -> PressureAverages {
        PressureAverages(avg10: try double(), avg60: try double(), avg300: try double())
    }

    private mutating func optionalList<Element>(
        _ read: (inout Self) throws(RecordDecodingError) -> Element
    ) throws(RecordDecodingError) -> [Element]? {
        guard try bool() else { return nil }
        let count = try count()
        var list: [Element] = []
        list.reserveCapacity(count)
        for _ in 0..<count { list.append(try read(&self)) }
        return list
    }
}
