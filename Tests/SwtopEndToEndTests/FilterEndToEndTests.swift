import Glibc
import Testing

/// `-F/--filter` and `-p/--pid` of the built binary, on processes the test starts.
@Suite struct FilterEndToEndTests {
    @Test func filterKeepsWhatTheKernelSays() throws {
        let short = try Spawn.start("/bin/sleep", ["/bin/sleep", "3101"])
        defer { Spawn.kill(short) }
        let long = try Spawn.start("/bin/sleep", ["/bin/sleep", "3102"])
        defer { Spawn.kill(long) }
        // Our children named sleep whose command line ends in 3102: only `long`. (Other
        // suites running at the same time start sleeps of their own; none for 310x.)
        let filter = "ppid=\(getpid()) and comm=sleep and command~\"3102$\""
        let run = try SwtopRun.run(["--json", "-n", "1", "-d", "0.2", "-F", filter])
        run.expectSuccess()
        let frame = try #require(Frames.parse(run).first)
        #expect(Frames.pids(frame) == [Int64(long)])
        let stat = try #require(ProcReader.stat(long))
        #expect(stat.ppid == Int64(getpid()))

        // Numbers compare as numbers: the larger PID, by the kernel's PIDs, not their digits.
        let larger = max(short, long)
        let numeric = try SwtopRun.run([
            "--batch", "-n", "1", "-d", "0.2", "-F", "ppid=\(getpid()) and command~\"310[12]$\" and pid>=\(larger)",
        ])
        numeric.expectSuccess()
        let rows = numeric.outputLines.drop { !$0.contains("PID USER") }.dropFirst()
        #expect(rows.compactMap { Int32($0.split(separator: " ").first ?? "") } == [larger])

        // -p: exactly the named ones, in every output.
        let named = try SwtopRun.run(["--json", "-n", "1", "-d", "0.2", "-s", "pid", "-p", "\(short),\(long)"])
        named.expectSuccess()
        let namedFrame = try #require(Frames.parse(named).first)
        #expect(Frames.pids(namedFrame) == [Int64(min(short, long)), Int64(max(short, long))])
    }

    @Test func malformedFilterIsOneLineNamingThePosition() throws {
        for (filter, position) in [("cpu>", 5), ("user=root and (", 16), ("comm~(", 6), ("nosuch>1", 1)] {
            let run = try SwtopRun.run(["--batch", "-n", "1", "-F", filter])
            #expect(run.status == .exited(64), "\(filter): \(run.status)")
            #expect(run.standardOutput.isEmpty)
            let lines = run.errorText.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 2 && lines.last == "", "\(filter): \(run.errorText)")
            #expect(run.errorText.hasPrefix("swtop: filter: at position \(position): "), "\(filter): \(run.errorText)")
        }
    }
}

/// `--csv`, `-o` and `--top` of the built binary, checked against ps and /proc.
@Suite struct ChosenOutputEndToEndTests {
    @Test func csvRowsMatchProcAndPS() throws {
        let idle = try Spawn.start("/bin/sleep", ["/bin/sleep", "303"])
        defer { Spawn.kill(idle) }
        let run = try SwtopRun.run([
            "--csv", "-n", "1", "-d", "0.2", "-o", "pid,ppid,comm,res,virt,state,command", "-p", "\(idle)",
        ])
        run.expectSuccess()
        let records = run.output.components(separatedBy: "\r\n")
        #expect(records.count == 3 && records.last == "", "\(records)")
        #expect(records.first == "timestamp,pid,ppid,comm,res,virt,state,command")
        let values = try #require(records.dropFirst().first).split(separator: ",").map(String.init)
        try #require(values.count == 8, "\(values)")
        let stat = try #require(ProcReader.stat(idle))
        let statm = try #require(ProcReader.statm(idle))
        #expect(values[1] == String(idle) && values[2] == String(stat.ppid) && values[3] == "sleep")
        #expect(values[4] == String(statm.resident) && values[5] == String(stat.virtualBytes))
        #expect(values[6] == String(stat.state) && values[7] == "/bin/sleep 303")
        // ps agrees on the size, in KiB.
        let ps = try SwtopRun.run("/bin/ps", argv: ["ps", "-o", "rss=", "-p", "\(idle)"], recording: ["ps"])
        #expect(
            Int(ps.output.split(whereSeparator: { $0 == " " || $0 == "\n" }).first ?? "") == Int(statm.resident / 1024))
    }

    @Test func ioAndTCPFieldsAreReadForTheFieldsAlone() throws {
        // A process of this user: its io and descriptors are readable.
        let idle = try Spawn.start("/bin/sleep", ["/bin/sleep", "304"])
        defer { Spawn.kill(idle) }
        let run = try SwtopRun.run([
            "--csv", "-n", "1", "-d", "0.2", "-o", "pid,io_read_total,io_write_total,net_rx", "-p", "\(idle)",
        ])
        run.expectSuccess()
        let records = run.output.components(separatedBy: "\r\n")
        let values = try #require(records.dropFirst().first).split(separator: ",", omittingEmptySubsequences: false)
        try #require(values.count == 5, "\(records)")
        // The kernel's io of the same process (sleep reads its libraries: read_bytes may be 0
        // once they are cached, but the field is a number, not empty).
        let io = try #require(ProcReader.text("/proc/\(idle)/io"))
        let written = try #require(
            io.split(separator: "\n").first { $0.hasPrefix("write_bytes:") }?.split(separator: " ").last)
        #expect(values[3] == written, "\(values) against \(io)")
        #expect(Int(values[2]) != nil)
        // sleep has no sockets: it receives nothing, which is 0, not unknown.
        #expect(values[4] == "0.00")
    }

    @Test func topAndJSONFields() throws {
        let run = try SwtopRun.run(["--json", "-n", "1", "-d", "0.2", "--top", "3", "-s", "pid", "-o", "pid,comm"])
        run.expectSuccess()
        let frame = try #require(Frames.parse(run).first)
        let processes = Frames.processes(frame)
        #expect(processes.count == 3)
        #expect(processes.first?["pid"]?.integer == 1) // sorted by PID: init first
        for process in processes { #expect(Set(process.object?.keys.map { $0 } ?? []) == ["pid", "comm"]) }
        #expect(run.output.contains("\"processes\":[{\"pid\":1,\"comm\":"), "keys in the order of -o")
    }
}
