import SwtopCore
import Testing

@testable import SwtopUI

@Suite struct ViewRenderingTests {
    typealias B = SnapshotBuilder

    static let snapshot = B.snapshot([
        B.process(1, ppid: 0, comm: "init", args: ["/sbin/init"], cpu: 0.5, res: 8 << 20, ticks: 123),
        B.process(2, ppid: 0, comm: "kthreadd", cpu: 0, res: 0, kernel: true),
        B.process(40, ppid: 1, comm: "sshd", args: ["sshd: alice"], cpu: 2, res: 4 << 20),
        B.process(41, ppid: 40, comm: "bash", args: ["-bash"], user: "alice", uid: 1000, cpu: 10, res: 2 << 20),
        B.process(42, ppid: 41, comm: "make", args: ["make", "-j8"], user: "alice", uid: 1000, cpu: 30, res: 16 << 20),
        B.process(
            43, ppid: 41, comm: "vim", args: ["vim", "notes.txt"], user: "alice", uid: 1000, cpu: nil, res: 32 << 20),
    ])

    private func render(_ state: ViewState, snapshot: Snapshot = snapshot) -> (Frame, [DisplayRow]) {
        var state = state
        let rows = DisplayTable.rows(of: snapshot, state: state)
        ViewReducer.keepSelectionVisible(&state, rows: rows, cpuCount: snapshot.system.cpus.count)
        return (ViewRenderer().render(snapshot: snapshot, state: state, rows: rows), rows)
    }

    @Test func tableAt80x24() {
        let (frame, _) = render(ViewState(ordering: ProcessOrdering(key: .cpu), width: 80, height: 24))
        let lines = frame.lines
        #expect(lines[0] == "0[|||||||||||                                                            15.0%]")
        #expect(lines[1] == "Mem[|||||||||||||||||        256M/1.0G]  Tasks: 5, 5 thr, 1 kthr; 0 running")
        #expect(lines[2] == "Swp[                           0K/1.0G]  Load average: 0.50 0.25 0.13")
        #expect(lines[3] == "                                         Uptime: 1 day, 01:01:01")
        #expect(lines[4] == "    PID USER     PRI  NI   VIRT    RES    SHR S ▼CPU%  MEM%     TIME+ Command")
        #expect(lines[5] == "     42 alice     20   0  4096K 16384K   512K S  30.0   1.6   0:00.00 make -j8")
        #expect(lines[6] == "     41 alice     20   0  4096K  2048K   512K S  10.0   0.2   0:00.00 -bash")
        // Command gets what is left
        #expect(lines[7] == "     40 root      20   0  4096K  4096K   512K S   2.0   0.4   0:00.00 sshd: alic")
        #expect(lines[8] == "      1 root      20   0  4096K  8192K   512K S   0.5   0.8   0:01.23 /sbin/init")
        #expect(lines[9] == "     43 alice     20   0  4096K 32768K   512K S         3.1   0:00.00 vim notes.")
        #expect(lines[10] == "") // kernel threads are hidden by default
        #expect(lines[23] == "F1/h Help F3// Search F4/\\ Filter z Stop r Cont x Term X Kill F10/q Quit")
        // The first row is selected and highlighted across the whole width.
        #expect((0..<80).allSatisfy { frame[5, $0].style == .selectedRow })
    }

    @Test func unreadableProcessesAreNamedInTheTasksLine() {
        var snapshot = Self.snapshot
        snapshot.tasks.unreadable = 87
        let (frame, _) = render(
            ViewState(ordering: ProcessOrdering(key: .cpu), width: 100, height: 24), snapshot: snapshot)
        #expect(frame.lines[1].hasSuffix("Tasks: 5, 5 thr, 1 kthr; 0 running, 87 unreadable"))
    }

    @Test func narrowTerminalKeepsTheImportantColumns() {
        let (frame, _) = render(ViewState(ordering: ProcessOrdering(key: .pid), width: 40, height: 10))
        let lines = frame.lines
        #expect(lines.count == 10)
        #expect(lines[4] == "   ▲PID USER     S  CPU%  MEM% Command")
        #expect(lines[5] == "      1 root     S   0.5   0.8 /sbin/ini")
        #expect(lines[9] == "F1/h Help z Stop r Cont F10/q Quit") // the bar keeps what matters most
        #expect(frame.lines.allSatisfy { DisplayWidth.of($0) <= 40 })
    }

    @Test func tooSmallIsOneLine() {
        let (frame, _) = render(ViewState(width: 39, height: 10))
        #expect(frame.lines[0].hasPrefix("Terminal too small (39x10)"))
        #expect(frame.lines.dropFirst().allSatisfy { $0.isEmpty })
    }

