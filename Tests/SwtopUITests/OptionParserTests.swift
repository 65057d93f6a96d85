import Testing

@testable import SwtopUI

@Suite struct OptionParserTests {
    private func options(_ arguments: String...) throws -> LaunchOptions {
        guard case .run(let options) = try OptionParser.parse(arguments) else {
            Issue.record("\(arguments) did not ask for a run")
            return LaunchOptions()
        }
        return options
    }

    @Test func defaultsAreTheInteractiveView() throws {
        #expect(try options() == LaunchOptions())
        #expect(LaunchOptions().delay == 1 && LaunchOptions().sort == .cpu && !LaunchOptions().batch)
    }

    @Test func configFileOptions() throws {
        #expect(try options("--config", "/x/c").configPath == "/x/c")
        #expect(try options("--config=rel").configPath == "rel")
        #expect(try options("--no-config").noConfig)
        #expect(throws: UsageError("--config needs a value")) { try options("--config") }
        #expect(throws: UsageError("--config needs a file name")) { try options("--config=") }
        #expect(throws: UsageError("--no-config takes no value")) { try options("--no-config=1") }
    }

    @Test func longShortAttachedAndClusteredFormsAgree() throws {
        var expected = LaunchOptions()
        expected.batch = true
        expected.tree = true
        expected.iterations = 3
        expected.delay = 0.5
        expected.sort = .mem
        expected.user = "root"
        expected.given = [.tree, .delay, .sort] // these win over the config file
        #expect(
            try options("--batch", "--tree", "--iterations", "3", "--delay", "0.5", "--sort", "mem", "--user", "root")
                == expected)
        #expect(
            try options("--batch", "--tree", "--iterations=3", "--delay=0.5", "--sort=mem", "--user=root") == expected)
        #expect(try options("-b", "-t", "-n", "3", "-d", "0.5", "-s", "mem", "-u", "root") == expected)
        #expect(try options("-bt", "-n3", "-d0.5", "-smem", "-uroot") == expected)
        #expect(try options("-btn", "3", "-d", ".5", "-s", "MEM%", "-u", "root", "--") == expected)
    }

    @Test func flagsWithoutShortForms() throws {
        let parsed = try options("--json", "--no-color", "--no-mouse", "-r", "--proc-root", "/tmp/x")
        #expect(parsed.json && parsed.noColor && parsed.noMouse && parsed.reverse && parsed.procRoot == "/tmp/x")
    }

    @Test func watchOutputWithProcessIDsUserAndDelay() throws {
        let parsed = try options("--watch-output", "--pid", "12,345", "--pid=7", "-u", "backup", "-d", "0.5")
        #expect(parsed.watchOutput && parsed.pids == [12, 345, 7] && parsed.user == "backup" && parsed.delay == 0.5)
        #expect(try options("--watch-output").pids == nil)
    }

    @Test func helpAndVersionWinOverEverythingElse() throws {
        #expect(try OptionParser.parse(["-b", "--help"]) == .help)
        #expect(try OptionParser.parse(["-h"]) == .help)
        #expect(try OptionParser.parse(["--version", "-t"]) == .version)
    }

    @Test(arguments: [
        (["--bogus"], "unknown option '--bogus'"),
        (["-x"], "unknown option '-x'"),
        (["-bx"], "unknown option '-x'"),
        (["top"], "unexpected argument 'top'"),
        (["--", "top"], "unexpected argument 'top'"),
        (["-d"], "-d needs a value"),
        (["--sort"], "--sort needs a value"),
        (["--batch=yes"], "--batch takes no value"),
        (["-d", "-1"], "--delay must be a number of seconds, 0.1 or more (got '-1')"),
        (["-d", "0.05"], "--delay must be a number of seconds, 0.1 or more (got '0.05')"),
        (["--delay=nan"], "--delay must be a number of seconds, 0.1 or more (got 'nan')"),
        (["-d", "1e9"], "--delay must be at most 86400 seconds (got '1e9')"),
        (["-n", "-1"], "--iterations must be a whole number, 1 or more (got '-1')"),
        (["-n", "2.5"], "--iterations must be a whole number, 1 or more (got '2.5')"),
        (["--watch-output", "--pid", "12,x"], "--pid needs process ids separated by commas (got '12,x')"),
        (["--watch-output", "--pid", "12,,13"], "--pid needs process ids separated by commas (got '12,,13')"),
        (["--watch-output", "--pid", "0"], "--pid needs process ids separated by commas (got '0')"),
        (["--watch-output", "--pid", "-5"], "--pid needs process ids separated by commas (got '-5')"),
        (["--watch-output", "--pid="], "--pid needs process ids separated by commas (got '')"),
        (
            ["--watch-output", "--pid", "99999999999"],
            "--pid needs process ids separated by commas (got '99999999999')"
        ),
        (["-F", "cpu>"], "filter: at position 5: expected a value after 'cpu>'"),
        (["--filter=user=root and ("], "filter: at position 16: expected a filter after '('"),
        (
            ["--watch-output", "--json"],
            "--watch-output cannot be combined with --batch, --csv, --json, --openmetrics or --textfile"
        ),
        (["--openmetrics", "--csv"], "--csv and --openmetrics cannot be combined: choose one format"),
        (
            ["--textfile", "/x.prom", "--json"],
            "--textfile writes the OpenMetrics format; it cannot be combined with --csv or --json"
        ),
        (["--textfile="], "--textfile needs a file name"),
        (["--openmetrics", "-o", "pid"], "--fields is for --batch, --csv and --json"),
        (["--csv", "--json"], "--csv and --json cannot be combined: choose one format"),
        (["--batch", "--top", "0"], "--top must be a whole number, 1 or more (got '0')"),
        (["--batch", "--top=x"], "--top must be a whole number, 1 or more (got 'x')"),
        (["-o", "pid"], "--fields is for --batch, --csv and --json"),
        (
            ["--csv", "-o", "pid,bogus"],
            "unknown field 'bogus' in --fields; use: "
                + "pid,ppid,user,uid,priority,nice,virt,res,shr,state,cpu,mem,time,threads,start,tty,processor,"
                + "pgrp,session,comm,exe,cgroup,container,unit,io,io_read,io_write,io_read_total,io_write_total,net_rx,net_tx,gpu,gpu_mem,command"
        ),
        (["--csv", "-o", "pid,PID"], "field 'PID' is named twice in --fields"),
        (
            ["--csv", "-o", ""],
            "unknown field '' in --fields; use: "
                + "pid,ppid,user,uid,priority,nice,virt,res,shr,state,cpu,mem,time,threads,start,tty,processor,"
                + "pgrp,session,comm,exe,cgroup,container,unit,io,io_read,io_write,io_read_total,io_write_total,net_rx,net_tx,gpu,gpu_mem,command"
        ),
        (["--watch-output=yes"], "--watch-output takes no value"),
    ])
    func mistakesAreNamed(arguments: [String], message: String) {
        #expect(throws: UsageError(message)) { try OptionParser.parse(arguments) }
    }

    @Test func filterAndPIDsForEveryOutput() throws {
        let parsed = try options("--batch", "-F", "cpu>5 or comm~^py", "-p", "3,4", "--pid=5")
        #expect(parsed.filter.source == "cpu>5 or comm~^py")
        #expect(parsed.selection.pids == [3, 4, 5])
        #expect(try options("-Fbash").filter.source == "bash")
    }

    @Test func anUnknownSortKeyListsTheKnownOnes() {
        #expect(throws: UsageError.self) { try OptionParser.parse(["-s", "colour"]) }
        do {
            _ = try OptionParser.parse(["-s", "colour"])
        } catch {
            #expect(error.description.hasPrefix("unknown sort key 'colour'; use one of: pid, ppid"))
        }
    }

    @Test func helpFitsEightyColumnsAndNamesEveryOption() {
        let lines = HelpText.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 80 })
        for option in [
            "--batch", "--json", "--iterations", "--delay", "--sort", "--reverse", "--user", "--tree",
            "--no-color", "--no-mouse", "--watch-output", "--pid", "--help", "--version",
        ] {
            #expect(HelpText.text.contains(option), "\(option) missing from the help")
        }
        #expect(!HelpText.text.contains("--proc-root"))
        #expect(SortKey.allCases.allSatisfy { HelpText.text.contains($0.rawValue) })
    }
}
