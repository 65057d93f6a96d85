import Foundation
import Testing

@testable import SwtopCore

/// The inspector against a fixture /proc tree: a process 300 (child of 200, child
/// of 1) with every file the detail view reads.
@Suite struct ProcessInspectorTests {
    let fixture: FixtureProc
    let logFile: URL

    init() throws {
        fixture = try FixtureProc()
        logFile = fixture.root.appendingPathComponent("app.log")
        try Data("hello\n".utf8).write(to: logFile)
        try fixture.addProcess(pid: 1, comm: "systemd", ppid: 0)
        try fixture.addProcess(pid: 200, comm: "bash", ppid: 1)
        try fixture.addProcess(pid: 400, comm: "worker", ppid: 300)
        try writeProcess300()
    }

    private func writeProcess300(threadTicks: UInt64 = 10) throws {
        try fixture.write(
            "300/stat", statLine(pid: 300, comm: "my app", ppid: 200, nice: 5, threads: 2, start: 5000, rss: 300))
        try fixture.write("300/statm", "2000 300 30 1 0 100 0\n")
        try fixture.write("300/cmdline", bytes: Array("/usr/bin/app\0--color\0\u{1b}[2J\0".utf8))
        try fixture.write(
            "300/status",
            "Name:\tmy app\nUmask:\t0022\nUid:\t0\t4000001\t0\t0\nGid:\t0\t0\t0\t0\n"
                + "Groups:\t0 4000002\nSigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\nSigBlk:\t0000000000000002\n"
                + "SigIgn:\t0000000000001000\nSigCgt:\t0000000000004000\nCpus_allowed_list:\t0-1\n")
        try fixture.write(
            "300/limits",
            "Limit                     Soft Limit           Hard Limit           Units     \n"
                + "Max open files            1024                 4096                 files     \n")
        try fixture.write("300/smaps_rollup", "00-ff ---p 0 00:00 0 [rollup]\nRss: 1200 kB\nPss: 700 kB\nSwap: 8 kB\n")
        try fixture.write(
            "300/io",
            "rchar: 10\nwchar: 20\nsyscr: 1\nsyscw: 2\nread_bytes: 4096\nwrite_bytes: 0\ncancelled_write_bytes: 0\n")
        try fixture.write("300/cgroup", "0::/user.slice/app.service\n")
        try fixture.write("300/environ", bytes: Array("HOME=/root\0BAD=\u{1b}]0;x\u{7}\0".utf8))
        try fixture.write(
            "300/task/300/stat",
            statLine(pid: 300, comm: "my app", ppid: 200, utime: threadTicks, stime: 0, start: 5000))
        try fixture.write("300/task/300/children", "400 ")
        try fixture.write(
            "300/task/301/stat",
            statLine(
                pid: 301, comm: "io\u{1b}thread", state: "R", ppid: 200, utime: 2 * threadTicks, stime: 0, start: 5001))
        try fixture.write("300/task/301/children", "")
        try fixture.write(
            "300/net/tcp",
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0\n"
        )
        try fixture.write(
            "300/net/unix",
            "Num       RefCount Protocol Flags    Type St Inode Path\n"
                + "0000000054f69904: 00000002 00000000 00010000 0001 01 4343 /run/app.sock\n")
        for (name, target) in [
            ("exe", "/usr/bin/app (deleted)"), ("cwd", "/srv/app"), ("root", "/"),
            ("fd/0", "/dev/null"), ("fd/1", logFile.path), ("fd/3", "socket:[4242]"),
            ("fd/4", "socket:[4343]"), ("fd/5", "pipe:[99]"), ("fd/6", "anon_inode:[eventfd]"),
        ] {
            try link(name, to: target)
        }
    }

