import Testing

/// Argument handling of the built binary: every mistake is one line on stderr and
/// exit status 64 (EX_USAGE), never a usage dump or a crash.
@Suite struct CommandLineTests {
    static let usageErrors: [[String]] = [
        ["--bogus"],
        ["--batch", "--delay", "0"],
        ["--batch", "--delay", "-3"],
        ["--batch", "--delay", "abc"],
        ["--batch", "--iterations", "0"],
        ["--batch", "--user", "nosuchuser_xyz"],
        ["--batch", "--proc-root", "/nonexistent"],
        ["--batch", "--sort", "nosuchkey"],
        ["--watch-output", "--pid", "12,abc"],
    ]

    @Test(arguments: usageErrors)
    func usageErrorIsOneLineWithStatus64(arguments: [String]) throws {
        let run = try SwtopRun.run(arguments, timeout: 20)
        #expect(!run.timedOut)
        #expect(run.status == .exited(64), "\(run.status); stderr: \(run.errorText)")
        #expect(run.output.isEmpty)
        let lines = run.errorText.split(separator: "\n", omittingEmptySubsequences: false)
        // One line, ended by a newline: ["swtop: …", ""].
        #expect(lines.count == 2 && lines.last == "", "stderr is not exactly one line: \(run.errorText)")
        #expect(lines.first?.hasPrefix("swtop: ") == true, "stderr: \(run.errorText)")
        #expect((lines.first?.count ?? 0) > "swtop: ".count)
        let lowered = run.errorText.lowercased()
        for unwanted in ["usage:", "fatal error", "stack dump", "backtrace", "\u{1B}"] {
            #expect(!lowered.contains(unwanted), "stderr contains \(String(reflecting: unwanted)): \(run.errorText)")
        }
    }

    @Test func versionNamesCursesLibrary() throws {
        let run = try SwtopRun.run(["--version"], timeout: 20)
        run.expectSuccess()
        let pattern = #/swtop [0-9]+\.[0-9]+\.[0-9]+[^ ]* \(ncurses [^()\n]+\)\n/#
        #expect(run.output.wholeMatch(of: pattern) != nil, "--version printed \(String(reflecting: run.output))")
    }

    @Test func helpDescribesBatchAndJSON() throws {
        let run = try SwtopRun.run(["--help"], timeout: 20)
        run.expectSuccess()
        #expect(run.output.contains("--batch"))
        #expect(run.output.contains("--json"))
        // --proc-root is for tests and stays out of the help.
        #expect(!run.output.contains("--proc-root"))
    }

    @Test func interactiveModeRefusesAPipe() throws {
        // stdout is a pipe (and stdin /dev/null): the full-screen view cannot start.
        let run = try SwtopRun.run([], timeout: 20)
        #expect(!run.timedOut)
        if case .exited(let code) = run.status {
            #expect(code != 0, "interactive mode with stdout on a pipe exited 0")
        } else {
            Issue.record("interactive mode ended by \(run.status)")
        }
        #expect(run.output.isEmpty)
        let lines = run.errorText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines.last == "", "stderr is not exactly one line: \(run.errorText)")
        #expect(lines.first?.hasPrefix("swtop: ") == true)
        #expect(run.errorText.contains("--batch"), "stderr: \(run.errorText)")
    }
}
