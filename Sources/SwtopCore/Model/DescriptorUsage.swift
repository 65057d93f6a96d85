/// TCP payload bytes per second of one process's sockets between two samples.
public struct NetworkRates: Sendable, Equatable {
    public var receivePerSecond: Double
    public var sendPerSecond: Double

    public init(receivePerSecond: Double, sendPerSecond: Double) {
        self.receivePerSecond = receivePerSecond
        self.sendPerSecond = sendPerSecond
    }
}

/// What one process's DRM clients used of the GPUs.
public struct GPUUse: Sendable, Equatable {
    /// Engine busy time over the interval, summed over engines (htop's GPU%); nil on
    /// the first sample read.
    public var percent: Double?
    /// `drm-memory-*` summed; nil where the driver gives none.
    public var memoryBytes: UInt64?

    public init(percent: Double?, memoryBytes: UInt64?) {
        self.percent = percent
        self.memoryBytes = memoryBytes
    }
}

/// One DRM device as its clients' fdinfo describe it, summed over every process.
public struct GPUDevice: Sendable, Equatable {
    /// `drm-pdev` (a PCI address), or "-" when the driver does not give one.
    public var name: String
    /// Busy time of its engines over the interval; nil on the first sample read.
    public var busyPercent: Double?
    public var memoryBytes: UInt64?
    public var clients: Int

    public init(name: String, busyPercent: Double?, memoryBytes: UInt64?, clients: Int) {
        self.name = name
        self.busyPercent = busyPercent
        self.memoryBytes = memoryBytes
        self.clients = clients
    }
}
