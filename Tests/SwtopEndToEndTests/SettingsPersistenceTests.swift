import Glibc
import Testing

/// Settings changed in the setup screen come back at the next start; a broken
/// config is reported; an unwritable config directory costs a warning, not the exit status.
@Suite(.serialized) struct SettingsPersistenceTests {
    let swtop: String

    init() throws {
        swtop = try #require(SwtopBinary.path, "swtop binary not found")
    }

    private func header(_ screen: [String]) -> String? {
        screen.first { $0.contains("Command") && $0.contains("USER") }
    }

    private func temporaryDirectory() throws -> String {
        var template = Array("/tmp/swtop-e2e-config-XXXXXX".utf8CString)
        return try #require(mkdtemp(&template).map { String(cString: $0) })
    }

    private func write(_ text: String, to path: String) {
        let file = fopen(path, "w")
        fputs(text, file)
        fclose(file)
    }

    @Test func columnsAndSortChosenInSetupComeBackNextTime() throws {
        let home = try temporaryDirectory()
        defer { _ = system("rm -rf '\(home)'") }
        let first = try TmuxSession("\(swtop) -d 0.5", environment: ["XDG_CONFIG_HOME": home])
        first.waitForScreen { $0.contains { $0.contains("PID USER") } }
        // Setup: show NET TX/s (last in the list), hide PID (first), sort by MEM% (ninth once PID is gone).
        first.press("F2")
        first.waitForScreen { $0.contains { $0.contains(" Columns  Meters  Colors  Display") } }
        first.press("End", "Space", "Home", "Space", "Home")
        for _ in 0..<8 { first.press("Down") }
        first.press("s", "Escape")
        let (changed, screen) = first.waitForScreen { screen in
            guard let header = self.header(screen) else { return false }
            return header.hasPrefix("USER") && header.hasSuffix("NET TX/s")
                && (header.contains("▼MEM%") || header.contains("vMEM%"))
        }
        #expect(changed, "\(screen.joined(separator: "\n"))")
        let chosen = try #require(header(screen))
        first.press("q")
        #expect(Clock.wait(upTo: 5) { first.paneIsDead })

        let config = try #require(ProcReader.text("\(home)/swtop/config"))
        #expect(
            config.contains("\ncolumns = USER PRI NI VIRT RES SHR S CPU% MEM% TIME+ Command NET_TX/s\n"), "\(config)")
        #expect(config.contains("\nsort = mem\n"))

