/// The detail view's fields, file by file.
extension ProcessInspector {
    /// Deepest parent chain followed: PID 1 is reached long before in practice,
    /// but a chain read while processes are reparented must not loop.
    static let maximumAncestors = 256

    func readInspection(pid: Int32, startTicks: UInt64?, previous: ProcessInspection?) -> ProcessInspection? {
        guard let head = files.stat(of: pid), startTicks.map({ $0 == head.stat.startTicks }) ?? true, !head.hasEnded
        else { return nil }
        let stat = head.stat
        let system = files.read(path: procFS.root + "/stat") { SystemStatParser.parse($0) }.value
        let uptime = files.read(path: procFS.root + "/uptime") { UptimeParser.parse($0) }.value ?? 0
        let ticksPerSecond = Double(procFS.clockTicksPerSecond)
        let startedAfterBoot = Double(stat.startTicks) / ticksPerSecond
        let status = files.read(pid: pid, "status") { StatusParser.parse($0) }
        let systemTicks = system.map { $0.total.total } ?? 0
        let onlineCPUs = max(1, system?.perCPU.count ?? 1)
        let samePrevious = previous.flatMap { $0.pid == pid && $0.startTicks == stat.startTicks ? $0 : nil }

        let commandLine = files.read(pid: pid, "cmdline") { CommandLineParser.arguments($0) }
        let executable = files.link(pid: pid, "exe").map(Self.executable)
        let workingDirectory = files.link(pid: pid, "cwd").map { LosslessText.decode($0) }
        let rootDirectory = files.link(pid: pid, "root").map { LosslessText.decode($0) }
        let threads = threads(of: pid, systemTicks: systemTicks, onlineCPUs: onlineCPUs, previous: samePrevious)
        let scheduling = Scheduling(
            nice: stat.nice, priority: stat.priority, policy: SchedulingPolicy(number: head.policy),
            realTimePriority: head.realTimePriority, processor: stat.processor)
        let affinity: Readable<String> = status.flatMap { $0.cpusAllowedList.map { .value($0) } ?? .unavailable }
        let umask: Readable<UInt32> = status.flatMap { $0.umask.map { .value($0) } ?? .unavailable }
        let signals: Readable<SignalMasks> = status.flatMap {
            $0.sawSignalMasks ? .value(Self.signalMasks($0)) : .unavailable
        }
        let limits = files.read(pid: pid, "limits") { LimitsParser.parse($0) }
        let io = files.read(pid: pid, "io") { ProcessIOParser.parse($0) }
        let cgroups = files.read(pid: pid, "cgroup") { CgroupParser.parse($0) }
        let inspection = ProcessInspection(
            pid: pid, startTicks: stat.startTicks, comm: head.comm, commandLine: commandLine, executable: executable,
            workingDirectory: workingDirectory, rootDirectory: rootDirectory, state: stat.state,
            ancestors: ancestors(of: stat), children: children(of: pid), credentials: status.flatMap(credentials),
            startTime: Double(system?.bootTime ?? 0) + startedAfterBoot,
            elapsedSeconds: max(0, uptime - startedAfterBoot),
            threads: threads, scheduling: scheduling, affinity: affinity,
            terminal: TerminalDevice.name(ttyNumber: stat.ttyNumber), umask: umask, limits: limits, signals: signals,
            memory: memory(of: pid, stat: stat), io: io, cgroups: cgroups, systemTicks: systemTicks,
            onlineCPUs: onlineCPUs)
        // Files read after stat may already belong to a new process with this PID.
        return isSameProcess(pid: pid, startTicks: stat.startTicks) ? inspection : nil
    }

    static func executable(_ link: [UInt8]) -> ExecutableFile {
        let text = LosslessText.decode(link)
        let suffix = " (deleted)"
        guard text.hasSuffix(suffix) else { return ExecutableFile(path: text, isDeleted: false) }
        return ExecutableFile(path: String(text.dropLast(suffix.count)), isDeleted: true)
    }

    private func ancestors(of stat: ProcessStat) -> [ProcessLink] {
        var chain: [ProcessLink] = []
        var next = stat.ppid
        var seen: Set<Int32> = [stat.pid]
        while next > 0, chain.count < Self.maximumAncestors, seen.insert(next).inserted {
            guard let parent = files.stat(of: next) else {
                chain.append(ProcessLink(pid: next, comm: "?"))
                break
            }
            chain.append(ProcessLink(pid: next, comm: parent.comm))
            next = parent.stat.ppid
        }
        return chain
    }

