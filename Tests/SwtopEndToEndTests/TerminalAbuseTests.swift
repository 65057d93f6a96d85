import Glibc
import Testing

/// The terminal treated roughly: a storm of resizes down to 1x1, a thousand keys at
/// once, the terminal closed under swtop. It survives the first two with the right
/// layout and still answers keys, and exits cleanly on the last.
@Suite(.serialized) struct TerminalAbuseTests {
    let swtop: String

    init() throws {
        swtop = try #require(SwtopBinary.path, "swtop binary not found")
    }

    @Test func aHundredResizesIncludingOneByOneEndInTheRightLayout() throws {
        let session = try TmuxSession("\(swtop) -d 0.5")
        let reference = try TmuxSession("\(swtop) -d 0.5")
        let viewer = try #require(Self.viewer(in: session))
        let sizes = [(1, 1), (120, 40), (40, 10), (1, 40), (200, 1), (39, 9), (300, 100), (2, 2), (80, 24), (41, 11)]
        let start = Clock.now()
        for step in 0..<100 {
            let (width, height) = sizes[step % sizes.count]
            session.resize(width: width, height: height)
            // Spread over about five seconds: some sizes last a whole refresh, most do not.
            let next = start + Double(step + 1) * 0.05
            if next > Clock.now() { usleep(useconds_t((next - Clock.now()) * 1e6)) }
        }
        session.resize(width: 120, height: 40)

        // The same layout as a swtop that was 120x40 all along.
        let (same, screen) = session.waitForScreen(seconds: 10) { Self.layout($0) == Self.layout(reference.screen()) }
        #expect(
            same,
            "after the resizes:\n\(screen.joined(separator: "\n"))\nall along:\n\(reference.screen().joined(separator: "\n"))"
        )
        #expect(Self.layout(screen)?.titles.contains("TIME+") == true)
        #expect(ProcReader.comm(viewer) == "swtop" && !session.paneIsDead, "swtop ended")
        try Self.expectResponsive(session)
    }

    @Test func aThousandKeysAtOnceLeaveItResponsive() throws {
        let session = try TmuxSession("\(swtop) -d 0.5")
        let viewer = try #require(Self.viewer(in: session))
        // Keys that move, sort, fold and redraw, none that quits, opens a prompt or acts on a process.
        let keys = [
            "Down", "Down", "Up", "PageDown", "PageUp", "End", "Home", "Right", "Left", ">", "<", "I", "t",
            "F5", "P", "M", "T", "N", "K", "H", "-", "+", "*", "C-l",
        ]
        session.press((0..<1000).map { keys[$0 % keys.count] })
        try Self.expectResponsive(session)
        #expect(ProcReader.comm(viewer) == "swtop" && !session.paneIsDead, "swtop ended")
        let (whole, screen) = session.waitForScreen { $0.contains { $0.hasPrefix("Mem[") } && Self.layout($0) != nil }
        #expect(whole, "\(screen.joined(separator: "\n"))")
    }

    @Test func closingTheTerminalEndsItCleanly() throws {
        let perl = try #require(Spawn.executable("perl"), "perl tells how swtop ended (Debian's perl-base)")
        let directory = try #require(mkdtemp(strdup("/tmp/swtop-e2e-XXXXXX")).map { String(cString: $0) })
        defer { _ = system("rm -rf '\(directory)'") }
        // A shell says 129 whether swtop exited with it or died of SIGHUP; this parent tells
        // them apart. It ignores the hangup itself (after the fork, so swtop does not inherit that).
        let waiter =
            #"$d = shift; $p = fork; if (!$p) { exec @ARGV; exit 127 } $SIG{HUP} = "IGNORE"; waitpid($p, 0); "#
            + #"open(F, ">", "$d/status.part"); print F (($? & 127) ? "signal " . ($? & 127) : "exit " . ($? >> 8)), "\n"; "#
            + #"close(F); rename("$d/status.part", "$d/status")"#
        let session = try TmuxSession(
            "exec \(perl) -e '\(waiter)' '\(directory)' \(swtop) -d 0.5 2> '\(directory)/stderr'")
        let viewer = try #require(Self.viewer(in: session))

        session.closeTerminal()
        #expect(Clock.wait(upTo: 5) { ProcReader.text("\(directory)/status") != nil }, "swtop did not end")
        #expect(ProcReader.text("\(directory)/status") == "exit \(128 + SIGHUP)\n")
        #expect(
            ProcReader.text("\(directory)/stderr") == "", "stderr: \(ProcReader.text("\(directory)/stderr") ?? "none")")
        #expect(Clock.wait(upTo: 5) { ProcReader.comm(viewer) != "swtop" }, "swtop \(viewer) still runs")
    }

    /// swtop's PID once its table is on the screen.
    private static func viewer(in session: TmuxSession) -> pid_t? {
        session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        // tmux runs a lone command in the pane itself, or under a shell; perl is one more parent.
        let pane = session.panePID
        let children = ProcReader.children(of: pane)
        return ([pane] + children + children.flatMap(ProcReader.children)).first { ProcReader.comm($0) == "swtop" }
    }

    /// A key pressed now takes effect: the filter prompt opens.
    private static func expectResponsive(_ session: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        session.press("\\")
        let (prompted, screen) = session.waitForScreen(seconds: 30) { $0.contains { $0.hasPrefix("Filter: ") } }
        #expect(prompted, "no filter prompt: \(screen.joined(separator: "\n"))", sourceLocation: sourceLocation)
        session.press("Escape")
    }

    /// What must not depend on the sizes the terminal had before: where the meters, the
    /// column titles and the bottom bar are, the titles, and how wide the first line is.
    private struct Layout: Equatable {
        var screenRows: Int
        var firstLineWidth: Int
        var memoryRow: Int
        var titleRow: Int
        var titles: [String]
        var bottomRow: Int
    }

    private static func layout(_ screen: [String]) -> Layout? {
        guard let memory = screen.firstIndex(where: { $0.hasPrefix("Mem[") }),
            let title = screen.firstIndex(where: { $0.contains("PID USER") }),
            let bottom = screen.firstIndex(where: { $0.hasPrefix("F1/h") }),
            let first = screen.first
        else { return nil }
        let titles = screen[title].split(separator: " ").map { String($0.drop { !$0.isASCII }) }
        return Layout(
            screenRows: screen.count, firstLineWidth: first.count, memoryRow: memory, titleRow: title,
            titles: titles, bottomRow: bottom)
    }
}
