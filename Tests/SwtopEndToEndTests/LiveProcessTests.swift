import Glibc
import Testing

/// swtop against real processes that the tests start and stop by PID. One at a time:
/// CPU% is measured here, and a test's busy child must not skew another test.
@Suite(.serialized) struct LiveProcessTests {
    @Test func busyAndIdleChildrenMatchProc() throws {
        try CPUQuietLock.withLock { try checkBusyAndIdleChildren() }
    }

    private func checkBusyAndIdleChildren() throws {
        let busy = try Spawn.start("/bin/sh", ["/bin/sh", "-c", "while :; do :; done"])
        defer { Spawn.kill(busy) }
        let idle = try Spawn.start("/bin/sleep", ["/bin/sleep", "300"])
        defer { Spawn.kill(idle) }
        // Lift the busy loop above whatever else runs (builds, parallel tests), so that
        // it really gets one core and 100% is the right answer. Needs root, as in CI.
        let boosted = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(busy), -20) == 0

        // The test's own measure of the busy child's share over the whole run, for the failure message.
        let before = (ProcReader.stat(busy), ProcReader.totalCPUTicks())
        let run = try SwtopRun.run(["--json", "-n", "2", "-d", "1"])
        // Read /proc right after swtop's last sample.
        let busyStat = try #require(ProcReader.stat(busy))
        let elapsedPerCore =
            Double((ProcReader.totalCPUTicks() ?? 0) &- (before.1 ?? 0)) / Double(ProcReader.onlineCPUs)
        let measured =
            Double(busyStat.utime + busyStat.stime &- (before.0.map { $0.utime + $0.stime } ?? 0))
            / max(1, elapsedPerCore) * 100
        let idleStat = try #require(ProcReader.stat(idle))
        let idleStatm = try #require(ProcReader.statm(idle))
        let busyStatm = try #require(ProcReader.statm(busy))
        let busyUIDs = try #require(ProcReader.uids(busy))
        let idleUIDs = try #require(ProcReader.uids(idle))
        run.expectSuccess()
        let frames = Frames.parse(run)
        try #require(frames.count == 2)
        let last = frames[1]

