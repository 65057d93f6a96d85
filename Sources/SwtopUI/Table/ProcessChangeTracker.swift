import SwtopCore

/// Which rows to color as just started or just exited.
public struct ProcessHighlights: Sendable, Equatable {
    public var new: Set<ProcessIdentity> = []
    public var exited: Set<ProcessIdentity> = []

    public init() {}
}

/// Highlight changes (htop `-H`): remembers when each process was first seen, and
/// keeps processes that exited in the table for a few seconds after they are gone.
/// Threads are left out: they come and go with `H`, not with the system.
public struct ProcessChangeTracker: Sendable {
    /// How long a process counts as new, and an exited one stays.
    public let seconds: Double
    private var known: Set<ProcessIdentity>?
    private var appeared: [ProcessIdentity: Double] = [:]
    private var departed: [ProcessIdentity: (entry: ProcessEntry, at: Double)] = [:]
    /// The last snapshot's processes, to tell which of them are gone.
    private var previousEntries: [ProcessEntry]?
    public private(set) var highlights = ProcessHighlights()

    public init(seconds: Double = 5) {
        self.seconds = seconds
    }

    /// The snapshot to show: `snapshot` plus the processes that exited within the
    /// last `seconds` (still ascending by PID). The first snapshot marks nothing new.
    public mutating func update(with snapshot: Snapshot) -> Snapshot {
        let now = snapshot.monotonicSeconds
        var current = Set<ProcessIdentity>()
        var pids = Set<Int32>()
        for process in snapshot.processes where !process.isThread {
            let identity = ProcessIdentity(process)
            current.insert(identity)
            pids.insert(process.pid)
            if let known, !known.contains(identity), appeared[identity] == nil { appeared[identity] = now }
        }
        if let previous = previousEntries {
            for process in previous where !current.contains(ProcessIdentity(process)) {
                departed[ProcessIdentity(process)] = (process, now)
            }
        }
        appeared = appeared.filter { now - $0.value < seconds && current.contains($0.key) }
        // An exited process's PID taken by a new one: the new one wins the row.
        departed = departed.filter { now - $0.value.at < seconds && !pids.contains($0.key.pid) }
        known = current
        previousEntries = snapshot.processes.filter { !$0.isThread }
        highlights.new = Set(appeared.keys)
        highlights.exited = Set(departed.keys)

        guard !departed.isEmpty else { return snapshot }
        var shown = snapshot
        var ghosts = departed.values.map(\.entry)
        for index in ghosts.indices { ghosts[index].cpuPercent = nil }
        shown.processes = (snapshot.processes + ghosts).sorted { $0.pid < $1.pid }
        return shown
    }

    /// Forgets everything (highlighting turned off).
    public mutating func reset() {
        self = ProcessChangeTracker(seconds: seconds)
    }
}
