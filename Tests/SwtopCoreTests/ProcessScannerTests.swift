import Testing

@testable import SwtopCore

@Suite struct ProcessScannerTests {
    @Test func readsAFixtureTreeWithAwkwardProcesses() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 1, comm: "init", ppid: 0, cmdline: Array("/sbin/init\u{0}splash\u{0}".utf8))
        try proc.addProcess(pid: 2, comm: "kthreadd", ppid: 0, flags: 0x208040, rss: 0)
        try proc.addProcess(pid: 30, comm: "a) (b c", ppid: 1, cmdline: [0x2F, 0x78, 0xFF, 0x00, 0x61, 0x00])
        try proc.addProcess(pid: 31, comm: "defunct", state: "Z", ppid: 30)
        try proc.write("32/stat", "32 (broken) S 1 2") // truncated: skipped
        try proc.write("33/stat", "\u{0}\u{1}garbage")
        try proc.write("self/stat", "not a pid directory")
        try proc.write("sys/kernel", "")

        let snapshot = SnapshotReader(procFS: proc.procFS).read()
        #expect(snapshot.processes.map(\.pid) == [1, 2, 30, 31])

        let initProcess = snapshot.processes[0]
        #expect(initProcess.details.commandLine == ["/sbin/init", "splash"])
        #expect(initProcess.residentBytes == 100 * 4096)
        #expect(initProcess.sharedBytes == nil) // statm is opt-in

        let kernelThread = snapshot.processes[1]
        #expect(kernelThread.isKernelThread)
        #expect(kernelThread.details.commandLine.isEmpty)
        #expect(kernelThread.details.comm == "kthreadd")

        let odd = snapshot.processes[2]
        #expect(odd.details.comm == "a) (b c")
        #expect(odd.details.commandLine == ["/x\\xff", "a"])

        let zombie = snapshot.processes[3]
        #expect(zombie.stateLetter == "Z")
        #expect(zombie.details.commandLine.isEmpty)
        #expect(!zombie.isKernelThread)

        #expect(snapshot.tasks.total == 4)
        #expect(snapshot.tasks.zombie == 1)
        #expect(snapshot.tasks.kernelThreads == 1)
        #expect(snapshot.tasks.sleeping == 3)
        #expect(snapshot.tasks.userlandThreads == 3)
    }

    @Test func exactMemoryIsReadFromStatmWhenAskedFor() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 10, rss: 7)
        // stat's rss is the kernel's approximate counter; statm's is exact and wins.
        try proc.write("10/statm", "2000 422 385 1 0 100 0\n")
        let approximate = try #require(SnapshotReader(procFS: proc.procFS).read().processes.first)
        #expect(approximate.residentBytes == 7 * 4096)
        #expect(approximate.exactMemory == nil)
        let snapshot = SnapshotReader(procFS: proc.procFS, options: ScanOptions(readsStatm: true)).read()
        let process = try #require(snapshot.processes.first)
        #expect(process.exactMemory == ResidentMemory(residentBytes: 422 * 4096, sharedBytes: 385 * 4096))
        #expect(process.residentBytes == 422 * 4096)
        #expect(process.approximateResidentBytes == 7 * 4096)
        // MEM% from the exact value too.
        let total = Double(snapshot.system.memory.total)
        #expect(total > 0)
        #expect(process.memoryPercent == Double(422 * 4096) / total * 100)
    }

    @Test func aRecordingKeepsTheStatmOfAProcessWhoseStatDidNotMove() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 10, utime: 5, rss: 7)
        try proc.write("10/statm", "2000 422 385 1 0 100 0\n")
        var options = ScanOptions(readsStatm: true)
        options.keepsStatmOfIdleProcesses = true
        let reader = SnapshotReader(procFS: proc.procFS, options: options)
        func resident() -> UInt64 { reader.read().processes.first?.exactMemory?.residentBytes ?? 0 }
        #expect(resident() == 422 * 4096)
        // statm alone changed: kept, as its stat says the process did not run.
        try proc.write("10/statm", "2000 500 385 1 0 100 0\n")
        #expect(resident() == 422 * 4096)
        // It ran: read again.
        try proc.addProcess(pid: 10, utime: 6, rss: 7)
        try proc.write("10/statm", "2000 600 385 1 0 100 0\n")
        #expect(resident() == 600 * 4096)
        // stat's own RSS counter moved (pages taken while it slept): read again.
        try proc.addProcess(pid: 10, utime: 6, rss: 8)
        try proc.write("10/statm", "2000 650 385 1 0 100 0\n")
        #expect(resident() == 650 * 4096)
        // Nothing moved: within a rotation it is read again all the same.
        try proc.write("10/statm", "2000 700 385 1 0 100 0\n")
        var values: [UInt64] = []
        for _ in 0..<ProcessScanner.idleStatmRotation { values.append(resident()) }
        #expect(values.contains(700 * 4096), "\(values)")
        // Without the option every refresh reads statm.
        let fresh = SnapshotReader(procFS: proc.procFS, options: ScanOptions(readsStatm: true))
        _ = fresh.read()
        try proc.write("10/statm", "2000 800 385 1 0 100 0\n")
        #expect(try #require(fresh.read().processes.first?.exactMemory).residentBytes == 800 * 4096)
    }

    @Test func ownersComeFromStatus() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 10, uid: 0)
        try proc.write("10/status", "Name:\tx\nUid:\t1000\t0\t0\t0\n")
        let details = try #require(SnapshotReader(procFS: proc.procFS).read().processes.first?.details)
        #expect(details.realUID == 1000)
        #expect(details.effectiveUID == 0)
    }

    @Test func detailsAreReadOncePerIdentity() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 10, comm: "worker", start: 500, cmdline: Array("first\u{0}".utf8))
        let reader = SnapshotReader(procFS: proc.procFS)
        let first = try #require(reader.read().processes.first)

        // Same identity: a changed cmdline file is not read again.
        try proc.write("10/cmdline", "second\u{0}")
        let same = try #require(reader.read().processes.first)
        #expect(same.details === first.details)
        #expect(same.details.commandLine == ["first"])

        // exec renames the task: the details are read again.
        try proc.addProcess(pid: 10, comm: "renamed", start: 500, cmdline: Array("third\u{0}".utf8))
        let renamed = try #require(reader.read().processes.first)
        #expect(renamed.details.commandLine == ["third"])

        // A reused PID has a new start time: a new process, new details.
        try proc.addProcess(pid: 10, comm: "renamed", start: 900, cmdline: Array("fourth\u{0}".utf8))
        let reused = try #require(reader.read().processes.first)
        #expect(reused.details.commandLine == ["fourth"])

        // setuid without exec: same name and start time, a new owner of its files.
        try proc.write("10/status", "Name:\trenamed\nUid:\t1234\t1234\t1234\t1234\n")
        try proc.chownProcess(pid: 10, to: 1234)
        let demoted = try #require(reader.read().processes.first)
        #expect(demoted.details !== reused.details)
        #expect(demoted.details.effectiveUID == 1234)
        #expect(demoted.directoryOwner == 1234)
    }

    @Test func hiddenKernelThreadsAreReadOneRefreshInARotation() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 2, comm: "kthreadd", ppid: 0, flags: 0x208040, rss: 0)
        try proc.addProcess(pid: 10, comm: "worker")
        let reader = SnapshotReader(procFS: proc.procFS, options: ScanOptions(readsKernelThreads: false))
        #expect(reader.read().processes.map(\.isCarriedOver) == [false, false]) // the first sample reads all

        var freshKernelThreadReads = 0
        var ticks: UInt64 = 0
        for _ in 0..<ProcessScanner.hiddenKernelThreadRotation {
            ticks += 10
            try proc.addProcess(pid: 2, comm: "kthreadd", ppid: 0, flags: 0x208040, utime: ticks, rss: 0)
            try proc.addProcess(pid: 10, comm: "worker", utime: ticks)
            let snapshot = reader.read()
            let (kernelThread, worker) = (snapshot.processes[0], snapshot.processes[1])
            #expect(!worker.isCarriedOver && worker.userTicks == ticks)
            if kernelThread.isCarriedOver {
                #expect(kernelThread.userTicks < ticks) // the last numbers read
            } else {
                freshKernelThreadReads += 1
                #expect(kernelThread.userTicks == ticks)
            }
            // No CPU% from or against numbers that were not read this time.
            #expect(kernelThread.cpuPercent == nil)
        }
        #expect(freshKernelThreadReads == 1)

        // Shown again: every refresh reads them.
        reader.options.readsKernelThreads = true
        #expect(reader.read().processes.allSatisfy { !$0.isCarriedOver })
    }

    @Test func aMissingProcRootGivesAnEmptySampleNotACrash() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 10)
        let reader = SnapshotReader(procFS: proc.procFS)
        #expect(reader.read().processes.count == 1)
        proc.remove("10")
        #expect(reader.read().processes.isEmpty)
    }

    @Test func validationNamesTheProblem() throws {
        #expect(throws: ProcFSError.unreadable(path: "/nonexistent-swtop", errno: 2)) {
            try ProcFS(root: "/nonexistent-swtop").validate()
        }
        let proc = try FixtureProc()
        try ProcFS(root: proc.root.path).validate()
        proc.remove("stat")
        #expect(throws: ProcFSError.self) { try ProcFS(root: proc.root.path).validate() }
    }
}

