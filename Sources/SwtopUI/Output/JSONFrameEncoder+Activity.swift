import SwtopCore

/// The disk, network, pressure and temperature parts of a JSON frame, and swtop's
/// own cgroup limits. Each is null when it was not read; a rate is null on the first sample.
extension JSONFrameEncoder {
    func writeActivity(_ system: SystemState, to json: inout JSONWriter) {
        json.key("disks")
        if let disks = system.diskActivity {
            json.beginObject()
            json.field("read_bytes_per_s", disks.readBytesPerSecond)
            json.field("write_bytes_per_s", disks.writeBytesPerSecond)
            json.field("busiest", disks.busiest?.name)
            json.field("busiest_utilization_percent", disks.busiest?.busyPercent)
            json.key("devices")
            json.beginArray()
            for disk in disks {
                json.beginObject()
                json.field("name", disk.name)
                json.field("read_bytes_per_s", disk.readBytesPerSecond)
                json.field("write_bytes_per_s", disk.writeBytesPerSecond)
                json.field("utilization_percent", disk.busyPercent)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        } else {
            json.null()
        }

        json.key("network")
        if let interfaces = system.networkActivity {
            json.beginObject()
            json.field("rx_bytes_per_s", interfaces.receivedBytesPerSecond)
            json.field("tx_bytes_per_s", interfaces.transmittedBytesPerSecond)
            json.key("interfaces")
            json.beginArray()
            for interface in interfaces {
                json.beginObject()
                json.field("name", interface.name)
                json.field("rx_bytes_per_s", interface.receivedBytesPerSecond)
                json.field("tx_bytes_per_s", interface.transmittedBytesPerSecond)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        } else {
            json.null()
        }

        json.key("pressure")
        if let pressure = system.pressure {
            json.beginObject()
            json.key("cpu")
            writePressure(pressure.cpu, to: &json)
            json.key("io")
            writePressure(pressure.io, to: &json)
            json.key("memory")
            writePressure(pressure.memory, to: &json)
            json.endObject()
        } else {
            json.null()
        }

        json.key("temperatures")
        if let temperatures = system.temperatures {
            json.beginArray()
            for reading in temperatures {
                json.beginObject()
                json.field("label", reading.label)
                json.field("celsius", reading.celsius, fractionDigits: 1)
                json.endObject()
            }
            json.endArray()
        } else {
            json.null()
        }

        // Per DRM device, summed over every process's clients; null without a GPU or when not read.
        json.key("gpus")
        if let gpus = system.gpus {
            json.beginArray()
            for gpu in gpus {
                json.beginObject()
                json.field("device", gpu.name)
                json.field("busy_percent", gpu.busyPercent)
                json.key("memory_bytes")
                if let bytes = gpu.memoryBytes { json.integer(bytes) } else { json.null() }
                json.field("clients", gpu.clients)
                json.endObject()
            }
            json.endArray()
        } else {
            json.null()
        }

        json.key("cgroup_limits")
        if let limits = system.cgroupLimits {
            json.beginObject()
            json.field("memory_max_bytes", limits.memoryMax)
            json.field("memory_current_bytes", limits.memoryCurrent)
            json.field("cpu_quota", limits.cpuQuota)
            json.key("effective_cpus")
            if let set = limits.effectiveCPUSet {
                json.beginArray()
                for id in set { json.integer(id) }
                json.endArray()
            } else {
                json.null()
            }
            json.field("cpu_used", limits.cpuUsed, fractionDigits: 3)
            json.endObject()
        } else {
            json.null()
        }
    }

    /// null for a resource the kernel does not report (no PSI).
    private func writePressure(_ pressure: ResourcePressure?, to json: inout JSONWriter) {
        guard let pressure else {
            json.null()
            return
        }
        json.beginObject()
        json.field("some_avg10", pressure.some.avg10)
        json.field("some_avg60", pressure.some.avg60)
        json.field("some_avg300", pressure.some.avg300)
        json.field("full_avg10", pressure.full?.avg10)
        json.field("full_avg60", pressure.full?.avg60)
        json.field("full_avg300", pressure.full?.avg300)
        json.endObject()
    }
}