    private func link(_ name: String, to target: String) throws {
        let url = fixture.root.appendingPathComponent("300/\(name)")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    private func inspect(previous: ProcessInspection? = nil) throws -> ProcessInspection {
        let result = ProcessInspector(procFS: fixture.procFS).inspect(pid: 300, startTicks: 5000, previous: previous)
        guard case .inspected(let inspection) = result else {
            Issue.record("process 300 was reported as exited")
            throw CancellationError()
        }
        return inspection
    }

    @Test func identityCommandLineAndFiles() throws {
        let inspection = try inspect()
        #expect(inspection.comm == "my app")
        #expect(inspection.commandLine == .value(["/usr/bin/app", "--color", "\u{1b}[2J"]))
        #expect(inspection.executable == .value(ExecutableFile(path: "/usr/bin/app", isDeleted: true)))
        #expect(inspection.workingDirectory == .value("/srv/app"))
        #expect(inspection.rootDirectory == .value("/"))
        #expect(inspection.stateLetter == "S")
        #expect(inspection.terminal == "pts/0")
    }

    @Test func parentChainAndChildren() throws {
        let inspection = try inspect()
        #expect(inspection.ancestors == [ProcessLink(pid: 200, comm: "bash"), ProcessLink(pid: 1, comm: "systemd")])
        #expect(inspection.children == .value([ProcessLink(pid: 400, comm: "worker")]))
    }

    @Test func childrenFoundByParentWhenTheKernelHasNoChildrenFile() throws {
        fixture.remove("300/task/300/children")
        fixture.remove("300/task/301/children")
        #expect(try inspect().children == .value([ProcessLink(pid: 400, comm: "worker")]))
    }

    @Test func credentialsWithNames() throws {
        let credentials = try #require(try inspect().credentials.value)
        #expect(credentials.users.real == NamedID(id: 0, name: "root"))
        #expect(credentials.users.effective == NamedID(id: 4_000_001, name: "4000001"))
        #expect(credentials.groups.filesystem == NamedID(id: 0, name: "root"))
        #expect(
            credentials.supplementaryGroups == [NamedID(id: 0, name: "root"), NamedID(id: 4_000_002, name: "4000002")])
    }

