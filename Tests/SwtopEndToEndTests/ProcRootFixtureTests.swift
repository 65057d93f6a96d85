import Foundation
import Testing

/// `--proc-root` against a small /proc tree written by the test: every number in the
/// output is known in advance.
@Suite struct ProcRootFixtureTests {
    struct FixtureProcess {
        var pid: Int, comm: String, state: Character, ppid: Int
        var utime: Int, stime: Int, priority: Int, nice: Int, threads: Int
        var startTicks: Int, virtualBytes: Int, residentPages: Int, sharedPages: Int
        var uid: UInt32, commandLine: [String], executable: String

        /// Fields 1–44 of proc(5), 0 where the monitor does not look.
        /// stat's rss is the kernel's approximate counter: here off by 37 pages from
        /// statm's exact count, which swtop must show.
        var statLine: String {
            var fields = [
                "\(pid)", "(\(comm))", String(state), "\(ppid)", "\(pid)", "\(pid)", "0", "-1", "4194560",
                "0", "0", "0", "0", "\(utime)", "\(stime)", "0", "0", "\(priority)", "\(nice)", "\(threads)",
                "0", "\(startTicks)", "\(virtualBytes)", "\(residentPages - 37)", "18446744073709551615",
            ]
            fields += Array(repeating: "0", count: 13) + ["17", "0"] + Array(repeating: "0", count: 5)
            return fields.joined(separator: " ") + "\n"
        }
    }

    static let processes = [
        FixtureProcess(
            pid: 1, comm: "init", state: "S", ppid: 0, utime: 120, stime: 80, priority: 20, nice: 0,
            threads: 1, startTicks: 2, virtualBytes: 170_000_000, residentPages: 3000, sharedPages: 2000,
            uid: 0, commandLine: ["/sbin/init", "splash"], executable: "/sbin/init"),
        // A name with spaces and parentheses: comm runs from the first "(" to the last ")".
        FixtureProcess(
            pid: 42, comm: "(a) b)", state: "R", ppid: 1, utime: 250, stime: 50, priority: 25, nice: 5,
            threads: 3, startTicks: 12_345, virtualBytes: 104_857_600, residentPages: 2560, sharedPages: 300,
            uid: 65534, commandLine: ["worker", "--flag=a b"], executable: "/opt/fixture/worker"),
    ]

    static let memTotalKiB = 1_000_000

    /// Writes the tree into a new temporary directory and returns its path.
    static func writeFixture() throws -> String {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("swtop-fixture-\(UUID().uuidString)").path
        let files: [String: String] = [
            "stat": "cpu  1000 20 300 5000 40 0 10 0 0 0\ncpu0 1000 20 300 5000 40 0 10 0 0 0\nintr 12 0\nctxt 100\n"
                + "btime 1700000000\nprocesses 500\nprocs_running 2\nprocs_blocked 0\n",
            "meminfo": "MemTotal:       \(memTotalKiB) kB\nMemFree:          400000 kB\nMemAvailable:     600000 kB\n"
                + "Buffers:           10000 kB\nCached:           200000 kB\nSwapCached:         1000 kB\n"
                + "Shmem:              5000 kB\nSReclaimable:      20000 kB\nSwapTotal:        500000 kB\n"
                + "SwapFree:         400000 kB\n",
            "loadavg": "0.50 0.25 0.10 2/2 42\n",
            "uptime": "1000.50 1800.00\n",
            "version": "not a process\n",
        ]
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/sys/kernel", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: root + "/12ab", withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: root + "/" + name, atomically: false, encoding: .utf8) }
        for process in processes {
            let directory = root + "/\(process.pid)"
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try process.statLine.write(toFile: directory + "/stat", atomically: false, encoding: .utf8)
            let size = process.virtualBytes / Int(ProcReader.pageSize)
            try "\(size) \(process.residentPages) \(process.sharedPages) 10 0 200 0\n"
                .write(toFile: directory + "/statm", atomically: false, encoding: .utf8)
            try "Name:\t\(process.comm)\nState:\t\(process.state)\nPPid:\t\(process.ppid)\n"
                .appending("Uid:\t\(process.uid)\t\(process.uid)\t\(process.uid)\t\(process.uid)\n")
                .appending("Gid:\t\(process.uid)\t\(process.uid)\t\(process.uid)\t\(process.uid)\n")
                .appending("Threads:\t\(process.threads)\n")
                .write(toFile: directory + "/status", atomically: false, encoding: .utf8)
            try process.commandLine.map { $0 + "\0" }.joined()
                .write(toFile: directory + "/cmdline", atomically: false, encoding: .utf8)
            try (process.comm + "\n").write(toFile: directory + "/comm", atomically: false, encoding: .utf8)
            try manager.createSymbolicLink(atPath: directory + "/exe", withDestinationPath: process.executable)
        }
        try manager.createSymbolicLink(atPath: root + "/self", withDestinationPath: "42")
        return root
    }

