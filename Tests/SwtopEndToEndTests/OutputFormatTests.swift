import Glibc
import Testing

/// `--batch` text and `--json` lines against the live system, with a `sleep` child
/// of the test as a process whose every field is known.
@Suite struct OutputFormatTests {
    static let columnTitles = "PID USER PRI NI VIRT RES SHR S CPU% MEM% TIME+ COMMAND".split(separator: " ").map(
        String.init)

    @Test func batchTextHasTwoPlainFramesWithHeadersAndOurChild() throws {
        let sleeper = try Spawn.start("/bin/sleep", ["/bin/sleep", "300"])
        defer { Spawn.kill(sleeper) }

        let run = try SwtopRun.run(["--batch", "-n", "2", "-d", "0.3"])
        run.expectSuccess()
        let (hasEscape, isUTF8) = (
            run.standardOutput.contains(0x1B), String(validating: run.standardOutput, as: UTF8.self) != nil
        )
        #expect(!hasEscape, "ESC in --batch output")
        #expect(isUTF8, "--batch output is not valid UTF-8")

        let frames = Self.textFrames(run.outputLines)
        try #require(frames.count == 2, "expected 2 frames, got \(frames.count):\n\(run.output.prefix(2000))")
        let myUser = try #require(ProcReader.userName(of: geteuid()))
        for frame in frames {
            let first = try #require(frame.first)
            #expect(
                first.hasPrefix("swtop - ") && first.contains(" up ") && first.contains("load average: "), "\(first)")
            for prefix in ["Tasks:", "CPU:", "Mem:", "Swap:"] {
                #expect(frame.filter { $0.hasPrefix(prefix) }.count == 1, "one \(prefix) line per frame")
            }
            let perCPU = frame.filter { $0.wholeMatch(of: #/CPU[0-9]+: .*/#) != nil }
            #expect(perCPU.count == ProcReader.onlineCPUs, "one line per online CPU: \(perCPU)")
            let title = frame.firstIndex { Self.tokens($0) == Self.columnTitles }
            let titleIndex = try #require(
                title, "no column title line in frame:\n\(frame.prefix(12).joined(separator: "\n"))")
            let rows = frame[(titleIndex + 1)...]
            #expect(rows.count > 3, "a live system has more than three processes")
            let found = rows.first { Self.tokens($0).first == String(sleeper) }
            let row = try #require(found, "no row for PID \(sleeper)")
            let fields = Self.tokens(row)
            try #require(fields.count >= 13, "\(row)")
            #expect(fields[1] == String(myUser.prefix(8)) || fields[1] == myUser.prefix(7) + "+")
            #expect(fields[7] == "S", "sleep is sleeping: \(row)")
            // The child existed before the first sample, so CPU% is a number, and about zero.
            let cpu = try #require(Double(fields[8]), "CPU% of an old process is a number: \(row)")
            #expect(cpu >= 0 && cpu < 2, "\(row)")
            #expect(row.hasSuffix("  /bin/sleep 300"), "COMMAND shows the command line: \(row)")
        }
    }

    @Test func jsonLinesFollowTheSchema() throws {
        let sleeper = try Spawn.start("/bin/sleep", ["/bin/sleep", "300"])
        defer { Spawn.kill(sleeper) }

        let run = try SwtopRun.run(["--json", "-n", "2", "-d", "0.3"])
        run.expectSuccess()
        #expect(run.output.hasSuffix("\n"), "the last line ends with a newline")
        #expect(run.outputLines.count == 2, "exactly two lines, got \(run.outputLines.count)")
        let frames = Frames.parse(run)
        try #require(frames.count == 2)

        for frame in frames {
            try FrameSchema.check(frame)
            let duplicates = Frames.duplicatePIDs(frame)
            #expect(duplicates.isEmpty, "PIDs listed twice")
            // Unfiltered, the list holds every task the counts were made from.
            let (total, listed) = (frame["tasks"]?["total"]?.integer, Int64(Frames.processes(frame).count))
            #expect(total == listed, "tasks.total against the rows")

            let child = try Frames.require(sleeper, in: frame)
            #expect(child["ppid"]?.integer == Int64(getpid()))
            #expect(child["comm"]?.string == "sleep")
            #expect(child["cmdline"] == .array([.string("/bin/sleep"), .string("300")]))
            let realSleep = try #require(realpath("/bin/sleep", nil))
            defer { free(realSleep) }
            #expect(child["exe"]?.string == String(cString: realSleep))
            #expect(child["state"]?.string == "S")
            #expect(child["threads"]?.integer == 1)
            #expect(child["shr_bytes"]?.integer != nil, "--json reads SHR for every row")
            #expect(child["cpu_percent"]?.double != nil, "an old process has a CPU% in every printed frame")
        }
        let (first, second) = (frames[0], frames[1])
        let generations = (first["generation"]?.integer ?? 0, second["generation"]?.integer ?? 0)
        #expect(generations.1 == generations.0 + 1, "consecutive frames: \(generations)")
        #expect((second["timestamp"]?.double ?? 0) > (first["timestamp"]?.double ?? 0))
    }

    /// Splits batch output into frames at each `swtop - ` header line.
    static func textFrames(_ lines: [String]) -> [[String]] {
        var frames: [[String]] = []
        for line in lines {
            if line.hasPrefix("swtop - ") { frames.append([]) }
            if !frames.isEmpty, !line.isEmpty { frames[frames.count - 1].append(line) }
        }
        return frames
    }

    static func tokens(_ line: String) -> [String] {
        line.split(separator: " ").map(String.init)
    }
}