        let busyRow = try Frames.require(busy, in: last)
        let idleRow = try Frames.require(idle, in: last)
        let busyCPU = try #require(busyRow["cpu_percent"]?.double, "busy child has no CPU%")
        let idleCPU = try #require(idleRow["cpu_percent"]?.double, "idle child has no CPU%")
        // Against what /proc says the loop got, not against a whole core: on a loaded machine
        // (the suite runs tests in parallel on few cores) a busy loop gets less than one.
        #expect(
            abs(busyCPU - measured) <= 15,
            "busy loop: \(busyCPU)%; /proc says it had \(Int(measured))% of a core during the run")
        #expect(idleCPU >= 0 && idleCPU < 2, "sleep: \(idleCPU)%")

        for (row, stat, uids) in [(busyRow, busyStat, busyUIDs), (idleRow, idleStat, idleUIDs)] {
            let pid = row["pid"]?.integer ?? 0
            #expect(row["ppid"]?.integer == stat.ppid, "ppid of \(pid)")
            #expect(row["ppid"]?.integer == Int64(getpid()))
            #expect(row["uid"]?.integer == Int64(uids.effective), "uid of \(pid)")
            #expect(row["user"]?.string == ProcReader.userName(of: uids.effective), "user of \(pid)")
            #expect(row["state"]?.string == String(stat.state), "state of \(pid)")
            #expect(row["start_ticks"]?.integer == Int64(stat.startTicks), "start time of \(pid)")
            #expect(row["nice"]?.integer == stat.nice, "nice of \(pid)")
            #expect(row["priority"]?.integer == stat.priority, "priority of \(pid)")
            #expect(row["threads"]?.integer == stat.threads, "threads of \(pid)")
            let cpuTime = row["cpu_time_seconds"]?.double ?? -1
            let procCPUTime = Double(stat.utime + stat.stime) / Double(ProcReader.clockTicksPerSecond)
            #expect(cpuTime >= 0 && cpuTime <= procCPUTime + 0.005, "CPU time of \(pid) cannot run backwards")
        }
        #expect(busyRow["state"]?.string == "R")
        #expect(idleRow["state"]?.string == "S")
        if boosted { #expect(busyRow["nice"]?.integer == -20) }
        #expect((busyRow["cpu_time_seconds"]?.double ?? 0) >= 0.8, "the busy child ran for over a second")
        // RES is statm's resident pages times the page size: exact for sleep, a few
        // pages of slack for a shell that is running.
        let page = Int64(ProcReader.pageSize)
        #expect(idleRow["res_bytes"]?.integer == Int64(idleStatm.resident))
        #expect(idleRow["shr_bytes"]?.integer == Int64(idleStatm.shared))
        #expect(idleRow["virt_bytes"]?.integer == Int64(idleStat.virtualBytes))
        let busyRES = busyRow["res_bytes"]?.integer ?? -1
        #expect(
            busyRES > 0 && abs(busyRES - Int64(busyStatm.resident)) <= 8 * page,
            "busy RES \(busyRES) vs \(busyStatm.resident) bytes")
        #expect(busyRES % page == 0)
    }

    @Test func userFilterByNameAndNumber() throws {
        let nobody = try #require(ProcReader.uid(ofUser: "nobody"), "no user 'nobody'")
        let setpriv = try #require(Spawn.executable("setpriv"), "setpriv (util-linux) is needed")
        try #require(geteuid() == 0, "starting a process as another user needs root")
        let sleeper = try Spawn.start(
            setpriv,
            [
                "setpriv", "--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups",
                "/bin/sleep", "300",
            ])
        defer { Spawn.kill(sleeper) }
        try #require(
            Clock.wait(upTo: 5) {
                ProcReader.comm(sleeper) == "sleep" && ProcReader.uids(sleeper)?.effective == nobody
            },
            "setpriv did not become sleep as nobody")

        let uptimeBefore = try #require(ProcReader.uptimeTicks())
        let byName = try SwtopRun.run(["--json", "-n", "1", "-d", "0.3", "--user", "nobody"])
        let byNumber = try SwtopRun.run(["--json", "-n", "1", "-d", "0.3", "--user", String(nobody)])
        let asRoot = try SwtopRun.run(["--json", "-n", "1", "-d", "0.3", "-u", "root"])
        for run in [byName, byNumber, asRoot] { run.expectSuccess() }
        let (nameFrame, numberFrame, rootFrame) = (
            Frames.parse(byName).first, Frames.parse(byNumber).first, Frames.parse(asRoot).first
        )
        let named = try #require(nameFrame)
        let numbered = try #require(numberFrame)
        let root = try #require(rootFrame)

        for frame in [named, numbered] {
            let rows = Frames.processes(frame)
            let others = rows.filter { $0["uid"]?.integer != Int64(nobody) || $0["user"]?.string != "nobody" }
                .map { "\($0["pid"]?.integer ?? -1) (\($0["user"]?.string ?? "?"))" }
            #expect(others.isEmpty, "only nobody's processes")
            let listed = Frames.process(sleeper, in: frame) != nil
            #expect(listed, "nobody's sleep \(sleeper) is listed")
        }
        // The same set by name and by number, apart from processes that started or
        // ended between the two runs.
        let (nameSet, numberSet) = (Set(Frames.pids(named)), Set(Frames.pids(numbered)))
        for pid in nameSet.subtracting(numberSet) {
            let start = Frames.process(pid_t(pid), in: named)?["start_ticks"]?.integer
            #expect(
                ProcReader.stat(pid_t(pid)).map { Int64($0.startTicks) } != start,
                "PID \(pid) is still alive but missing from --user \(nobody)")
        }
        for pid in numberSet.subtracting(nameSet) {
            let start = Frames.process(pid_t(pid), in: numbered)?["start_ticks"]?.integer ?? 0
            #expect(UInt64(start) + 1 >= uptimeBefore, "PID \(pid) is old but missing from --user nobody")
        }

        let rootRows = Frames.processes(root)
        #expect(!rootRows.isEmpty)
        let notRoot = rootRows.filter { $0["uid"]?.integer != 0 }.map { $0["pid"]?.integer ?? -1 }
        #expect(notRoot.isEmpty, "only root's processes")
        let (listsSleeper, listsTest) = (
            Frames.process(sleeper, in: root) != nil, Frames.process(getpid(), in: root) != nil
        )
        #expect(!listsSleeper, "nobody's sleep is not root's")
        #expect(listsTest, "the test process runs as root")
    }
}
