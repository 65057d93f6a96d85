import Glibc
import Testing

/// The real binary in tmux acting on processes the tests start (and kill by PID).
@Suite(.serialized) struct ProcessActionTests {
    let swtop: String

    init() throws {
        swtop = try #require(SwtopBinary.path, "swtop binary not found")
    }

    private func marker() -> String { "3100.\(Int.random(in: 100...999))" }

    /// A sleep that ignores SIGTERM (ignored signals survive exec).
    private func stubbornSleeper(_ marker: String) throws -> pid_t {
        try Spawn.start("/bin/sh", ["sh", "-c", "trap '' TERM; exec sleep \(marker)"])
    }

    /// swtop in tmux, its table narrowed to `marker` and the filter prompt closed.
    private func viewer(
        filteredTo marker: String, expecting count: Int, prefix: [String] = [],
        options: String = "", delay: String = "0.5"
    ) throws -> TmuxSession {
        let command = (prefix + [swtop, "-d", delay, options]).joined(separator: " ")
        let session = try TmuxSession(command)
        session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        session.press("\\")
        session.type(marker)
        session.press("Enter")
        let (narrowed, screen) = session.waitForScreen { screen in
            screen.filter { $0.contains("sleep \(marker)") }.count == count
        }
        #expect(narrowed, "\(screen.joined(separator: "\n"))")
        return session
    }

    private func state(_ pid: pid_t) -> Character? { ProcReader.stat(pid)?.state }

    @Test func suspendResumeAndTerminate() throws {
        let marker = marker()
        let sleeper = try Spawn.start("/bin/sleep", ["sleep", marker])
        defer { Spawn.kill(sleeper) }
        let session = try viewer(filteredTo: marker, expecting: 1)

        session.press("z")
        #expect(Clock.wait(upTo: 5) { state(sleeper) == "T" })
        let (shown, screen) = session.waitForScreen { screen in
            screen.contains { $0.contains("sleep \(marker)") && $0.contains(" T ") }
                && screen.contains { $0.contains("Suspended PID \(sleeper)") }
        }
        #expect(shown, "\(screen.joined(separator: "\n"))")
        session.press("r")
        #expect(Clock.wait(upTo: 5) { state(sleeper) == "S" })
        session.press("x")
        let (asked, _) = session.waitForScreen { $0.contains { $0.hasPrefix("Terminate PID \(sleeper) (sleep)? y/n") } }
        #expect(asked)
        session.press("y")
        #expect(Spawn.reap(sleeper, within: 5) == .signaled(SIGTERM))
    }

    @Test func whatAnActionDidShowsBeforeTheNextRefresh() throws {
        let marker = marker()
        let sleeper = try Spawn.start("/bin/sleep", ["sleep", marker])
        defer { Spawn.kill(sleeper) }
        // A minute between refreshes: a T within seconds comes from the sample the action brought forward.
        let session = try viewer(filteredTo: marker, expecting: 1, delay: "60")
        session.press("z")
        let (shown, screen) = session.waitForScreen(seconds: 10) { screen in
            screen.contains { $0.contains("sleep \(marker)") && $0.contains(" T ") }
        }
        #expect(shown, "\(screen.joined(separator: "\n"))")
    }

    @Test func aProcessIgnoringTerminateSurvivesItAndDiesOnKill() throws {
        let marker = marker()
        let sleeper = try stubbornSleeper(marker)
        defer { Spawn.kill(sleeper) }
        #expect(Clock.wait(upTo: 5) { ProcReader.comm(sleeper) == "sleep" })
        let session = try viewer(filteredTo: marker, expecting: 1)

        session.press("x")
        session.waitForScreen { $0.contains { $0.hasPrefix("Terminate PID \(sleeper)") } }
        session.press("y")
        session.waitForScreen { $0.contains { $0.contains("Sent SIGTERM to PID \(sleeper)") } }
        #expect(Spawn.reap(sleeper, within: 1) == nil) // still running
        session.press("X")
        session.waitForScreen { $0.contains { $0.hasPrefix("Kill PID \(sleeper)") } }
        session.press("y")
        #expect(Spawn.reap(sleeper, within: 5) == .signaled(SIGKILL))
    }

