/// The same process: a PID with its start time. A recycled PID has a new start
/// time, so an identity never names two processes.
public struct ProcessIdentity: Hashable, Sendable {
    public var pid: Int32
    /// Clock ticks after boot (field 22 of `stat`).
    public var startTicks: UInt64

    public init(pid: Int32, startTicks: UInt64) {
        self.pid = pid
        self.startTicks = startTicks
    }

    public init(_ process: ProcessEntry) {
        self.init(pid: process.pid, startTicks: process.startTicks)
    }
}
