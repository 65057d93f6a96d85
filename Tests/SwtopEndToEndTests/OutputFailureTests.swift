import Glibc
import Testing

/// Output that cannot be written is a failure a script must see: status 1 and one
/// line on stderr. Only a reader that went away (EPIPE) ends the run quietly.
@Suite struct OutputFailureTests {
    let swtop: String

    init() throws {
        swtop = try #require(SwtopBinary.path, "swtop binary not found")
    }

    /// Runs swtop under `sh -c` with `redirection` applied to it.
    private func run(_ arguments: String, _ redirection: String) throws -> SwtopRun {
        try SwtopRun.run(
            "/bin/sh", argv: ["sh", "-c", "exec \"$0\" \(arguments) \(redirection)", swtop],
            timeout: 20, recording: [arguments, redirection])
    }

    @Test(arguments: ["--batch -n 1 -d 0.2", "--json -n 1 -d 0.2", "--version"])
    func aClosedStandardOutputIsStatus1(arguments: String) throws {
        let run = try run(arguments, ">&-")
        #expect(!run.timedOut)
        #expect(run.status == .exited(1), "\(run.status); stderr: \(run.errorText)")
        #expect(run.errorText == "swtop: cannot write to standard output: Bad file descriptor\n")
    }

    @Test func aFullDeviceIsStatus1() throws {
        let run = try run("--batch -n 1 -d 0.2", "> /dev/full")
        #expect(run.status == .exited(1), "\(run.status); stderr: \(run.errorText)")
        #expect(run.errorText == "swtop: cannot write to standard output: No space left on device\n")
    }

    @Test func aReaderThatLeavesEndsTheRunQuietly() throws {
        let directory = try #require(mkdtemp(strdup("/tmp/swtop-e2e-XXXXXX")).map { String(cString: $0) })
        defer { _ = system("rm -rf '\(directory)'") }
        // SIGPIPE ignored (inherited), so the write fails with EPIPE rather than killing swtop.
        let script =
            "{ trap '' PIPE; \"$0\" --batch -d 0.2 2> \"$1/errors\"; echo $? > \"$1/status\"; } | head -c 1 > /dev/null"
        let run = try SwtopRun.run(
            "/bin/sh", argv: ["sh", "-c", script, swtop, directory], timeout: 20,
            recording: ["--batch", "| head -c 1"])
        #expect(!run.timedOut)
        #expect(ProcReader.text("\(directory)/status") == "0\n")
        #expect(ProcReader.text("\(directory)/errors") == "")
    }
}