    @Test func gracefulStopKillsWhatOutlivesTheGracePeriod() throws {
        let marker = marker()
        let sleeper = try stubbornSleeper(marker)
        defer { Spawn.kill(sleeper) }
        #expect(Clock.wait(upTo: 5) { ProcReader.comm(sleeper) == "sleep" })
        let session = try viewer(filteredTo: marker, expecting: 1, options: "--grace 1.5")

        session.press("G")
        session.waitForScreen { $0.contains { $0.hasPrefix("Stop gracefully PID \(sleeper)") } }
        session.press("y")
        let (counting, countdown) = session.waitForScreen(seconds: 1) { $0.contains { $0.hasPrefix("SIGKILL in ") } }
        #expect(counting, "\(countdown.joined(separator: "\n"))")
        #expect(Spawn.reap(sleeper, within: 5) == .signaled(SIGKILL))
        let (reported, screen) = session.waitForScreen { $0.contains { $0.contains("needed SIGKILL: \(sleeper)") } }
        #expect(reported, "\(screen.joined(separator: "\n"))")
    }

    @Test func threeTaggedProcessesEndInOneAction() throws {
        let marker = marker()
        let sleepers = try (0..<3).map { _ in try Spawn.start("/bin/sleep", ["sleep", marker]) }
        defer { sleepers.forEach(Spawn.kill) }
        let session = try viewer(filteredTo: marker, expecting: 3)

        session.press("Space", "Space", "Space") // each tags a row and moves down
        let (tagged, screen) = session.waitForScreen { $0.contains { $0.contains("Tagged: 3") } }
        #expect(tagged, "\(screen.joined(separator: "\n"))")
        session.press("x")
        session.waitForScreen { $0.contains { $0.hasPrefix("Terminate PID") } }
        session.press("y")
        for sleeper in sleepers { #expect(Spawn.reap(sleeper, within: 5) == .signaled(SIGTERM)) }
    }

    @Test func anotherUsersProcessIsNotPermittedAndSaysSo() throws {
        let setpriv = try #require(Spawn.executable("setpriv"))
        let marker = marker()
        let sleeper = try Spawn.start("/bin/sleep", ["sleep", marker]) // ours: root's
        defer { Spawn.kill(sleeper) }
        let session = try viewer(
            filteredTo: marker, expecting: 1,
            prefix: [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"])

        session.press("x")
        session.waitForScreen { $0.contains { $0.hasPrefix("Terminate PID \(sleeper)") } }
        session.press("y")
        let (refused, screen) = session.waitForScreen {
            $0.contains { $0.contains("not permitted: PID \(sleeper) (sleep) belongs to root") }
        }
        #expect(refused, "\(screen.joined(separator: "\n"))")
        #expect(Spawn.reap(sleeper, within: 0.5) == nil) // still running
    }

    @Test func niceKeysChangeTheNiceValueAndTheNIColumnShowsIt() throws {
        let marker = marker()
        let sleeper = try Spawn.start("/bin/sleep", ["sleep", marker])
        defer { Spawn.kill(sleeper) }
        let session = try viewer(filteredTo: marker, expecting: 1)
        session.press("[", "[")
        #expect(Clock.wait(upTo: 5) { ProcReader.stat(sleeper)?.nice == 2 }) // twice before a refresh: twice
        let (shown, screen) = session.waitForScreen { screen in
            screen.contains { row in
                let fields = row.split(separator: " ")
                return fields.first == Substring(String(sleeper)) && fields.count > 3 && fields[3] == "2"
            }
        }
        #expect(shown, "\(screen.joined(separator: "\n"))")
        session.press("F7") // lowering needs root, which the tests have
        #expect(Clock.wait(upTo: 5) { ProcReader.stat(sleeper)?.nice == 1 })
    }

    @Test func readonlyActsOnNothing() throws {
        let marker = marker()
        let sleeper = try Spawn.start("/bin/sleep", ["sleep", marker])
        defer { Spawn.kill(sleeper) }
        let session = try viewer(filteredTo: marker, expecting: 1, options: "--readonly")
        session.press("X")
        let (refused, _) = session.waitForScreen { $0.contains { $0.contains("Read-only") } }
        #expect(refused)
        session.press("y")
        #expect(Spawn.reap(sleeper, within: 0.5) == nil)
    }
}