    /// From task/TID/children of every thread (a child belongs to the thread that
    /// forked it). Without that file (kernels built without CONFIG_PROC_CHILDREN),
    /// every process's parent is read instead.
    private func children(of pid: Int32) -> Readable<[ProcessLink]> {
        guard case .value(let tids) = files.numberedEntries(pid: pid, "task") else { return .unavailable }
        var pids: Set<Int32> = []
        var sawChildrenFile = false
        for tid in tids {
            if case .value(let found) = files.read(pid: pid, "task/\(tid)/children", { ChildrenParser.parse($0) }) {
                sawChildrenFile = true
                pids.formUnion(found)
            }
        }
        if !sawChildrenFile {
            guard case .value(let all) = files.numberedEntries(ofDirectory: procFS.root) else { return .unavailable }
            for candidate in all where files.stat(of: candidate)?.stat.ppid == pid { pids.insert(candidate) }
        }
        return .value(
            pids.sorted().compactMap { child in
                files.stat(of: child).map { ProcessLink(pid: child, comm: $0.comm) }
            })
    }

    private func credentials(_ status: ProcessStatus) -> Readable<Credentials> {
        guard status.userIDs.count == 4, status.groupIDs.count == 4 else { return .unavailable }
        let user = { NamedID(id: $0, name: self.users.name(of: $0)) }
        let group = { NamedID(id: $0, name: self.groups.name(of: $0)) }
        func quadruple(_ ids: [UInt32], _ name: (UInt32) -> NamedID) -> IDQuadruple {
            IDQuadruple(real: name(ids[0]), effective: name(ids[1]), saved: name(ids[2]), filesystem: name(ids[3]))
        }
        return .value(
            Credentials(
                users: quadruple(status.userIDs, user), groups: quadruple(status.groupIDs, group),
                supplementaryGroups: status.groups.map(group)))
    }

    static func signalMasks(_ status: ProcessStatus) -> SignalMasks {
        SignalMasks(
            pending: StatusParser.signals(in: status.pendingThread | status.pendingShared),
            blocked: StatusParser.signals(in: status.blocked),
            ignored: StatusParser.signals(in: status.ignored),
            caught: StatusParser.signals(in: status.caught))
    }

    /// Every thread with its CPU% since `previous`, computed as the sampler does:
    /// ticks used over the ticks one CPU had (`Δtotal / onlineCPUs`).
    private func threads(
        of pid: Int32, systemTicks: UInt64, onlineCPUs: Int,
        previous: ProcessInspection?
    ) -> Readable<[InspectedThread]> {
        let tids: [Int32]
        switch files.numberedEntries(pid: pid, "task") {
        case .value(let found): tids = found
        case .notPermitted: return .notPermitted
        case .unavailable: return .unavailable
        }
        let earlier = previous?.threads.value.map {
            Dictionary($0.map { ($0.tid, $0.cpuTicks) }, uniquingKeysWith: { a, _ in a })
        }
        let period = previous.map { Double(systemTicks &- min(systemTicks, $0.systemTicks)) / Double(onlineCPUs) } ?? 0
        return .value(
            tids.compactMap { tid in
                guard
                    let thread = files.read(
                        path: files.path(pid, "task/\(tid)/stat"), { InspectedStat(bytes: $0, pid: tid) }
                    ).value
                else { return nil }
                let ticks = thread.stat.userTicks &+ thread.stat.systemTicks
                var percent: Double?
                if let before = earlier?[tid], period > 0 {
                    percent = min(Double(onlineCPUs) * 100, Double(ticks &- min(ticks, before)) / period * 100)
                }
                return InspectedThread(
                    tid: tid, name: thread.comm, state: thread.stat.state, cpuTicks: ticks, cpuPercent: percent)
            })
    }

    private func memory(of pid: Int32, stat: ProcessStat) -> MemoryUsage {
        let rollup = files.read(pid: pid, "smaps_rollup") { SmapsRollupParser.parse($0) }
        // RES and SHR from one read of statm, which is exact (see ResidentMemory);
        // stat's approximate rss only when statm cannot be read.
        let statm = files.read(pid: pid, "statm") { StatmParser.parse($0, pageSize: procFS.pageSize) }
        return MemoryUsage(
            virtualBytes: stat.virtualBytes,
            residentBytes: statm.value?.residentBytes ?? stat.residentPages &* procFS.pageSize,
            sharedBytes: statm.map(\.sharedBytes),
            proportionalBytes: rollup.map(\.proportional), swapBytes: rollup.map(\.swap))
    }
}