    @Test func timesSchedulingAndMasks() throws {
        let inspection = try inspect()
        // btime 1700000000 + 5000 ticks at 100 Hz; uptime 1000.5 s.
        #expect(inspection.startTime == 1_700_000_050)
        #expect(inspection.elapsedSeconds == 950.5)
        #expect(
            inspection.scheduling
                == Scheduling(nice: 5, priority: 20, policy: .other, realTimePriority: 0, processor: 1))
        #expect(inspection.affinity == .value("0-1"))
        #expect(inspection.umask == .value(0o022))
        #expect(inspection.signals.value?.blocked.names == ["SIGINT"])
        #expect(inspection.signals.value?.ignored.names == ["SIGPIPE"])
        #expect(inspection.signals.value?.caught.names == ["SIGTERM"])
        #expect(inspection.signals.value?.pending.numbers == [])
        #expect(
            inspection.limits
                == .value([
                    ResourceLimit(name: "Max open files", soft: .finite(1024), hard: .finite(4096), unit: "files")
                ]))
    }

    @Test func memoryIOAndCgroup() throws {
        let inspection = try inspect()
        #expect(
            inspection.memory
                == MemoryUsage(
                    virtualBytes: 10_000_000, residentBytes: 300 * 4096, sharedBytes: .value(30 * 4096),
                    proportionalBytes: .value(700 * 1024), swapBytes: .value(8 * 1024)))
        #expect(inspection.io.value?.readBytes == 4096)
        #expect(inspection.io.value?.writtenCharacters == 20)
        #expect(
            inspection.cgroups
                == .value([CgroupMembership(hierarchy: 0, controllers: "", path: "/user.slice/app.service")]))
    }

    @Test func missingFilesAreUnavailableNotFatal() throws {
        for name in ["smaps_rollup", "io", "limits", "status", "cgroup"] { fixture.remove("300/\(name)") }
        let inspection = try inspect()
        #expect(inspection.memory.proportionalBytes == .unavailable)
        #expect(inspection.io == .unavailable)
        #expect(inspection.credentials == .unavailable)
        #expect(inspection.signals == .unavailable)
        #expect(inspection.umask == .unavailable)
        #expect(inspection.memory.residentBytes == 300 * 4096)
    }

    @Test func refusedReadsAreNotPermitted() {
        let files = InspectionFiles(procFS: fixture.procFS)
        #expect(InspectionFiles.failure(EACCES) as Readable<Int> == .notPermitted)
        #expect(InspectionFiles.failure(EPERM) as Readable<Int> == .notPermitted)
        #expect(InspectionFiles.failure(ENOENT) as Readable<Int> == .unavailable)
        #expect(files.read(pid: 300, "no-such-file") { _ in 1 } == .unavailable)
    }

    @Test func threadCPUFromTheDifferenceBetweenTwoInspections() throws {
        let first = try inspect()
        let names = first.threads.value?.map(\.name)
        #expect(names == ["my app", "io\u{1b}thread"])
        #expect(first.threads.value?.allSatisfy { $0.cpuPercent == nil } == true)
        // 200 more machine ticks over 2 CPUs: a period of 100 ticks per CPU.
        try fixture.setSystem(cpuTicks: [200, 0, 200, 800], perCPU: [[100, 0, 100, 400], [100, 0, 100, 400]])
        try writeProcess300(threadTicks: 30)
        let second = try inspect(previous: first)
        #expect(second.threads.value?.map(\.cpuPercent) == [20, 40])
        #expect(second.threads.value?.last?.stateLetter == "R")
    }

    @Test func anExitedOrReplacedProcessIsReportedAsExited() throws {
        let inspector = ProcessInspector(procFS: fixture.procFS)
        #expect(inspector.inspect(pid: 300, startTicks: 4999) == .exited)
        #expect(inspector.environment(pid: 300, startTicks: 4999) == .unavailable)
        #expect(inspector.openDescriptors(pid: 300, startTicks: 4999) == .unavailable)
        try fixture.write("300/stat", statLine(pid: 300, comm: "my app", state: "Z", ppid: 200, start: 5000))
        #expect(inspector.inspect(pid: 300, startTicks: 5000) == .exited)
        fixture.remove("300")
        #expect(inspector.inspect(pid: 300, startTicks: nil) == .exited)
    }

    @Test func environmentKeepsItsBytesForTheViewToEscape() {
        let environment = ProcessInspector(procFS: fixture.procFS).environment(pid: 300, startTicks: 5000)
        #expect(
            environment
                == .value([
                    EnvironmentVariable(name: "HOME", value: "/root"),
                    EnvironmentVariable(name: "BAD", value: "\u{1b}]0;x\u{7}"),
                ]))
    }

    @Test func descriptorsWithKindsTargetsAndSockets() throws {
        let listed = ProcessInspector(procFS: fixture.procFS).openDescriptors(pid: 300, startTicks: 5000)
        let descriptors = try #require(listed.value)
        #expect(descriptors.map(\.number) == [0, 1, 3, 4, 5, 6])
        #expect(descriptors.map(\.kind) == [.characterDevice, .file, .socket, .socket, .pipe, .anonymousInode])
        #expect(descriptors[1].target == logFile.path)
        #expect(
            descriptors[2].socket == SocketEndpoint(family: .tcp, local: "127.0.0.1:8080", remote: nil, state: "LISTEN")
        )
        #expect(
            descriptors[3].socket == SocketEndpoint(family: .unix, local: "/run/app.sock", remote: nil, state: "LISTEN")
        )
        #expect(descriptors[4].socket == nil)
        #expect(descriptors[5].target == "anon_inode:[eventfd]")
    }

    /// Some containers let /proc/1/fd be listed but not its links read: that is
    /// "not permitted", not a process without descriptors.
    @Test func linksThatCannotBeReadAreNotPermittedRatherThanMissing() throws {
        let files = InspectionFiles(procFS: fixture.procFS)
        var lister = DescriptorLister(procFS: fixture.procFS, files: files)
        lister.probe = { _ in
            errno = EACCES
            return nil
        }
        #expect(lister.descriptors(of: 300) == .notPermitted)

        lister.probe = { path in
            if path.hasSuffix("/fd/1") {
                errno = EACCES
                return nil
            }
            if path.hasSuffix("/fd/3") {
                errno = ENOENT
                return nil
            } // closed since the listing
            return DescriptorProbe.probe(path: path)
        }
        let descriptors = try #require(lister.descriptors(of: 300).value)
        #expect(descriptors.map(\.number) == [0, 1, 4, 5, 6])
        #expect(descriptors[1].kind == .unknown)
        #expect(descriptors[1].target == "not permitted")
    }
}
