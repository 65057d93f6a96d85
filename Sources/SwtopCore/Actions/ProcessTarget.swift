/// A process an action was aimed at, captured when the action started: the PID
/// with its start time (together they name one process, whatever happens to the
/// PID later), and the words messages use for it.
public struct ProcessTarget: Hashable, Sendable {
    public let identity: ProcessIdentity
    /// The name shown in messages (`comm`, escaped by the view when displayed).
    public let name: String
    /// The effective user's name, for "belongs to root".
    public let user: String

    public var pid: Int32 { identity.pid }
    public var startTicks: UInt64 { identity.startTicks }

    public init(pid: Int32, startTicks: UInt64, name: String, user: String) {
        identity = ProcessIdentity(pid: pid, startTicks: startTicks)
        self.name = name
        self.user = user
    }

    public init(_ process: ProcessEntry) {
        self.init(
            pid: process.pid, startTicks: process.startTicks, name: process.details.comm,
            user: process.details.effectiveUser)
    }
}