@Suite struct ThreadScanTests {
    @Test func threadsAreReadOnlyWhenAskedAndHangUnderTheirProcess() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 100, comm: "server", threads: 3, cmdline: Array("/usr/bin/server\u{0}".utf8), uid: 33)
        try proc.write("100/task/100/stat", statLine(pid: 100, comm: "server", threads: 3, start: 100))
        try proc.write(
            "100/task/101/stat", statLine(pid: 101, comm: "worker-1", ppid: 1, utime: 7, threads: 3, start: 120))
        try proc.write("100/task/102/stat", statLine(pid: 102, comm: "worker-2", ppid: 1, threads: 3, start: 130))
        try proc.addProcess(pid: 101_000, comm: "other")

        let without = SnapshotReader(procFS: proc.procFS).read()
        #expect(without.processes.map(\.pid) == [100, 101_000])

        let reader = SnapshotReader(procFS: proc.procFS, options: ScanOptions(readsThreads: true))
        let snapshot = reader.read()
        #expect(snapshot.processes.map(\.pid) == [100, 101, 102, 101_000])
        let worker = snapshot.processes[1]
        #expect(worker.isThread)
        #expect(worker.threadGroupID == 100)
        #expect(worker.ppid == 100)
        #expect(worker.details.comm == "worker-1")
        #expect(worker.details.commandLine == ["/usr/bin/server"])
        #expect(worker.details.effectiveUID == 33)
        #expect(worker.userTicks == 7)
        // Threads are not tasks of their own in the counts.
        #expect(snapshot.tasks.total == 2)
        #expect(snapshot.tasks.userlandThreads == 4)
        // The next sample reuses the thread's details.
        let again = reader.read()
        #expect(again.processes[1].details === worker.details)
    }
}
