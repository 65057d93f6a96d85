import Glibc
import Testing

/// `-F/--filter` and `-p/--pid` of the built binary, on processes the test starts.
@Suite struct FilterEndToEndTests {
    @Test func filterKeepsWhatTheKernelSays() throws {
        let short = try Spawn.start("/bin/sleep", ["/bin/sleep", "301"])
        defer { Spawn.kill(short) }
        let long = try Spawn.start("/bin/sleep", ["/bin/sleep", "302"])
        defer { Spawn.kill(long) }
        // Our children named sleep whose command line ends in 302: only `long`.
        let filter = "ppid=\(getpid()) and comm=sleep and command~\"302$\""
        let run = try SwtopRun.run(["--json", "-n", "1", "-d", "0.2", "-F", filter])
        run.expectSuccess()
        let frame = try #require(Frames.parse(run).first)
        #expect(Frames.pids(frame) == [Int64(long)])
        let stat = try #require(ProcReader.stat(long))
        #expect(stat.ppid == Int64(getpid()))

        // Numbers compare as numbers: the larger PID, by the kernel's PIDs, not their digits.
        let larger = max(short, long)
        let numeric = try SwtopRun.run(["--batch", "-n", "1", "-d", "0.2", "-F", "ppid=\(getpid()) and comm=sleep and pid>=\(larger)"])
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
