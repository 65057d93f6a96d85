import Glibc

/// Reads every process under the proc root.
///
/// A process seen before costs one file per refresh: `PID/stat` is opened, read and
/// fstat'ed for the owner (a proc file belongs to the process's effective user),
/// with no separate open of the PID directory — that open was a sixth of the cost
/// of a refresh. Everything that refresh knows of the process then comes from that
/// one open file, so a recycled PID cannot mix two processes.
///
/// An identity not seen before (new pid/start time, a new name after exec, a new
/// owner after setuid) is read again through its opened PID directory, with its
/// command line, executable and user ids: files of an exited task fail with ESRCH,
/// so those details belong to the `stat` read beside them.
final class ProcessScanner {
    private let procFS: ProcFS
    private let reader: ProcFileReader
    private let users = UserDirectory()
    /// `PID/stat` and the like, built in place for each directory entry without allocating.
    private static let pathCapacity = 64
    private let pathBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: pathCapacity)
    /// A PID's directory name when the scan reads the previous processes without a listing.
    private let nameBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: 16)
    var options: ScanOptions
    /// A hidden kernel thread is re-read one refresh in this many.
    static let hiddenKernelThreadRotation = 8
    /// A running process's cgroup is re-read one refresh in this many (`ScanOptions.readsCgroups`).
    static let cgroupRotation = 16
    /// With `ScanOptions.keepsStatmOfIdleProcesses`, a process whose stat did not move
    /// has its statm read again one refresh in this many.
    static let idleStatmRotation = 30
    private var refreshes = 0
    /// The command lines the processes known so far keep, in bytes (see `commandLineAllowance`).
    private var keptCommandLineBytes = 0
    /// What a command line read now may keep: all of `CommandLineParser.keptBytes`
    /// while the ones kept stay within `commandLineBudget`, then less.
    private var commandLineAllowance: Int {
        keptCommandLineBytes < commandLineBudget
            ? CommandLineParser.keptBytes : CommandLineParser.keptBytesBeyondBudget
    }
    /// A known process may keep as much as it had, so that a total near the budget
    /// does not cut and restore its command line at every other refresh.
    private func knownCommandLineAllowance(_ details: ProcessDetails) -> Int {
        min(CommandLineParser.keptBytes, max(commandLineAllowance, details.rawCommandLine.utf8.count))
    }
    /// PID directories the last scan listed but was not allowed to open: other
    /// users' processes under `hidepid=1`. Counted so the totals can say what is
    /// missing instead of silently showing fewer processes.
    private(set) var unreadableCount = 0
    /// Processes the last scan could not read for want of file descriptors (EMFILE,
    /// ENFILE): those it knew are kept from the sample before, new ones left out.
    private(set) var notRefreshedCount = 0

    /// What all kept command lines may take before each new one keeps less.
    private let commandLineBudget: Int

    init(
        procFS: ProcFS, options: ScanOptions, reader: ProcFileReader = ProcFileReader(),
        commandLineBudget: Int = CommandLineParser.budgetBytes
    ) {
        self.procFS = procFS
        self.options = options
        self.reader = reader
        self.commandLineBudget = commandLineBudget
    }

    deinit {
        pathBuffer.deallocate()
        nameBuffer.deallocate()
    }

    /// - Parameters:
    ///   - previous: the last sample's processes (ascending PID), whose details are
    ///     reused when the identity is unchanged.
    ///   - listing: false when no task was created since `previous` was read: its
    ///     processes are read again without listing the proc root, which costs the
    ///     kernel a tenth of a refresh (it builds an entry for every process).
    ///     Processes that exited fail to open, as after a listing.
    func scan(previous: [ProcessEntry], listing: Bool = true) -> [ProcessEntry] {
        notRefreshedCount = 0
        // Threads share their process's details: each command line counts once.
        keptCommandLineBytes = previous.reduce(0) { $0 + ($1.isThread ? 0 : $1.details.rawCommandLine.utf8.count) }
        let rootFD = procFS.root.withCString { reader.open($0, isDirectory: true) }
        guard rootFD >= 0 else { return keptForWantOfDescriptors(previous) }
        let directory = listing ? fdopendir(rootFD) : nil
        if listing, directory == nil {
            close(rootFD)
            return []
        }
        defer { if let directory { closedir(directory) } else { close(rootFD) } }
        var processes: [ProcessEntry] = []
        // The first scan has no last count to go by, and growing by doubling holds the
        // old and the new storage at once: at 1000 processes 0.3 MiB above what it keeps.
        let expected = previous.isEmpty ? directory.map(Self.countPIDs) ?? 0 : previous.count
        processes.reserveCapacity(expected + 64)
        // Without a listing, the last one's count of unreadable directories stands.
        if listing { unreadableCount = 0 }
        var ascending = true
        var earlier = previous.startIndex // merge walk: procfs lists PIDs in ascending order
        func visit(name: UnsafePointer<CChar>, pid: Int32) {
            while earlier < previous.endIndex, previous[earlier].pid < pid { earlier += 1 }
            // An index, not a copy: copying entries (and retaining their details) for
            // thousands of processes was a visible share of a refresh.
            let known =
                earlier < previous.endIndex && previous[earlier].pid == pid
                ? earlier : Self.index(of: pid, in: previous)
            let process: ProcessEntry
            if let known, skipsHiddenKernelThread(previous[known]) {
                process = previous[known].carriedOver()
            } else if let known, let same = readKnownProcess(name: name, rootFD: rootFD, known: previous, at: known) {
                process = same
            } else if let new = readNewProcess(name: name, rootFD: rootFD, pid: pid, previous: previous) {
                process = new
            } else if reader.ranOutOfDescriptors {
                notRefreshedCount += 1
                guard let known else { return }
                process = previous[known].carriedOver()
            } else {
                return // it exited after readdir: normal
            }
            if let last = processes.last, last.pid >= pid { ascending = false }
            processes.append(process)
            if options.readsThreads, !process.isKernelThread, process.threadCount > 1 {
                let directoryFD = openat(rootFD, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                guard directoryFD >= 0 else { return }
                appendThreads(of: process, directoryFD: directoryFD, previous: previous, into: &processes)
                close(directoryFD)
                ascending = false
            }
        }
        if let directory {
            while let entry = readdir(directory) {
                let name = Self.name(of: entry)
                guard let pid = Self.pid(fromDirectoryName: name) else { continue }
                visit(name: name, pid: pid)
            }
        } else {
            for process in previous where !process.isThread {
                DecimalText.write(process.pid, into: nameBuffer)
                visit(name: nameBuffer, pid: process.pid)
            }
        }
        refreshes &+= 1
        // procfs lists PIDs in ascending order; a fixture tree on another filesystem,
        // or thread ids mixed in, may not be.
        if !ascending { processes.sort { $0.pid < $1.pid } }
        return processes
    }

    /// The previous processes, carried over, when the proc root itself could not be
    /// opened for want of descriptors; nothing when it could not for another reason.
    private func keptForWantOfDescriptors(_ previous: [ProcessEntry]) -> [ProcessEntry] {
        guard reader.ranOutOfDescriptors else { return [] }
        notRefreshedCount = previous.count { !$0.isThread }
        return previous.map { $0.carriedOver() }
    }

    /// How many PID directories `directory` lists; it is rewound after.
    private static func countPIDs(in directory: OpaquePointer) -> Int {
        var count = 0
        while let entry = readdir(directory) {
            if pid(fromDirectoryName: name(of: entry)) != nil { count += 1 }
        }
        rewinddir(directory)
        return count
    }

    /// True when `known` is a kernel thread the view hides and this is not its
    /// refresh in the rotation.
    private func skipsHiddenKernelThread(_ known: ProcessEntry) -> Bool {
        guard known.isKernelThread, !options.readsKernelThreads else { return false }
        return (Int(known.pid) &+ refreshes) % Self.hiddenKernelThreadRotation != 0
    }

    /// The refresh of a process whose details are known: one open file. Nil when it
    /// is gone, or is no longer `previous[index]` (other start time, name or owner).
    private func readKnownProcess(
        name: UnsafePointer<CChar>, rootFD: Int32, known previous: [ProcessEntry],
        at index: Int
    ) -> ProcessEntry? {
        guard let statPath = path(of: "stat", under: name) else { return nil }
        var owner: UInt32 = 0
        let sample = reader.withContentsAndOwner(of: statPath, in: rootFD) { bytes, fileOwner -> ProcessStat? in
            guard let stat = ProcessStatParser.parse(bytes), stat.pid == previous[index].pid,
                stat.startTicks == previous[index].startTicks, fileOwner == previous[index].directoryOwner,
                previous[index].details.hasComm(UnsafeBufferPointer(rebasing: bytes[stat.commRange]))
            else { return nil }
            owner = fileOwner
            return stat
        }
        guard let stat = sample else { return nil }
        var details = previous[index].details
        if options.rereadsCommandLines, !stat.isKernelThread, let cmdlinePath = path(of: "cmdline", under: name),
            case let allowance = knownCommandLineAllowance(details),
            let commandLine = reader.withContents(
                of: cmdlinePath, in: rootFD, limit: CommandLineParser.readLimit(keeping: allowance),
                { CommandLineParser.keptArguments($0, keeping: allowance) }),
            commandLine.joined != details.rawCommandLine
        {
            // The process rewrote its argv (a daemon naming its state): show it as it is now.
            keptCommandLineBytes += commandLine.joined.utf8.count - details.rawCommandLine.utf8.count
            details = details.withCommandLine(commandLine.joined, isTruncated: commandLine.isTruncated)
        }
        if options.readsCgroups,
            !details.hasReadCgroup
                || (stat.state == UInt8(ascii: "R") && (Int(stat.pid) &+ refreshes) % Self.cgroupRotation == 0)
        {
            let placement =
                stat.isKernelThread
                ? CgroupPlacement(path: "/")
                : path(of: "cgroup", under: name).flatMap { readCgroup(in: rootFD, path: $0) }
            if !details.hasReadCgroup || placement != details.cgroup { details = details.withCgroup(placement) }
        }
        var process = entry(id: stat.pid, stat: stat, owner: owner, details: details, exactMemory: nil)
        if options.readsStatm {
            let known = previous[index]
            if options.keepsStatmOfIdleProcesses, let kept = known.exactMemory, process.cpuTicks == known.cpuTicks,
                process.virtualBytes == known.virtualBytes,
                process.approximateResidentBytes == known.approximateResidentBytes,
                (Int(stat.pid) &+ refreshes) % Self.idleStatmRotation != 0
            {
                process.exactMemory = kept
            } else {
                // statm is read through its own path: if the PID was recycled in between,
                // the start time no longer matches at the next refresh, which reads it anew.
                process.exactMemory = path(of: "statm", under: name).flatMap { readStatm(in: rootFD, path: $0) }
            }
        }
        if options.readsIO {
            process.ioCounters = path(of: "io", under: name).flatMap { readIO(in: rootFD, path: $0) }
        }
        return process
    }

    /// A process not seen before, or changed: read through its opened directory.
    private func readNewProcess(name: UnsafePointer<CChar>, rootFD: Int32, pid: Int32, previous: [ProcessEntry])
        -> ProcessEntry?
    {
        let directoryFD = reader.open(name, in: rootFD, isDirectory: true)
        guard directoryFD >= 0 else {
            // ENOENT or ESRCH: it exited after readdir, which is normal and not counted.
            if errno == EACCES || errno == EPERM { unreadableCount += 1 }
            return nil
        }
        defer { close(directoryFD) }
        var info = stat()
        guard fstat(directoryFD, &info) == 0 else { return nil }
        return readTask(id: pid, directoryFD: directoryFD, owner: info.st_uid, previous: previous)
    }

    /// `NAME/FILE` in the scanner's path buffer, or nil for a name too long to be a PID.
    private func path(of file: StaticString, under name: UnsafePointer<CChar>) -> UnsafePointer<CChar>? {
        let length = strlen(name)
        guard length + 1 + file.utf8CodeUnitCount < Self.pathCapacity else { return nil }
        pathBuffer.update(from: name, count: length)
        pathBuffer[length] = CChar(bitPattern: UInt8(ascii: "/"))
        file.withUTF8Buffer { bytes in
            for (offset, byte) in bytes.enumerated() { pathBuffer[length + 1 + offset] = CChar(bitPattern: byte) }
        }
        pathBuffer[length + 1 + file.utf8CodeUnitCount] = 0
        return UnsafePointer(pathBuffer)
    }

    private func readCgroup(in directory: Int32, path: UnsafePointer<CChar>) -> CgroupPlacement? {
        reader.withContents(of: path, in: directory) { bytes in
            CgroupParser.parse(bytes).flatMap { CgroupPlacement(memberships: $0) }
        }
    }

    /// nil where the kernel does not let this user read it (another user's process
    /// when not root) or does not account task I/O: never a 0 that means unknown.
    private func readIO(in directory: Int32, path: UnsafePointer<CChar>) -> IOCounters? {
        reader.withContents(of: path, in: directory) { ProcessIOParser.parse($0) }
    }

    private func readStatm(in directory: Int32, path: UnsafePointer<CChar>) -> ResidentMemory? {
        reader.withContents(of: path, in: directory, singleLine: true) {
            StatmParser.parse($0, pageSize: procFS.pageSize)
        }
    }

    /// The threads of `process` other than its main one, from /proc/PID/task. Each
    /// costs one open file, `task/TID/stat`, read relative to the task directory:
    /// a thread's other details are its process's, so its directory need not be
    /// opened (for 5,000 threads that was a third of a refresh).
    private func appendThreads(
        of process: ProcessEntry, directoryFD: Int32, previous: [ProcessEntry],
        into processes: inout [ProcessEntry]
    ) {
        let taskFD = openat(directoryFD, "task", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard taskFD >= 0 else { return }
        guard let tasks = fdopendir(taskFD) else {
            close(taskFD)
            return
        }
        defer { closedir(tasks) }
        while let entry = readdir(tasks) {
            let name = Self.name(of: entry)
            guard let id = Self.pid(fromDirectoryName: name), id != process.pid,
                let statPath = path(of: "stat", under: name)
            else { continue }
            if let thread = readTask(
                id: id, directoryFD: taskFD, statPath: statPath, owner: process.directoryOwner,
                previous: previous, threadOf: process)
            {
                processes.append(thread)
            }
        }
    }

    /// Reads one process from its open directory, or one thread of `threadOf` from
    /// `statPath` relative to `directoryFD` (the process's task directory).
    private func readTask(
        id: Int32, directoryFD: Int32, statPath: UnsafePointer<CChar>? = nil, owner: UInt32,
        previous: [ProcessEntry], threadOf process: ProcessEntry? = nil
    ) -> ProcessEntry? {
        let known = Self.find(pid: id, in: previous)
        // Inside `examine` the stat bytes are alive: compare the name there, and
        // copy it only for an identity that needs new details.
        func examine(_ bytes: UnsafeBufferPointer<UInt8>) -> (ProcessStat, ProcessDetails?, [UInt8])? {
            guard let stat = ProcessStatParser.parse(bytes), stat.pid == id else { return nil }
            let comm = UnsafeBufferPointer(rebasing: bytes[stat.commRange])
            if let known, known.startTicks == stat.startTicks, known.directoryOwner == owner,
                known.details.hasComm(comm)
            {
                return (stat, known.details, [])
            }
            return (stat, nil, Array(comm))
        }
        let parsed =
            if let statPath {
                reader.withContents(of: statPath, in: directoryFD, singleLine: true, examine)
            } else {
                reader.withContents(of: "stat", in: directoryFD, singleLine: true, examine)
            }
        guard let (stat, reused, rawComm) = parsed else { return nil }
        let details =
            reused
            ?? process.map { $0.details.forThread(named: LosslessText.decode(rawComm), rawName: rawComm) }
            ?? readDetails(
                directoryFD: directoryFD, rawComm: rawComm, owner: owner, isKernelThread: stat.isKernelThread)
        var memory: ResidentMemory?
        if let process {
            memory = process.exactMemory // threads share their process's memory
        } else if options.readsStatm {
            memory = readStatm(in: directoryFD, path: "statm")
        }
        var entry = entry(id: id, stat: stat, owner: owner, details: details, exactMemory: memory, threadOf: process)
        // A thread's own io, in its task directory.
        if options.readsIO { entry.ioCounters = readIO(in: directoryFD, path: "io") }
        return entry
    }

    private func entry(
        id: Int32, stat: ProcessStat, owner: UInt32, details: ProcessDetails, exactMemory: ResidentMemory?,
        threadOf process: ProcessEntry? = nil
    ) -> ProcessEntry {
        ProcessEntry(
            pid: id, ppid: process?.pid ?? stat.ppid, threadGroupID: process?.pid ?? id,
            processGroup: stat.processGroup, session: stat.session,
            ttyNumber: stat.ttyNumber, state: stat.state, isKernelThread: stat.isKernelThread,
            priority: stat.priority, nice: stat.nice, threadCount: stat.threadCount,
            startTicks: stat.startTicks, userTicks: stat.userTicks, systemTicks: stat.systemTicks,
            virtualBytes: stat.virtualBytes, approximateResidentBytes: stat.residentPages &* procFS.pageSize,
            exactMemory: exactMemory, processor: stat.processor, directoryOwner: owner, details: details
        )
    }

    private func readDetails(directoryFD: Int32, rawComm: [UInt8], owner: UInt32, isKernelThread: Bool)
        -> ProcessDetails
    {
        let comm = LosslessText.decode(rawComm)
        // Kernel threads have no command line, no executable and belong to root.
        guard !isKernelThread else {
            return ProcessDetails(
                comm: comm, rawComm: rawComm, rawCommandLine: "", executable: nil,
                realUID: 0, effectiveUID: 0, realUser: users.name(of: 0), effectiveUser: users.name(of: 0),
                cgroup: CgroupPlacement(path: "/"), hasReadCgroup: options.readsCgroups)
        }
        let allowance = commandLineAllowance
        let commandLine =
            reader.withContents(of: "cmdline", in: directoryFD, limit: CommandLineParser.readLimit(keeping: allowance))
        {
            CommandLineParser.keptArguments($0, keeping: allowance)
        } ?? (joined: "", isTruncated: false)
        keptCommandLineBytes += commandLine.joined.utf8.count
        let executable = reader.linkTarget(of: "exe", in: directoryFD).map { LosslessText.decode($0) }
        // The directory's owner is the effective uid, except for non-dumpable
        // processes (shown as root); status has the truth and the real uid.
        let ids = reader.withContents(of: "status", in: directoryFD) { StatusParser.parse($0)?.realAndEffectiveUID }
        let realUID = ids?.real ?? owner
        let effectiveUID = ids?.effective ?? owner
        let cgroup = options.readsCgroups ? readCgroup(in: directoryFD, path: "cgroup") : nil
        return ProcessDetails(
            comm: comm, rawComm: rawComm, rawCommandLine: commandLine.joined,
            commandLineIsTruncated: commandLine.isTruncated, executable: executable,
            realUID: realUID, effectiveUID: effectiveUID,
            realUser: users.name(of: realUID), effectiveUser: users.name(of: effectiveUID),
            cgroup: cgroup, hasReadCgroup: options.readsCgroups)
    }

    /// Binary search in a PID-ascending list.
    static func index(of pid: Int32, in processes: [ProcessEntry]) -> Int? {
        var low = 0
        var high = processes.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = processes[middle].pid
            if candidate == pid { return middle }
            if candidate < pid { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    static func find(pid: Int32, in processes: [ProcessEntry]) -> ProcessEntry? {
        index(of: pid, in: processes).map { processes[$0] }
    }

    static func name(of entry: UnsafeMutablePointer<dirent>) -> UnsafePointer<CChar> {
        UnsafeRawPointer(entry)
            .advanced(by: MemoryLayout<dirent>.offset(of: \dirent.d_name)!)
            .assumingMemoryBound(to: CChar.self)
    }

    /// A PID directory's name is all digits; everything else in /proc is not a process.
    static func pid(fromDirectoryName name: UnsafePointer<CChar>) -> Int32? {
        var value: Int32 = 0
        var index = 0
        while name[index] != 0 {
            let digit = UInt8(bitPattern: name[index]) &- 0x30
            guard digit < 10, index < 10 else { return nil }
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = next &+ Int32(digit)
            guard value >= 0 else { return nil }
            index += 1
        }
        return index > 0 && value > 0 ? value : nil
    }
}