    @Test func jsonReportsExactlyTheFixture() throws {
        let root = try Self.writeFixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = try SwtopRun.run(["--json", "-n", "1", "-d", "0.1", "--proc-root", root, "-s", "pid"])
        run.expectSuccess()
        #expect(run.outputLines.count == 1)
        let frame = try #require(Frames.parse(run).first)
        try FrameSchema.check(frame, onlineCPUs: 1)

        let kib: Int64 = 1024
        #expect(frame["boot_time"]?.integer == 1_700_000_000)
        #expect(frame["uptime_seconds"]?.double == 1000.5)
        #expect(
            frame["load"]
                == .array([
                    .number(0.5, isInteger: false), .number(0.25, isInteger: false), .number(0.1, isInteger: false),
                ]))
        let memory = try #require(frame["memory"])
        #expect(memory["total_bytes"]?.integer == Int64(Self.memTotalKiB) * kib)
        #expect(memory["free_bytes"]?.integer == 400_000 * kib)
        #expect(memory["available_bytes"]?.integer == 600_000 * kib)
        // As free(1) of procps-ng 4: used = MemTotal − MemAvailable, swap used = SwapTotal − SwapFree.
        #expect(memory["used_bytes"]?.integer == (1_000_000 - 600_000) * kib)
        #expect(frame["swap"]?["used_bytes"]?.integer == (500_000 - 400_000) * kib)
        let tasks = try #require(frame["tasks"])
        #expect(tasks["total"]?.integer == 2)
        #expect(tasks["running"]?.integer == 1)
        #expect(tasks["sleeping"]?.integer == 1)
        #expect(tasks["threads"]?.integer == 4)
        #expect(tasks["kernel_threads"]?.integer == 0)
        // The CPU counters did not move between the two samples: no share of nothing,
        // so no percentage at all rather than a made-up 0.
        #expect(frame["cpu"]?["usage_percent"]?.isNull == true)
        #expect(frame["cpus"]?.array?.first?["id"]?.integer == 0)
        #expect(frame["cpus"]?.array?.first?["usage_percent"]?.isNull == true)
        #expect(frame["cpus"]?.array?.first?["ticks"]?["user"]?.integer == 1000)

        let rows = Frames.processes(frame)
        let pids = Frames.pids(frame)
        #expect(pids == Self.processes.map { Int64($0.pid) }, "exactly the fixture's processes")
        let ticksPerSecond = Double(ProcReader.clockTicksPerSecond)
        let page = Int64(ProcReader.pageSize)
        for (row, process) in zip(rows, Self.processes) {
            let what = "process \(process.pid)"
            #expect(row["ppid"]?.integer == Int64(process.ppid), "\(what)")
            #expect(row["comm"]?.string == process.comm, "\(what)")
            #expect(row["cmdline"] == .array(process.commandLine.map(JSON.string)), "\(what)")
            #expect(row["exe"]?.string == process.executable, "\(what)")
            #expect(row["state"]?.string == String(process.state), "\(what)")
            #expect(row["threads"]?.integer == Int64(process.threads), "\(what)")
            #expect(row["priority"]?.integer == Int64(process.priority), "\(what)")
            #expect(row["nice"]?.integer == Int64(process.nice), "\(what)")
            #expect(row["uid"]?.integer == Int64(process.uid), "\(what)")
            #expect(row["user"]?.string == (ProcReader.userName(of: process.uid) ?? String(process.uid)), "\(what)")
            #expect(row["virt_bytes"]?.integer == Int64(process.virtualBytes), "\(what)")
            #expect(row["res_bytes"]?.integer == Int64(process.residentPages) * page, "\(what)")
            #expect(row["shr_bytes"]?.integer == Int64(process.sharedPages) * page, "\(what)")
            #expect(row["start_ticks"]?.integer == Int64(process.startTicks), "\(what)")
            // One delay of wall-clock time passed and the process's ticks did not move.
            #expect(row["cpu_percent"]?.double == 0, "\(what): idle for a whole interval")
            let memoryPercent = Double(process.residentPages) * Double(page) / Double(Self.memTotalKiB * 1024) * 100
            #expect(abs((row["mem_percent"]?.double ?? -1) - memoryPercent) <= 0.005, "\(what)")
            let cpuTime = Double(process.utime + process.stime) / ticksPerSecond
            #expect(abs((row["cpu_time_seconds"]?.double ?? -1) - cpuTime) <= 0.005, "\(what)")
            let started = 1_700_000_000 + Double(process.startTicks) / ticksPerSecond
            #expect(abs((row["start_time"]?.double ?? -1) - started) <= 0.005, "\(what)")
        }
    }

    @Test func batchTextUserFilterAndTreeOnTheFixture() throws {
        let root = try Self.writeFixture()
        defer { try? FileManager.default.removeItem(atPath: root) }

        let text = try SwtopRun.run(["--batch", "-n", "1", "-d", "0.1", "--proc-root", root, "--tree"])
        text.expectSuccess()
        let lines = text.outputLines
        let titleLine = lines.firstIndex { OutputFormatTests.tokens($0) == OutputFormatTests.columnTitles }
        let title = try #require(titleLine)
        let rows = Array(lines[(title + 1)...])
        #expect(rows.count == 2, "\(rows)")
        let (initCommand, workerCommand) = (
            LiveProcessTests.commandColumn(of: 1, in: lines), LiveProcessTests.commandColumn(of: 42, in: lines)
        )
        #expect(initCommand == "/sbin/init splash")
        #expect(workerCommand == "`- worker --flag=a b")
        let found = rows.first { OutputFormatTests.tokens($0).first == "42" }
        let worker = try #require(found)
        let fields = OutputFormatTests.tokens(worker)
        #expect(fields.count >= 11 && fields[2] == "25" && fields[3] == "5" && fields[7] == "R", "\(worker)")
        #expect(fields.count >= 11 && fields[8] == "0.0", "its ticks did not move for a whole delay: \(worker)")

        let filtered = try SwtopRun.run(["--json", "-n", "1", "-d", "0.1", "--proc-root", root, "--user", "65534"])
        filtered.expectSuccess()
        let frame = try #require(Frames.parse(filtered).first)
        let filteredPIDs = Frames.pids(frame)
        #expect(filteredPIDs == [42])
    }
}
