/// What is read once per process identity (pid and start time) rather than every
/// refresh: its name, command line, executable and owners. Shared, immutable.
public final class ProcessDetails: Sendable {
    /// The kernel's 15-byte task name (`comm`), decoded losslessly. Short enough to
    /// live inline in the String, so it costs no allocation.
    public let comm: String
    /// The bytes of `comm` as the kernel gave them, kept only when decoding changed
    /// them (invalid UTF-8), so a rename can always be noticed exactly.
    private let undecodedComm: [UInt8]?
    /// argv joined by NUL bytes, as the kernel stores it: one allocation per process
    /// instead of one per argument. Empty for kernel threads and zombies.
    public let rawCommandLine: String
    /// The command line was longer than what is kept of it (`CommandLineParser.keptBytes`,
    /// or `keptBytesBeyondBudget`) and is cut there.
    public let commandLineIsTruncated: Bool
    /// The executable's path, nil where it cannot be read (other users, kernel threads).
    public let executable: String?
    public let realUID: UInt32
    public let effectiveUID: UInt32
    public let realUser: String
    public let effectiveUser: String
    /// Where the process sits in the cgroup tree; read only while a cgroup, container
    /// or unit column, grouping or output needs it (`ScanOptions.readsCgroups`), and
    /// nil until then or where `/proc/PID/cgroup` cannot be read.
    public let cgroup: CgroupPlacement?
    /// True once `cgroup` was read (it may still be nil: unreadable).
    public let hasReadCgroup: Bool

    public init(
        comm: String, rawComm: [UInt8]? = nil, rawCommandLine: String, commandLineIsTruncated: Bool = false,
        executable: String?, realUID: UInt32, effectiveUID: UInt32, realUser: String, effectiveUser: String,
        cgroup: CgroupPlacement? = nil, hasReadCgroup: Bool = false
    ) {
        self.comm = comm
        self.undecodedComm = rawComm.flatMap { $0.elementsEqual(comm.utf8) ? nil : $0 }
        self.rawCommandLine = rawCommandLine
        self.commandLineIsTruncated = commandLineIsTruncated
        self.executable = executable
        self.realUID = realUID
        self.effectiveUID = effectiveUID
        self.realUser = realUser
        self.effectiveUser = effectiveUser
        self.cgroup = cgroup
        self.hasReadCgroup = hasReadCgroup
    }

    public convenience init(
        comm: String, commandLine: [String], executable: String? = nil,
        realUID: UInt32 = 0, effectiveUID: UInt32 = 0, realUser: String = "root", effectiveUser: String = "root"
    ) {
        self.init(
            comm: comm, rawCommandLine: commandLine.joined(separator: "\0"), executable: executable,
            realUID: realUID, effectiveUID: effectiveUID, realUser: realUser, effectiveUser: effectiveUser)
    }

    /// The details of one of this process's threads: its own name, the rest shared.
    func forThread(named comm: String, rawName: [UInt8]) -> ProcessDetails {
        ProcessDetails(
            comm: comm, rawComm: rawName, rawCommandLine: rawCommandLine,
            commandLineIsTruncated: commandLineIsTruncated, executable: executable,
            realUID: realUID, effectiveUID: effectiveUID, realUser: realUser, effectiveUser: effectiveUser,
            cgroup: cgroup, hasReadCgroup: hasReadCgroup)
    }

    /// The same process after it rewrote its command line.
    func withCommandLine(_ rawCommandLine: String, isTruncated: Bool) -> ProcessDetails {
        ProcessDetails(
            comm: comm, rawComm: undecodedComm, rawCommandLine: rawCommandLine,
            commandLineIsTruncated: isTruncated, executable: executable,
            realUID: realUID, effectiveUID: effectiveUID, realUser: realUser, effectiveUser: effectiveUser,
            cgroup: cgroup, hasReadCgroup: hasReadCgroup)
    }

    /// The same process with its cgroup (re)read.
    func withCgroup(_ cgroup: CgroupPlacement?) -> ProcessDetails {
        ProcessDetails(
            comm: comm, rawComm: undecodedComm, rawCommandLine: rawCommandLine,
            commandLineIsTruncated: commandLineIsTruncated, executable: executable,
            realUID: realUID, effectiveUID: effectiveUID, realUser: realUser, effectiveUser: effectiveUser,
            cgroup: cgroup, hasReadCgroup: true)
    }

    /// argv as a list.
    public var commandLine: [String] {
        CommandLineParser.split(rawCommandLine)
    }

    /// True when the kernel's name bytes are still the ones these details were read for.
    func hasComm(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let undecodedComm { return undecodedComm.elementsEqual(bytes) }
        return comm.utf8.elementsEqual(bytes)
    }
}
