import Glibc
import Testing

/// Command lines with every byte argv can hold, escape sequences, a right-to-left
/// override, combining marks, wide characters and a mebibyte of arguments: the
/// interactive view stays aligned and the terminal untouched, `--batch` holds no
/// control byte, `--json` is valid and exact.
@Suite(.serialized) struct HostileTextTests {
    @Test func interactiveViewStaysAlignedAndTheTerminalUntouched() throws {
        let swtop = try #require(SwtopBinary.path, "swtop binary not found")
        let processes = try HostileProcesses()
        let directory = try #require(mkdtemp(strdup("/tmp/swtop-e2e-XXXXXX")).map { String(cString: $0) })
        defer { _ = system("rm -rf '\(directory)'") }
        // swtop starts on Enter, once everything it writes is being recorded.
        let session = try TmuxSession("read go; exec \(swtop) -d 0.5 -s pid")
        try session.record(to: "\(directory)/stream")
        let titleBefore = session.display("#{pane_title}")
        session.press("Enter")
        session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        session.press("\\")
        session.type(processes.marker)
        session.press("Enter")
        let expected = Set(processes.allPIDs.map(Int.init))
        let (listed, _) = session.waitForScreen { Set(Self.rowPIDs($0)).isSuperset(of: expected) }
        try #require(listed, "the hostile processes are not all listed")
        // Two more refreshes: a clear-screen that got through would leave the header blank,
        // as only the rows that change are redrawn.
        usleep(1_200_000)
        let screen = session.screen()
        let report = screen.joined(separator: "\n")

        #expect(Set(Self.rowPIDs(screen)).isSuperset(of: expected), "\(report)")
        let titleIndex = try #require(screen.firstIndex { $0.contains("PID USER") }, "\(report)")
        let layout = try #require(ColumnLayout(titleLine: screen[titleIndex]), "\(screen[titleIndex])")
        let rows = screen[(titleIndex + 1)...].prefix {
            !$0.isEmpty && !$0.hasPrefix("F1/h") && !$0.hasPrefix("Filter")
        }
        #expect(rows.count == expected.count, "\(report)")
        for row in rows {
            #expect(layout.misfit(row) == nil, "\(layout.misfit(row) ?? ""): \(row)")
            #expect(ColumnLayout.cells(row) <= 120, "wider than the terminal: \(row)")
        }
        #expect(screen.first.map { $0.hasPrefix("0[") || $0.hasPrefix(" 0[") } == true, "\(report)")
        #expect(screen.contains { $0.hasPrefix("Mem[") }, "\(report)")
        #expect(rows.contains { $0.contains(#"\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b"#) }, "\(report)")
        // (tmux joins the combining marks to their `e`: one character, one cell.)
        #expect(
            rows.contains {
                $0.contains(#"\e]2;pwned\x07\e[2J\u202eRTL "#) && $0.contains("e\u{301}\u{302}\u{303} 中文字符漢字 end")
            },
            "\(report)")
        #expect(session.display("#{pane_title}") == titleBefore)

        // What reached the terminal: no title change, no right-to-left override, no C1 CSI.
        let stream = ProcReader.contents("\(directory)/stream") ?? []
        #expect(stream.count > 1000, "nothing recorded")
        for (sequence, name) in [
            (Array("\u{1B}]".utf8), "an OSC sequence"), (Array("\u{202E}".utf8), "U+202E"),
            (Array("\u{9B}".utf8), "a C1 CSI"), (Array("pwned\u{07}".utf8), "BEL after the title"),
        ] {
            #expect(!Self.contains(stream, sequence), "\(name) reached the terminal")
        }
    }

