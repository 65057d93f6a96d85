import Glibc
import Testing

/// Mistakes with the script and export options: one line on stderr, status 64 for
/// the command line and 1 for a file that cannot be written, and nothing half-written.
@Suite struct ExportInputTests {
    private func expectOneLine(
        _ run: SwtopRun, status: Int32, containing words: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            run.status == .exited(status), "\(run.arguments): \(run.status) \(run.errorText)",
            sourceLocation: sourceLocation)
        let lines = run.errorText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines.last == "", "not one line: \(run.errorText)", sourceLocation: sourceLocation)
        #expect(
            run.errorText.hasPrefix("swtop: ") && run.errorText.contains(words), "\(run.errorText)",
            sourceLocation: sourceLocation)
        #expect(run.standardOutput.isEmpty, "stdout: \(run.output)", sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        (["--csv", "-o", "pid,colour"], "unknown field 'colour'"),
        (["--json", "--top", "0"], "--top must be a whole number, 1 or more"),
        (["--csv", "--json"], "--csv and --json cannot be combined"),
        (["--openmetrics", "--json"], "--json and --openmetrics cannot be combined"),
        (["--textfile", "/tmp/swtop.txt"], "--textfile must name a .prom file"),
        (["--textfile", "/tmp/../tmp/x.prom"], "without '.' or '..'"),
        (["-o", "pid"], "--fields is for --batch, --csv and --json"),
        (["-F", "res>"], "filter: at position 5"),
    ])
    func usageMistakes(arguments: [String], words: String) throws {
        expectOneLine(try SwtopRun.run(arguments + ["-n", "1"]), status: 64, containing: words)
    }

    @Test func textfileDirectoriesThatCannotBeUsed() throws {
        let directory = try PrometheusTextfileTests.temporaryDirectory()
        defer { PrometheusTextfileTests.remove(directory) }
        // Missing.
        expectOneLine(
            try SwtopRun.run(["--textfile", directory + "/missing/x.prom", "-n", "1", "-d", "0.1"]),
            status: 1, containing: "--textfile: cannot use the directory \(directory)/missing")
        // Writable by everyone (and not sticky): another user could swap the file under root.
        let open = directory + "/open"
        mkdir(open, 0o777)
        chmod(open, 0o777)
        expectOneLine(
            try SwtopRun.run(["--textfile", open + "/x.prom", "-n", "1", "-d", "0.1"]),
            status: 1, containing: "--textfile: cannot use the directory")
        #expect(PrometheusTextfileTests.names(in: open).isEmpty)
        // The name is a directory: the rename fails and the temporary file goes away.
        let taken = directory + "/taken"
        mkdir(taken, 0o755)
        mkdir(taken + "/x.prom", 0o755)
        expectOneLine(
            try SwtopRun.run(["--textfile", taken + "/x.prom", "-n", "1", "-d", "0.1"]),
            status: 1, containing: "--textfile: cannot rename into \(taken)/x.prom")
        #expect(PrometheusTextfileTests.names(in: taken) == ["x.prom"])
    }

    /// PATH on another file system than the temporary file beside it (a file bind-mounted
    /// over it, in a mount namespace of the test's own): the rename fails, nothing is left.
    @Test func textfileOnAnotherFileSystem() throws {
        let unshare = try #require(Spawn.executable("unshare"), "unshare (util-linux) is needed")
        try #require(geteuid() == 0, "a mount namespace needs root")
        let swtop = try #require(SwtopBinary.path)
        let directory = try PrometheusTextfileTests.temporaryDirectory()
        defer { PrometheusTextfileTests.remove(directory) }
        try PrometheusTextfileTests.write("old\n", to: directory + "/x.prom")
        try PrometheusTextfileTests.write("elsewhere\n", to: directory + "/source")
        let script = "mount --bind \"$1/source\" \"$1/x.prom\" && exec \"$2\" --textfile \"$1/x.prom\" -n 1 -d 0.1"
        let run = try SwtopRun.run(
            unshare,
            argv: [
                "unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", script, "sh",
                directory, swtop,
            ], recording: ["--textfile", "(bind mount)"])
        expectOneLine(run, status: 1, containing: "--textfile: cannot rename into \(directory)/x.prom")
        #expect(PrometheusTextfileTests.names(in: directory) == ["source", "x.prom"])
        #expect(PrometheusTextfileTests.read(directory + "/x.prom") == "old\n")
    }
}