        let second = try TmuxSession("\(swtop) -d 0.5", environment: ["XDG_CONFIG_HOME": home])
        let (back, again) = second.waitForScreen { self.header($0) != nil }
        #expect(back)
        #expect(header(again) == chosen)
        // Quitting without a change leaves the file as it was.
        second.press("q")
        #expect(Clock.wait(upTo: 5) { second.paneIsDead })
        #expect(ProcReader.text("\(home)/swtop/config") == config)
    }

    @Test func aBrokenConfigIsNamedAndKeptAsConfigBad() throws {
        let home = try temporaryDirectory()
        defer { _ = system("rm -rf '\(home)'") }
        #expect(mkdir("\(home)/swtop", 0o755) == 0)
        write("columns = PID USER Command\nsort = mem\ncolor_scheme = pla", to: "\(home)/swtop/config")
        let session = try TmuxSession("\(swtop) -d 0.5", environment: ["XDG_CONFIG_HOME": home])
        let (warned, screen) = session.waitForScreen {
            $0.contains { $0.hasPrefix("config line 3: unknown color scheme 'pla'") }
        }
        #expect(warned, "\(screen.joined(separator: "\n"))")
        // What could be read counts.
        #expect(header(screen)?.hasPrefix("    PID USER     Command") == true, "\(screen.joined(separator: "\n"))")
        session.press("t", "q")
        #expect(Clock.wait(upTo: 5) { session.paneIsDead })
        #expect(
            ProcReader.text("\(home)/swtop/config.bad") == "columns = PID USER Command\nsort = mem\ncolor_scheme = pla")
        let config = ProcReader.text("\(home)/swtop/config") ?? ""
        #expect(config.contains("\ncolumns = PID USER Command\n") && config.contains("\ntree = yes\n"), "\(config)")
    }

    @Test func anUnwritableConfigDirectoryIsAWarningNotAFailure() throws {
        let setpriv = try #require(Spawn.executable("setpriv"))
        let home = try temporaryDirectory()
        defer { _ = system("rm -rf '\(home)'") }
        // Owned by root and read-only: the unprivileged user swtop runs as cannot write in it.
        #expect(mkdir("\(home)/swtop", 0o555) == 0 && chmod(home, 0o755) == 0)
        #expect(mkdir("\(home)/out", 0o777) == 0 && chmod("\(home)/out", 0o777) == 0)
        let command =
            "\(setpriv) --reuid=65534 --regid=65534 --clear-groups \(swtop) -d 0.5 2> \(home)/out/errors; echo status=$? > \(home)/out/status"
        let session = try TmuxSession(command, environment: ["XDG_CONFIG_HOME": home])
        session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        session.press("N", "q")
        #expect(Clock.wait(upTo: 5) { ProcReader.text("\(home)/out/status") != nil })
        #expect(ProcReader.text("\(home)/out/status") == "status=0\n")
        #expect(
            ProcReader.text("\(home)/out/errors")
                == "swtop: cannot save settings to \(home)/swtop/config: Permission denied\n")
        #expect(ProcReader.text("\(home)/swtop/config") == nil)
    }

    /// Runs swtop with `XDG_CONFIG_HOME=configHome` (else `home`), waits for the table,
    /// presses `t` (a setting to save) and `q`; returns the exit status line and stderr.
    private func startToggleAndQuit(home: String, configHome: String? = nil) throws -> (
        status: String?, errors: String?
    ) {
        let out = home + "/out"
        _ = mkdir(out, 0o700)
        let session = try TmuxSession(
            "\(swtop) -d 0.5 2> \(out)/errors; echo status=$? > \(out)/status",
            environment: ["XDG_CONFIG_HOME": configHome ?? home])
        let (started, screen) = session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        #expect(started, "\(screen.joined(separator: "\n"))")
        session.press("t", "q")
        #expect(Clock.wait(upTo: 5) { ProcReader.text("\(out)/status") != nil })
        return (ProcReader.text("\(out)/status"), ProcReader.text("\(out)/errors"))
    }

    private func mode(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode : nil
    }

    /// Root with a HOME another user can write (sudo -E): their links aim nowhere.
    @Test func linksInTheConfigPathAreNotFollowed() throws {
        let home = try temporaryDirectory()
        defer { _ = system("rm -rf '\(home)'") }
        let secret = "root:$6$salt$hash:19000:0:99999:7:::\n"
        write(secret, to: "\(home)/victim")
        #expect(chmod("\(home)/victim", 0o600) == 0 && mkdir("\(home)/swtop", 0o700) == 0)
        #expect(symlink("\(home)/victim", "\(home)/swtop/config") == 0)
        let linkedFile = try startToggleAndQuit(home: home)
        #expect(linkedFile.status == "status=0\n")
        #expect(
            linkedFile.errors
                == "swtop: not reading or saving \(home)/swtop/config: \(home)/swtop/config is a symbolic link\n")
        #expect(ProcReader.text("\(home)/victim") == secret)
        #expect(mode("\(home)/victim") == S_IFREG | 0o600)
        #expect(mode("\(home)/victim.bad") == nil && mode("\(home)/swtop/config.bad") == nil)

        // A linked directory: nothing is created where it points.
        #expect(system("rm -r '\(home)/swtop' '\(home)/out'") == 0 && mkdir("\(home)/elsewhere", 0o700) == 0)
        #expect(symlink("\(home)/elsewhere", "\(home)/swtop") == 0)
        let linkedDirectory = try startToggleAndQuit(home: home)
        #expect(linkedDirectory.status == "status=0\n")
        #expect(
            linkedDirectory.errors
                == "swtop: not reading or saving \(home)/swtop/config: \(home)/swtop is a symbolic link\n")
        #expect(try FileManagerless.list("\(home)/elsewhere").isEmpty)
    }

    @Test func aFIFOConfigDoesNotBlockTheStart() throws {
        let home = try temporaryDirectory()
        defer { _ = system("rm -rf '\(home)'") }
        #expect(mkdir("\(home)/swtop", 0o700) == 0 && mkfifo("\(home)/swtop/config", 0o600) == 0)
        let run = try startToggleAndQuit(home: home)
        #expect(run.status == "status=0\n")
        #expect(run.errors == "swtop: cannot read \(home)/swtop/config: not a regular file; using the defaults\n")
        #expect(mode("\(home)/swtop/config").map { $0 & S_IFMT } == S_IFIFO)
        #expect(try FileManagerless.list("\(home)/swtop") == ["config"])
    }

    @Test func aConfigPathWithEscapesIsShownEscaped() throws {
        let home = try temporaryDirectory()
        defer { _ = system("rm -rf '\(home)'") }
        // A file where the directory belongs makes the save fail and name the path.
        let configHome = home + "/blocker\u{1B}]2;x\u{07}"
        write("not a directory", to: configHome)
        let run = try startToggleAndQuit(home: home, configHome: configHome)
        #expect(run.status == "status=0\n")
        #expect(
            run.errors == "swtop: cannot save settings to \(home)/blocker\\e]2;x\\x07/swtop/config: Not a directory\n")
    }

    @Test func readonlyAndNoConfigWriteNothing() throws {
        let home = try temporaryDirectory()
        defer { _ = system("rm -rf '\(home)'") }
        for flag in ["--readonly", "--no-config"] {
            let session = try TmuxSession("\(swtop) -d 0.5 \(flag)", environment: ["XDG_CONFIG_HOME": home])
            session.waitForScreen { $0.contains { $0.contains("PID USER") } }
            session.press("t", "N", "q")
            #expect(Clock.wait(upTo: 5) { session.paneIsDead })
            #expect(ProcReader.text("\(home)/swtop/config") == nil, "\(flag)")
        }
    }
}

