/// `/proc/PID/exe`: the binary the process runs.
public struct ExecutableFile: Sendable, Equatable {
    /// The path without the kernel's " (deleted)" suffix.
    public var path: String
    /// The binary was deleted or replaced since the process started it (an upgrade
    /// installed a new file under the same name): the process runs the old one.
    public var isDeleted: Bool

    public init(path: String, isDeleted: Bool) {
        self.path = path
        self.isDeleted = isDeleted
    }
}

/// Another process named in the detail view (a parent or a child).
public struct ProcessLink: Sendable, Equatable {
    public var pid: Int32
    public var comm: String

    public init(pid: Int32, comm: String) {
        self.pid = pid
        self.comm = comm
    }
}

/// A user or group id with its name (the number itself when it has no entry).
public struct NamedID: Sendable, Equatable {
    public var id: UInt32
    public var name: String

    public init(id: UInt32, name: String) {
        self.id = id
        self.name = name
    }
}

/// The four ids of `Uid:` or `Gid:` in /proc/PID/status.
public struct IDQuadruple: Sendable, Equatable {
    public var real: NamedID
    public var effective: NamedID
    public var saved: NamedID
    public var filesystem: NamedID

    public init(real: NamedID, effective: NamedID, saved: NamedID, filesystem: NamedID) {
        self.real = real
        self.effective = effective
        self.saved = saved
        self.filesystem = filesystem
    }
}

public struct Credentials: Sendable, Equatable {
    public var users: IDQuadruple
    public var groups: IDQuadruple
    public var supplementaryGroups: [NamedID]

    public init(users: IDQuadruple, groups: IDQuadruple, supplementaryGroups: [NamedID]) {
        self.users = users
        self.groups = groups
        self.supplementaryGroups = supplementaryGroups
    }
}

/// One thread of the process (its main thread included), from /proc/PID/task.
public struct InspectedThread: Sendable, Equatable {
    public var tid: Int32
    public var name: String
    public var state: UInt8
    /// utime + stime.
    public var cpuTicks: UInt64
    /// nil on the first inspection or for a thread new since the previous one.
    public var cpuPercent: Double?

    public init(tid: Int32, name: String, state: UInt8, cpuTicks: UInt64, cpuPercent: Double?) {
        self.tid = tid
        self.name = name
        self.state = state
        self.cpuTicks = cpuTicks
        self.cpuPercent = cpuPercent
    }

    public var stateLetter: Character { Character(Unicode.Scalar(state)) }
}

/// How the scheduler treats the process (stat fields 18, 19, 39–41).
public struct Scheduling: Sendable, Equatable {
    public var nice: Int32
    /// The kernel's priority as stat shows it (20 + nice for normal processes,
    /// negative for real-time ones).
    public var priority: Int32
    public var policy: SchedulingPolicy
    /// 1–99 for FIFO and RR, 0 otherwise.
    public var realTimePriority: UInt32
    /// The CPU it last ran on; -1 when not reported.
    public var processor: Int32

    public init(nice: Int32, priority: Int32, policy: SchedulingPolicy, realTimePriority: UInt32, processor: Int32) {
        self.nice = nice
        self.priority = priority
        self.policy = policy
        self.realTimePriority = realTimePriority
        self.processor = processor
    }
}

/// sched(7) policies by their numbers in include/uapi/linux/sched.h.
public enum SchedulingPolicy: Sendable, Equatable {
    case other, fifo, roundRobin, batch, idle, deadline
    case unknown(UInt32)

    public init(number: UInt32) {
        switch number {
        case 0: self = .other
        case 1: self = .fifo
        case 2: self = .roundRobin
        case 3: self = .batch
        case 5: self = .idle
        case 6: self = .deadline
        default: self = .unknown(number)
        }
    }

    /// The name chrt(1) prints.
    public var name: String {
        switch self {
        case .other: "SCHED_OTHER"
        case .fifo: "SCHED_FIFO"
        case .roundRobin: "SCHED_RR"
        case .batch: "SCHED_BATCH"
        case .idle: "SCHED_IDLE"
        case .deadline: "SCHED_DEADLINE"
        case .unknown(let number): "policy \(number)"
        }
    }
}

/// One line of /proc/PID/limits.
public struct ResourceLimit: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case unlimited
        case finite(UInt64)
    }

    /// As the kernel names it: "Max open files".
    public var name: String
    public var soft: Value
    public var hard: Value
    /// "seconds", "bytes", "files", "processes", "locks", "signals", "us", or empty.
    public var unit: String

    public init(name: String, soft: Value, hard: Value, unit: String) {
        self.name = name
        self.soft = soft
        self.hard = hard
        self.unit = unit
    }
}

/// A set of signals from a status mask (`SigBlk:` …), by number, ascending.
public struct SignalSet: Sendable, Equatable {
    public var numbers: [Int32]

    public init(numbers: [Int32]) {
        self.numbers = numbers
    }

    /// Names as `SignalCatalog` gives them (`SIGTERM`, `SIGRTMIN+3`).
    public var names: [String] { numbers.map(SignalCatalog.name(of:)) }
}

/// The signal masks of /proc/PID/status. `pending` joins the thread's own
/// (`SigPnd`) and the process-wide (`ShdPnd`) pending signals.
public struct SignalMasks: Sendable, Equatable {
    public var pending: SignalSet
    public var blocked: SignalSet
    public var ignored: SignalSet
    public var caught: SignalSet

    public init(pending: SignalSet, blocked: SignalSet, ignored: SignalSet, caught: SignalSet) {
        self.pending = pending
        self.blocked = blocked
        self.ignored = ignored
        self.caught = caught
    }
}

/// Memory in bytes. VIRT comes from stat and RES from statm (stat's approximate
/// value when statm cannot be read): always there; the rest need files that may
/// be unreadable.
public struct MemoryUsage: Sendable, Equatable {
    public var virtualBytes: UInt64
    public var residentBytes: UInt64
    /// statm's shared pages.
    public var sharedBytes: Readable<UInt64>
    /// Proportional set size (smaps_rollup): shared pages divided among their users.
    public var proportionalBytes: Readable<UInt64>
    /// Swapped out (smaps_rollup).
    public var swapBytes: Readable<UInt64>

    public init(
        virtualBytes: UInt64, residentBytes: UInt64, sharedBytes: Readable<UInt64>,
        proportionalBytes: Readable<UInt64>, swapBytes: Readable<UInt64>
    ) {
        self.virtualBytes = virtualBytes
        self.residentBytes = residentBytes
        self.sharedBytes = sharedBytes
        self.proportionalBytes = proportionalBytes
        self.swapBytes = swapBytes
    }
}

/// One line of /proc/PID/cgroup: `0::/user.slice/…` on cgroup v2.
public struct CgroupMembership: Sendable, Equatable {
    public var hierarchy: Int
    /// Comma-separated controllers (cgroup v1); empty on the unified hierarchy.
    public var controllers: String
    public var path: String

    public init(hierarchy: Int, controllers: String, path: String) {
        self.hierarchy = hierarchy
        self.controllers = controllers
        self.path = path
    }
}

/// One `NAME=value` of /proc/PID/environ. A string without `=` has an empty value.
public struct EnvironmentVariable: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
