import Glibc
import Testing

/// The inspect pages of the real binary in tmux, on processes the tests start:
/// the details of a child (its parents, its log file, its listening socket), and
/// the output page following a log, surviving truncation, and leaving a pipe alone.
@Suite(.serialized) struct InspectViewTests {
    let swtop: String
    /// Seconds between samples in these runs.
    let delay = 1.0

    init() throws {
        swtop = try #require(SwtopBinary.path, "swtop binary not found")
    }

    private func temporaryDirectory() throws -> String {
        try #require(mkdtemp(strdup("/tmp/swtop-e2e-XXXXXX")).map { String(cString: $0) })
    }

    /// PIDs in the table (rows below the column titles).
    private func pids(_ screen: [String]) -> [Int] {
        guard let header = screen.firstIndex(where: { $0.contains("PID USER") }) else { return [] }
        return screen[(header + 1)...].compactMap { Int($0.split(separator: " ").first ?? "") }
    }

    /// swtop in tmux with the table narrowed to the rows matching `filter`, once it shows exactly `pid`.
    /// `prefix` runs swtop through another command (setpriv).
    private func swtopShowing(_ pid: pid_t, filter: String, prefix: [String] = []) throws -> TmuxSession {
        let session = try TmuxSession(
            (prefix + [swtop, "-d", "\(delay)"]).joined(separator: " "), width: 120, height: 50)
        session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        session.press("\\")
        session.type(filter)
        session.press("Enter")
        // The first sample can take a while on a loaded machine.
        let (narrowed, screen) = session.waitForScreen(seconds: 15) { self.pids($0) == [Int(pid)] }
        #expect(narrowed, "\(screen.joined(separator: "\n"))")
        return session
    }

