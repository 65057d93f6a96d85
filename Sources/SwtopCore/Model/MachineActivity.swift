/// Machine-wide I/O, pressure and temperatures, each only while a meter or an
/// output asks for it (`ScanOptions`). Rates are over the monotonic interval since
/// the previous sample: nil on the first one, and for a counter that stepped back.

/// One whole disk's rates.
public struct DiskActivity: Sendable, Equatable {
    public var name: String
    public var readBytesPerSecond: Double?
    public var writeBytesPerSecond: Double?
    /// Share of the interval the disk had I/O in flight (io_ticks), 0…100.
    public var busyPercent: Double?

    public init(name: String, readBytesPerSecond: Double?, writeBytesPerSecond: Double?, busyPercent: Double?) {
        self.name = name
        self.readBytesPerSecond = readBytesPerSecond
        self.writeBytesPerSecond = writeBytesPerSecond
        self.busyPercent = busyPercent
    }
}

/// One network interface's rates.
public struct InterfaceActivity: Sendable, Equatable {
    public var name: String
    public var receivedBytesPerSecond: Double?
    public var transmittedBytesPerSecond: Double?

    public init(name: String, receivedBytesPerSecond: Double?, transmittedBytesPerSecond: Double?) {
        self.name = name
        self.receivedBytesPerSecond = receivedBytesPerSecond
        self.transmittedBytesPerSecond = transmittedBytesPerSecond
    }
}

/// PSI of the three resources; nil where the kernel has no PSI (or the file is unreadable).
public struct MachinePressure: Sendable, Equatable {
    public var cpu: ResourcePressure?
    public var io: ResourcePressure?
    public var memory: ResourcePressure?

    public init(cpu: ResourcePressure? = nil, io: ResourcePressure? = nil, memory: ResourcePressure? = nil) {
        (self.cpu, self.io, self.memory) = (cpu, io, memory)
    }
}

/// One temperature sensor.
public struct TemperatureReading: Sendable, Equatable {
    /// `hwmon name/label` (`coretemp/Core 0`) or a thermal zone's type (`x86_pkg_temp`).
    public var label: String
    public var celsius: Double

    public init(label: String, celsius: Double) {
        (self.label, self.celsius) = (label, celsius)
    }
}

extension Array where Element == DiskActivity {
    /// Sum over the disks; nil while any disk has no rate yet (the first sample).
    public var readBytesPerSecond: Double? { total(\.readBytesPerSecond) }
    public var writeBytesPerSecond: Double? { total(\.writeBytesPerSecond) }
    /// The disk busiest over the interval.
    public var busiest: DiskActivity? { self.max { ($0.busyPercent ?? -1) < ($1.busyPercent ?? -1) } }

    private func total(_ rate: KeyPath<DiskActivity, Double?>) -> Double? {
        reduce(0 as Double?) { sum, disk in sum.flatMap { sum in disk[keyPath: rate].map { sum + $0 } } }
    }
}

extension Array where Element == InterfaceActivity {
    public var receivedBytesPerSecond: Double? { total(\.receivedBytesPerSecond) }
    public var transmittedBytesPerSecond: Double? { total(\.transmittedBytesPerSecond) }

    private func total(_ rate: KeyPath<InterfaceActivity, Double?>) -> Double? {
        reduce(0 as Double?) { sum, interface in sum.flatMap { sum in interface[keyPath: rate].map { sum + $0 } } }
    }
}