    @Test func treeWithACollapsedNodeShowsCountAndSums() {
        var state = ViewState(ordering: ProcessOrdering(key: .pid, tree: true), width: 120, height: 24)
        state.collapsed = [41]
        let (frame, rows) = render(state)
        let commands = frame.lines[5...7].map { String($0.dropFirst(70)) }
        #expect(commands == ["/sbin/init", "└─ sshd: alice", "   └─ [+2] -bash"])
        let folded = rows.first { $0.pid == 41 }
        #expect(folded?.hiddenDescendants == 2)
        #expect(folded?.cpuPercent == 40) // 10 + 30; vim has no CPU% yet
        #expect(frame.lines[7].contains("  40.0   4.9 ")) // 0.2 + 1.6 + 3.1
    }

    @Test func treeGuidesFallBackToASCII() {
        var state = ViewState(ordering: ProcessOrdering(key: .pid, tree: true), width: 120, height: 24)
        state.usesUnicode = false
        let (frame, _) = render(state)
        #expect(frame.lines[8].hasSuffix("   |- make -j8"))
        #expect(frame.lines[9].hasSuffix("   `- vim notes.txt"))
    }

    @Test func filterNarrowsAndIsShown() {
        var state = ViewState(ordering: ProcessOrdering(key: .pid), width: 80, height: 24)
        state.filter = "VIM|make"
        ViewReducer.applyFilter(&state)
        let (frame, rows) = render(state)
        #expect(rows.map(\.pid) == [42, 43])
        #expect(frame.lines[23].hasSuffix("Filter: VIM|make"))
    }

    @Test func helpScreenListsKeysStatesAndCPUCounting() {
        // All of it on the smallest usual terminal.
        var state = ViewState(width: 80, height: 24)
        state.mode = .help
        let text = render(state).0.lines.joined(separator: "\n")
        for needle in [
            "F5 t", "F3 /", "F4 \\", "F6", "P M T N", "u ", "K ", "F10 q", "Z zombie", "D disk sleep",
            "one busy core", "user nice system+irq", "z      suspend", "r         resume", "x      terminate",
            "X         kill", "G      SIGTERM, then SIGKILL", "F9 k", "F7 ]", "Space", "U      untag", "X dead",
            "Enter  inspect", "e  l  o", "g      group",
        ] {
            #expect(text.contains(needle), "help lacks \(needle)")
        }
    }

    @Test func hostileTextNeverReachesTheFrameRaw() {
        let snapshot = B.snapshot([
            B.process(7, args: ["\u{1B}]2;pwned\u{07}", "\u{1B}[2J", "\u{202E}txt"], user: "x\u{1B}")
        ])
        let (frame, _) = render(ViewState(width: 120, height: 24), snapshot: snapshot)
        let all = frame.cells.map(\.character)
        #expect(!all.contains { $0.unicodeScalars.contains { TerminalText.needsEscape($0) } })
        #expect(frame.lines[5].contains("\\e]2;pwned\\x07 \\e[2J \\u202etxt"))
    }

    @Test func manyCPUsFlowIntoColumns() {
        var snapshot = Self.snapshot
        let cpu = snapshot.system.cpus[0]
        snapshot.system.cpus = (0..<16).map { CPUUsage(id: $0, ticks: cpu.ticks, percentages: cpu.percentages) }
        let layout = Layout(width: 120, height: 40, cpuCount: 16)
        #expect(layout.cpuColumns == 2)
        #expect(layout.headerHeight <= 40 / 3 + 1)
        let (frame, _) = render(ViewState(width: 120, height: 40), snapshot: snapshot)
        #expect(frame.lines[0].hasPrefix(" 0["))
        #expect(frame.lines[0].contains(" 8["))
        #expect(Layout(width: 40, height: 10, cpuCount: 64).cpuColumns == 0) // one average bar
    }

    @Test func onlyChangedRowsAreRedrawn() {
        let (first, _) = render(ViewState(width: 80, height: 24))
        var state = ViewState(width: 80, height: 24)
        state.message = "hello"
        let (second, _) = render(state)
        #expect(second.rowsDiffering(from: first) == [23])
    }
}

extension ViewRenderingTests {
    /// Setup is named in the bar where it fits, like htop's F2, and is the first key
    /// a narrower screen drops.
    @Test func setupKeyShowsOnAWideScreenOnly() {
        let wide = FooterRenderer.keys(fitting: 120).map(\.key)
        #expect(wide.starts(with: ["F1/h", "F2/S", "F3//"]))
        #expect(wide.contains("F10/q"))
        let narrow = FooterRenderer.keys(fitting: 100).map(\.key)
        #expect(!narrow.contains("F2/S"))
        #expect(narrow.contains("F9/k"))
    }
}