    private func trimmed(_ screen: [String]) -> [String] {
        screen.map { line in String(line.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
    }

    @Test func detailsOfASpawnedChildShowItsParentsItsLogAndItsListeningSocket() throws {
        let python = try #require(
            ["/usr/bin/python3"].first(where: SwtopBinary.isExecutableFile) ?? Spawn.executable("python3"))
        let directory = try temporaryDirectory()
        defer { _ = system("rm -rf '\(directory)'") }
        let marker = "3101.\(Int.random(in: 100...999))"
        let script = """
            import os, socket, sys, time
            log = open(sys.argv[1] + '/worker.log', 'a')
            server = socket.socket()
            server.bind(('127.0.0.1', 0))
            server.listen()
            with open(sys.argv[1] + '/port.part', 'w') as part:
                part.write(str(server.getsockname()[1]))
            os.rename(sys.argv[1] + '/port.part', sys.argv[1] + '/port')
            time.sleep(600)
            """
        // The shell stays as the parent (`; :`); only the child's argv holds "MARKER-worker".
        let parent = try Spawn.start(
            "/bin/sh", ["sh", "-c", "\"$0\" -c \"$1\" \"$2\" \"$3\"-worker; :", python, script, directory, marker],
            newProcessGroup: true)
        defer {
            _ = kill(-parent, SIGKILL)
            Spawn.reap(parent)
        }
        #expect(Clock.wait(upTo: 10) { ProcReader.text("\(directory)/port") != nil })
        let port = try #require(ProcReader.text("\(directory)/port"))
        let child = try #require(ProcReader.children(of: parent).first)
        let myName = try #require(ProcReader.comm(getpid()))
        let initName = try #require(ProcReader.comm(1))

        let session = try swtopShowing(child, filter: "\(marker)-worker")
        session.press("Enter")
        let (detailed, screen) = session.waitForScreen { screen in
            let lines = self.trimmed(screen)
            return screen.first?.contains("PID \(child) (") == true && lines.contains("Parents  \(parent) sh")
                && lines.contains("\(getpid()) \(myName)") && lines.contains("1 \(initName)")
        }
        #expect(detailed, "\(screen.joined(separator: "\n"))")
        #expect(screen.joined().contains("\(marker)-worker")) // the end of the wrapped command line
        #expect(screen.contains { $0.hasPrefix("Working dir") })
        // The parent chain runs upward: the shell, this test, … PID 1.
        let lines = trimmed(screen)
        let order = ["Parents  \(parent) sh", "\(getpid()) \(myName)", "1 \(initName)"].compactMap {
            lines.firstIndex(of: $0)
        }
        #expect(order.count == 3 && order == order.sorted(), "\(order)")

        session.press("l")
        let (listed, files) = session.waitForScreen { screen in
            screen.contains { $0.contains(" file ") && $0.contains("\(directory)/worker.log") }
                && screen.contains { $0.contains(" socket ") && $0.contains("TCP 127.0.0.1:\(port) LISTEN") }
        }
        #expect(listed, "\(files.joined(separator: "\n"))")

        // Esc: back to the details, then to the table with the same process.
        session.press("Escape")
        let (back, _) = session.waitForScreen { $0.first?.contains("— details") == true }
        #expect(back)
        session.press("Escape")
        let (table, _) = session.waitForScreen { self.pids($0) == [Int(child)] }
        #expect(table)
    }

    /// A shell that appends `tick-N` to `log` five times a second; its argv holds `marker`.
    private func ticker(appendingTo log: String, marker: String) throws -> pid_t {
        try Spawn.start(
            "/bin/sh",
            [
                "sh", "-c", ": \(marker); exec >> \"$0\"; n=0; while :; do n=$((n+1)); echo tick-$n; sleep 0.2; done",
                log,
            ])
    }

    /// The last complete line of `path`.
    private func lastLine(_ path: String) -> String? {
        ProcReader.text(path)?.split(separator: "\n").last.map(String.init)
    }

    @Test func theOutputPageShowsNewLinesOfALogWithinTwoDelays() throws {
        let directory = try temporaryDirectory()
        defer { _ = system("rm -rf '\(directory)'") }
        let marker = "3102.\(Int.random(in: 100...999))"
        let log = "\(directory)/app.log"
        let job = try ticker(appendingTo: log, marker: marker)
        defer { Spawn.kill(job) }

        let session = try swtopShowing(job, filter: marker)
        session.press("o")
        let (following, screen) = session.waitForScreen { screen in
            screen.contains { $0.contains("fd 1 stdout following \(log)") }
                && screen.contains { $0.contains("fd 2 stderr /dev/null — not a regular file, not read") }
        }
        #expect(following, "\(screen.joined(separator: "\n"))")
        for _ in 0..<3 {
            let newest = try #require(lastLine(log))
            let (shown, seen) = session.waitForScreen(seconds: 2 * delay) { self.trimmed($0).contains(newest) }
            #expect(shown, "\(newest) not shown within \(2 * delay) s:\n\(seen.joined(separator: "\n"))")
        }
    }

    @Test func aTruncatedLogIsStillFollowed() throws {
        let directory = try temporaryDirectory()
        defer { _ = system("rm -rf '\(directory)'") }
        let marker = "3103.\(Int.random(in: 100...999))"
        let log = "\(directory)/app.log"
        let job = try ticker(appendingTo: log, marker: marker)
        defer { Spawn.kill(job) }

        let session = try swtopShowing(job, filter: marker)
        session.press("o")
        // Enough lines that the log, once emptied, stays shorter than what was read for a while.
        let (started, screen) = session.waitForScreen(seconds: 10) { self.trimmed($0).contains("tick-12") }
        #expect(started, "\(screen.joined(separator: "\n"))")
        #expect(truncate(log, 0) == 0)
        #expect(Clock.wait(upTo: 5) { (self.lastLine(log) ?? "") != "" })
        let rewritten = try #require(lastLine(log))
        let (followed, after) = session.waitForScreen { screen in
            let lines = self.trimmed(screen)
            return lines.contains("— stdout was truncated; reading it again from the start —")
                && lines.contains(rewritten) && lines.last { $0.hasPrefix("tick-") } != "tick-12"
        }
        #expect(followed, "\(after.joined(separator: "\n"))")
    }

    @Test func aPipeIsNamedAndNeverReadSoItsReaderGetsEveryLine() throws {
        let directory = try temporaryDirectory()
        defer { _ = system("rm -rf '\(directory)'") }
        let marker = "3104.\(Int.random(in: 100...999))"
        let count = 200
        // Writes only once the test says go, so all of it happens while the output page is open.
        let writer =
            "while [ ! -e \"$1/go\" ]; do sleep 0.05; done; i=0; "
            + "while [ $i -lt \(count) ]; do i=$((i+1)); echo \"line $i\"; sleep 0.01; done"
        let script = "\(directory)/writer.sh"
        let file = fopen(script, "w")
        fputs(writer, file)
        fclose(file)
        // `wri""ter`: the outer shell's argv does not match the filter, the writer's does.
        let pipeline = try Spawn.start(
            "/bin/sh", ["sh", "-c", "sh \"$0/writer.sh\" \"$0\" wri\"\"ter-\(marker) | cat > \"$0/out\"", directory],
            newProcessGroup: true)
        defer {
            _ = kill(-pipeline, SIGKILL)
            Spawn.reap(pipeline)
        }
        #expect(Clock.wait(upTo: 5) { ProcReader.children(of: pipeline).count == 2 })
        let writerPID = try #require(
            ProcReader.children(of: pipeline).first {
                ProcReader.text("/proc/\($0)/cmdline")?.contains("writer-\(marker)") == true
            })

        let session = try swtopShowing(writerPID, filter: "writer-\(marker)")
        session.press("o")
        let (named, screen) = session.waitForScreen { screen in
            screen.contains {
                $0.contains("fd 1 stdout pipe:[") && $0.contains("— not read (reading a pipe would take")
            }
        }
        #expect(named, "\(screen.joined(separator: "\n"))")
        #expect(close(open("\(directory)/go", O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)) == 0)
        #expect(Spawn.reap(pipeline, within: 30) == .exited(0))
        let expected = (1...count).map { "line \($0)\n" }.joined()
        #expect(ProcReader.text("\(directory)/out") == expected)
        // The writer has exited; its page says so and keeps what it showed.
        let (exited, last) = session.waitForScreen { screen in
            screen.contains { $0.contains("PID \(writerPID) (sh) has exited — showing its last data") }
                && screen.contains { $0.contains("fd 1 stdout pipe:[") }
        }
        #expect(exited, "\(last.joined(separator: "\n"))")
    }

