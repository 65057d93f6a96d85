/// The machine-wide files of one sample, as read.
public struct SystemSample: Sendable {
    public var stat: SystemStat
    public var memory: MemoryInfo
    public var load: LoadAverage
    public var uptimeSeconds: Double

    public init(stat: SystemStat, memory: MemoryInfo, load: LoadAverage, uptimeSeconds: Double) {
        self.stat = stat
        self.memory = memory
        self.load = load
        self.uptimeSeconds = uptimeSeconds
    }
}