/// Highlight changes on real processes: one started while swtop runs is colored as
/// new; once killed it stays a few seconds in the exited color, then goes.
@Suite(.serialized) struct HighlightChangesTests {
    /// Waits until the screen with its escape sequences satisfies `condition`.
    private func waitForStyled(_ session: TmuxSession, seconds: Double = 5, _ condition: ([String]) -> Bool) -> (
        Bool, [String]
    ) {
        var last: [String] = []
        let met = Clock.wait(upTo: seconds) {
            last = session.styledScreen()
            return condition(last)
        }
        return (met, last)
    }

    @Test func newAndExitedProcessesAreColored() throws {
        let swtop = try #require(SwtopBinary.path, "swtop binary not found")
        var template = Array("/tmp/swtop-e2e-config-XXXXXX".utf8CString)
        let home = try #require(mkdtemp(&template).map { String(cString: $0) })
        defer { _ = system("rm -rf '\(home)'") }
        _ = mkdir("\(home)/swtop", 0o755)
        let file = fopen("\(home)/swtop/config", "w")
        fputs("highlight_changes = yes\nsort = pid\n", file)
        fclose(file)

        let marker = "3011.\(Int.random(in: 100...999))"
        // The first row is selected (and drawn in the selection's colors): an old process takes it.
        let keeper = try Spawn.start("/bin/sleep", ["sleep", marker])
        defer { Spawn.kill(keeper) }
        // An empty NO_COLOR does not count: the test runner may set it for its own output.
        let session = try TmuxSession("\(swtop) -d 0.5", environment: ["XDG_CONFIG_HOME": home, "NO_COLOR": ""])
        session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        session.press("\\")
        session.type(marker)
        session.press("Enter")
        session.waitForScreen { $0.contains { $0.contains(" \(keeper) ") } }
        let newcomer = try Spawn.start("/bin/sleep", ["sleep", marker])
        defer { Spawn.kill(newcomer) }
        let row = { (screen: [String]) in screen.first { $0.contains(" \(newcomer) ") && $0.contains(marker) } }
        // A green background (8 or 256 colors) on the newcomer's row, then a red one.
        let (isNew, newScreen) = waitForStyled(session) {
            row($0).map { $0.contains("[42m") || $0.contains("48;5;34m") } ?? false
        }
        #expect(isNew, "\(newScreen.joined(separator: "\n"))")
        Spawn.kill(newcomer)
        let (isExited, exitedScreen) = waitForStyled(session) {
            row($0).map { $0.contains("[41m") || $0.contains("48;5;160m") } ?? false
        }
        #expect(isExited, "\(exitedScreen.joined(separator: "\n"))")
        #expect(ProcReader.stat(newcomer) == nil) // gone, yet still listed
        let (gone, goneScreen) = session.waitForScreen(seconds: 10) { row($0) == nil }
        #expect(gone, "\(goneScreen.joined(separator: "\n"))")
    }
}