    @Test func aProcessThatExitsKeepsItsLastDataOnThePage() throws {
        let marker = "3105.\(Int.random(in: 100...999))"
        let sleeper = try Spawn.start("/bin/sleep", ["sleep", marker])
        defer { Spawn.kill(sleeper) }
        let session = try swtopShowing(sleeper, filter: marker)
        session.press("Enter")
        let (opened, _) = session.waitForScreen { $0.contains { $0.hasPrefix("Command     sleep \(marker)") } }
        #expect(opened)
        Spawn.kill(sleeper)
        let (kept, screen) = session.waitForScreen { screen in
            screen.contains { $0.contains("PID \(sleeper) (sleep) has exited — showing its last data") }
                && screen.contains { $0.hasPrefix("Command     sleep \(marker)") }
        }
        #expect(kept, "\(screen.joined(separator: "\n"))")
    }

    @Test func whatAnotherUsersProcessHidesSaysNotPermitted() throws {
        let setpriv = try #require(Spawn.executable("setpriv"))
        let marker = "3106.\(Int.random(in: 100...999))"
        let sleeper = try Spawn.start("/bin/sleep", ["sleep", marker]) // root's; swtop runs as nobody
        defer { Spawn.kill(sleeper) }
        let session = try swtopShowing(
            sleeper, filter: marker,
            prefix: [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"])
        session.press("Enter")
        let (detailed, screen) = session.waitForScreen { screen in
            screen.contains { $0.hasPrefix("Command     sleep \(marker)") }
                && screen.contains { $0.hasPrefix("Executable  not permitted") }
                && screen.contains { $0.hasPrefix("Working dir not permitted") }
        }
        #expect(detailed, "\(screen.joined(separator: "\n"))")
        session.press("e")
        let (hidden, environment) = session.waitForScreen {
            $0.contains { $0 == "not permitted" || $0.hasPrefix("not permitted ") }
        }
        #expect(hidden, "\(environment.joined(separator: "\n"))")
        session.press("o")
        let (output, outputScreen) = session.waitForScreen { $0.contains { $0.hasPrefix("fd 1 stdout not permitted") } }
        #expect(output, "\(outputScreen.joined(separator: "\n"))")
    }

    @Test func theEnvironmentPageShowsControlCharactersEscaped() throws {
        let marker = "3107.\(Int.random(in: 100...999))"
        let sleeper = try Spawn.start(
            "/usr/bin/env", ["env", "SWTOP_TEST_TITLE=\u{1B}]2;pwned\u{07}\u{1B}[2J", "sleep", marker])
        defer { Spawn.kill(sleeper) }
        #expect(Clock.wait(upTo: 5) { ProcReader.comm(sleeper) == "sleep" })
        let session = try swtopShowing(sleeper, filter: marker)
        let titleBefore = session.display("#{pane_title}")
        session.press("e")
        let (shown, screen) = session.waitForScreen { $0.contains { $0 == "SWTOP_TEST_TITLE=\\e]2;pwned\\x07\\e[2J" } }
        #expect(shown, "\(screen.joined(separator: "\n"))")
        #expect(session.display("#{pane_title}") == titleBefore)
        #expect(screen.first?.contains("— environment") == true) // \e[2J cleared nothing
    }
}
