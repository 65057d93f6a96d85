import Glibc
import Testing

/// `swtop --completions SHELL`, loaded into a real bash.
@Suite struct CompletionTests {
    private func script(_ shell: String) throws -> String {
        let run = try SwtopRun.run(["--completions", shell])
        run.expectSuccess()
        return run.output
    }

    @Test func bashCompletesOptionsSortKeysFieldsAndUsers() throws {
        let directory = try PrometheusTextfileTests.temporaryDirectory()
        defer { PrometheusTextfileTests.remove(directory) }
        try PrometheusTextfileTests.write(try script("bash"), to: directory + "/swtop.bash")
        let probe = """
            source "$1" || exit 9
            complete -p swtop
            reply() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _swtop; echo "${COMPREPLY[*]}"; }
            reply swtop --sort ''
            reply swtop -s c
            reply swtop --so
            reply swtop -o ''
            reply swtop -u roo
            """
        let run = try SwtopRun.run(
            "/bin/bash", argv: ["bash", "--norc", "-c", probe, "bash", directory + "/swtop.bash"],
            recording: ["bash"])
        #expect(run.status == .exited(0), "\(run.errorText)")
        let lines = run.outputLines
        try #require(lines.count == 6, "\(lines)")
        #expect(lines[0] == "complete -F _swtop swtop")
        #expect(
            lines[1] == "pid ppid user uid priority nice virt res shr state cpu mem time threads start tty processor "
                + "command comm pgrp session exe cgroup container unit io io_read io_write io_read_total io_write_total "
                + "net_rx net_tx gpu gpu_mem"
        )
        #expect(lines[2] == "cpu command comm cgroup container")
        #expect(lines[3] == "--sort")
        #expect(lines[4].split(separator: " ").contains("command") && lines[4].split(separator: " ").contains("res"))
        #expect(lines[5].split(separator: " ").contains("root"))
    }

    @Test func everyShellNamesEveryOptionOfTheHelp() throws {
        let help = try SwtopRun.run(["--help"])
        let longs = help.output.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," })
            .filter { $0.hasPrefix("--") && $0.count > 2 }
            .map { String($0.dropFirst(2).prefix { $0.isLetter || $0 == "-" }) }
        try #require(longs.count > 20)
        let bash = try script("bash")
        let zsh = try script("zsh")
        let fish = try script("fish")
        for long in longs {
            #expect(bash.contains("--" + long), "bash lacks --\(long)")
            #expect(zsh.contains("--" + long), "zsh lacks --\(long)")
            #expect(fish.contains("-l " + long + " ") || fish.contains("-l " + long + "\n"), "fish lacks --\(long)")
        }
        let bad = try SwtopRun.run(["--completions", "tcsh"])
        #expect(
            bad.status == .exited(64) && bad.errorText == "swtop: --completions takes bash, zsh or fish (got 'tcsh')\n")
    }
}