    @Test func batchTextHasNoControlBytesAndStaysAligned() throws {
        let processes = try HostileProcesses()
        let run = try SwtopRun.run(["--batch", "-n", "1", "-d", "0.3", "-s", "pid"])
        run.expectSuccess()
        let controls = run.standardOutput.filter { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }
        #expect(controls.isEmpty, "control bytes in --batch output: \(Set(controls).sorted())")
        #expect(String(validating: run.standardOutput, as: UTF8.self) != nil, "invalid UTF-8 in --batch output")
        let hidden = run.output.unicodeScalars.filter { (0x80...0x9F).contains($0.value) || $0 == "\u{202E}" }
        #expect(hidden.isEmpty, "C1 controls or a bidi override in --batch output")

        let lines = run.outputLines
        let titleIndex = try #require(lines.firstIndex { $0.contains("PID USER") })
        let layout = try #require(ColumnLayout(titleLine: lines[titleIndex]))
        let rows = lines[(titleIndex + 1)...].prefix { !$0.isEmpty }
        for row in rows { #expect(layout.misfit(row) == nil, "\(layout.misfit(row) ?? ""): \(row.prefix(200))") }

        func command(of pid: pid_t) -> String? {
            rows.first { Int($0.split(separator: " ").first ?? "") == Int(pid) }.map {
                String(Array($0)[layout.commandStart...])
            }
        }
        for sleeper in processes.sleepers {
            let text = HostileProcesses.escaped(HostileProcesses.decoded(sleeper.argv0)) + " " + processes.marker
            #expect(
                command(of: sleeper.pid) == text,
                "COMMAND of \(sleeper.pid): \(command(of: sleeper.pid)?.prefix(200) ?? "no row")")
        }
        // Kept up to 64 KiB, with the cut marked.
        let shellCommand =
            String(
                decoding: processes.keptShellCommandLine.map { $0 == 0 ? UInt8(ascii: " ") : $0 },
                as: UTF8.self) + "…"
        #expect(
            command(of: processes.shell) == shellCommand,
            "the mebibyte command line is not its first 64 KiB and a cut mark")
    }

    @Test func jsonIsValidAndHoldsTheExactText() throws {
        let processes = try HostileProcesses()
        let run = try SwtopRun.run(["--json", "-n", "1", "-d", "0.3"])
        run.expectSuccess()
        #expect(run.outputLines.count == 1)
        let controls = run.standardOutput.filter { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }
        #expect(controls.isEmpty, "raw control bytes in --json output")
        let hidden = run.output.unicodeScalars.filter { (0x80...0x9F).contains($0.value) || $0 == "\u{202E}" }
        #expect(hidden.isEmpty, "raw C1 controls or a bidi override in --json output")

        let frame = try #require(Frames.parse(run).first)
        for sleeper in processes.sleepers {
            let row = try Frames.require(sleeper.pid, in: frame)
            let arguments = row["cmdline"]?.array?.compactMap(\.string)
            #expect(
                arguments == [HostileProcesses.decoded(sleeper.argv0), processes.marker],
                "cmdline of \(sleeper.pid): \(String(reflecting: arguments?.first?.prefix(200)))")
            #expect(row["comm"]?.string == "sleep")
        }
        let shell = try Frames.require(processes.shell, in: frame)
        let arguments = shell["cmdline"]?.array?.compactMap(\.string) ?? []
        let expected = processes.keptShellCommandLine.split(separator: 0, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        #expect(
            arguments.count == expected.count && arguments == expected,
            "the mebibyte command line is not its exact first 64 KiB")
        #expect(shell["cmdline_truncated"]?.bool == true)
    }

    /// PIDs of the process table's rows on a captured screen.
    static func rowPIDs(_ screen: [String]) -> [Int] {
        guard let title = screen.firstIndex(where: { $0.contains("PID USER") }) else { return [] }
        return screen[(title + 1)...].compactMap { Int($0.split(separator: " ").first ?? "") }
    }

    static func contains(_ bytes: [UInt8], _ sequence: [UInt8]) -> Bool {
        guard bytes.count >= sequence.count else { return false }
        return (0...(bytes.count - sequence.count)).contains {
            bytes[$0..<($0 + sequence.count)].elementsEqual(sequence)
        }
    }
}
