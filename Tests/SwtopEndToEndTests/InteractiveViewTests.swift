import Glibc
import Testing

/// The real binary in tmux against processes the tests start (and kill by PID).
@Suite(.serialized) struct InteractiveViewTests {
    let swtop: String

    init() throws {
        swtop = try #require(SwtopBinary.path, "swtop binary not found")
    }

    /// The rows of the process table (below the column titles, above the bottom bar).
    private func tableRows(_ screen: [String]) -> [String] {
        guard let header = screen.firstIndex(where: { $0.contains("PID USER") }) else { return [] }
        return screen[(header + 1)...].filter { !$0.isEmpty && !$0.hasPrefix("F1/h") }
    }

    private func pids(_ screen: [String]) -> [Int] {
        tableRows(screen).compactMap { Int($0.split(separator: " ").first ?? "") }
    }

    /// A shell command that writes `command`'s output to `file` in one step: the test polls for the
    /// file, and must never see it created but not yet written.
    private func save(_ command: String, to file: String) -> String {
        "\(command) > \(file).part && mv \(file).part \(file)"
    }

    @Test func headerAndTableAppearAndQRestoresTheTerminal() throws {
        let directory = try #require(mkdtemp(strdup("/tmp/swtop-e2e-XXXXXX")).map { String(cString: $0) })
        defer { _ = system("rm -rf '\(directory)'") }
        let session = try TmuxSession(
            [
                save("stty -a", to: "\(directory)/before"), "\(swtop) -d 0.5",
                save("echo status=$?", to: "\(directory)/status"),
                save("stty -a", to: "\(directory)/after"),
            ].joined(separator: "; "))
        let (ready, screen) = session.waitForScreen { screen in
            screen.contains { $0.hasPrefix("Mem[") } && screen.contains { $0.contains("PID USER") }
                && screen.contains { $0.hasPrefix("F1/h Help") }
        }
        #expect(ready, "no view: \(screen.joined(separator: "\n"))")
        #expect(screen.contains { $0.contains("Load average:") })
        #expect(screen.contains { $0.contains("Tasks:") })
        #expect(screen.first?.hasPrefix("0[") == true || screen.first?.hasPrefix(" 0[") == true)
        session.press("q")
        #expect(Clock.wait(upTo: 5) { ProcReader.text("\(directory)/after") != nil })
        #expect(ProcReader.text("\(directory)/status") == "status=0\n")
        #expect(ProcReader.text("\(directory)/before") == ProcReader.text("\(directory)/after"))
    }

    @Test func treeNestsParentChildGrandchild() throws {
        // `; :` keeps each shell alive as a parent instead of exec'ing its command.
        let marker = "3001.\(Int.random(in: 100...999))"
        let chain = try Spawn.start("/bin/sh", ["sh", "-c", "sh -c 'sleep \(marker); :'; :"], newProcessGroup: true)
        defer {
            _ = kill(-chain, SIGKILL)
            Spawn.reap(chain)
        }
        #expect(
            Clock.wait(upTo: 5) { ProcReader.children(of: chain).flatMap { ProcReader.children(of: $0) }.count == 1 })
        let child = try #require(ProcReader.children(of: chain).first)
        let grandchild = try #require(ProcReader.children(of: child).first)

        let session = try TmuxSession("\(swtop) -d 0.5")
        session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        session.press("t", "\\")
        session.type(marker)
        session.press("Enter")
        let (nested, screen) = session.waitForScreen { self.pids($0) == [Int(chain), Int(child), Int(grandchild)] }
        #expect(nested, "\(screen.joined(separator: "\n"))")
        let rows = tableRows(screen)
        guard rows.count == 3 else { return }
        let column = { (row: String, needle: String) in
            row.firstRange(of: needle).map { row.distance(from: row.startIndex, to: $0.lowerBound) } ?? -1
        }
        // Each generation's command starts further right, behind a tree guide.
        let starts = [column(rows[0], "sh -c"), column(rows[1], "sh -c"), column(rows[2], "sleep")]
        #expect(starts[0] < starts[1] && starts[1] < starts[2], "\(rows)")
        #expect(rows[2].contains("└─ sleep") || rows[2].contains("`- sleep"))
        #expect(screen.last { !$0.isEmpty }?.contains("Filter: \(marker)") == true)
    }

    @Test func sortKeysOrderTheRows() throws {
        let session = try TmuxSession("\(swtop) -d 0.5")
        session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        session.press("N")
        let (ascending, screen) = session.waitForScreen {
            let p = self.pids($0)
            return p.count > 5 && p == p.sorted()
        }
        #expect(ascending, "\(screen.joined(separator: "\n"))")
        session.press("N") // again: descending
        let (descending, _) = session.waitForScreen {
            let p = self.pids($0)
            return p.count > 5 && p == p.sorted(by: >)
        }
        #expect(descending)
        session.press("M")
        let (byMemory, memoryScreen) = session.waitForScreen { screen in
            let mem = self.tableRows(screen).compactMap { row -> Double? in
                let fields = row.split(separator: " ")
                return fields.count > 9 ? Double(fields[9]) : nil
            }
            return mem.count > 5 && mem == mem.sorted(by: >)
        }
        #expect(byMemory, "\(memoryScreen.joined(separator: "\n"))")
        #expect(memoryScreen.contains { $0.contains("▼MEM%") || $0.contains("vMEM%") })
        session.press("P")
        let (byCPU, _) = session.waitForScreen { $0.contains { $0.contains("▼CPU%") || $0.contains("vCPU%") } }
        #expect(byCPU)
    }

    @Test func userOptionShowsOnlyThatUsersProcesses() throws {
        let setpriv = try #require(Spawn.executable("setpriv"))
        let marker = "3002.\(Int.random(in: 100...999))"
        let sleeper = try Spawn.start(
            setpriv, ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/bin/sleep", marker])
        defer { Spawn.kill(sleeper) }
        #expect(Clock.wait(upTo: 5) { ProcReader.uids(sleeper)?.effective == 65534 })
        let user = try #require(ProcReader.userName(of: 65534))

        let session = try TmuxSession("\(swtop) -d 0.5 --user \(user)")
        let (shown, screen) = session.waitForScreen { self.pids($0).contains(Int(sleeper)) }
        #expect(shown, "\(screen.joined(separator: "\n"))")
        let users = Set(tableRows(screen).map { $0.split(separator: " ")[1] })
        #expect(users == [Substring(user.count > 8 ? String(user.prefix(7)) + "+" : user)])
    }

    @Test func filterNarrowsToTheSpawnedProcess() throws {
        let marker = "3003.\(Int.random(in: 100...999))"
        let sleeper = try Spawn.start("/bin/sleep", ["sleep", marker])
        defer { Spawn.kill(sleeper) }
        let session = try TmuxSession("\(swtop) -d 0.5")
        session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        session.press("\\")
        session.type(marker)
        let (narrowed, screen) = session.waitForScreen { self.pids($0) == [Int(sleeper)] }
        #expect(narrowed, "\(screen.joined(separator: "\n"))")
        session.press("Escape")
        let (cleared, _) = session.waitForScreen { self.pids($0).count > 3 }
        #expect(cleared)
    }

    @Test func expressionFilterFromTheCommandLineAndItsMistakes() throws {
        let marker = "3004.\(Int.random(in: 100...999))"
        let sleeper = try Spawn.start("/bin/sleep", ["sleep", marker])
        defer { Spawn.kill(sleeper) }
        let filter = "comm=sleep and command~\(marker)$"
        let session = try TmuxSession("\(swtop) -d 0.5 -F '\(filter)'")
        let (narrowed, screen) = session.waitForScreen {
            self.pids($0) == [Int(sleeper)] && $0.contains { $0.contains("Filter: " + filter) }
        }
        #expect(narrowed, "\(screen.joined(separator: "\n"))")
        // A malformed edit: the bottom bar says where, the old filter still narrows.
        session.press("\\")
        session.type(" (")
        let (named, bad) = session.waitForScreen {
            $0.contains { $0.contains("filter: at position \(filter.count + 3): expected a filter after '('") }
        }
        #expect(named, "\(bad.joined(separator: "\n"))")
        #expect(pids(bad) == [Int(sleeper)])
    }

    @Test func resizeToTheSmallestSizeAndBack() throws {
        let session = try TmuxSession("\(swtop) -d 0.5")
        session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        session.resize(width: 40, height: 10)
        let (small, screen) = session.waitForScreen { screen in
            screen.count >= 10 && screen.contains { $0.contains("PID USER") } && screen.allSatisfy { $0.count <= 40 }
        }
        #expect(small, "\(screen.joined(separator: "\n"))")
        session.resize(width: 30, height: 8)
        let (tooSmall, _) = session.waitForScreen { $0.first?.hasPrefix("Terminal too small") == true }
        #expect(tooSmall)
        // The largest size the view promises: the header stays within about a third.
        session.resize(width: 400, height: 120)
        let (large, largeScreen) = session.waitForScreen { screen in
            guard screen.count >= 120, let titles = screen.firstIndex(where: { $0.contains("PID USER") }) else {
                return false
            }
            // The CPU bars stretch across the width; the table fills the rest.
            return titles < 40 && (screen.first?.count ?? 0) > 300 && screen.contains { $0.hasPrefix("Mem[") }
                && self.pids(screen).count > 3
        }
        #expect(large, "\(largeScreen.prefix(12).joined(separator: "\n"))")
        session.resize(width: 120, height: 40)
        let (back, _) = session.waitForScreen { screen in
            screen.contains { $0.contains("PID USER") && $0.contains("TIME+") }
                && screen.contains { $0.hasPrefix("Mem[") }
        }
        #expect(back)
        #expect(!session.paneIsDead)
    }

    @Test func escapeSequencesInCommandLinesAreShownEscaped() throws {
        // bash's `exec -a` puts the escape sequences into argv[0] of a real sleep.
        let marker = "3004.\(Int.random(in: 100...999))"
        let script = "exec -a \"$(printf '\\033]2;pwned\\007\\033[2Jx')\" sleep \(marker)"
        let process = try Spawn.start("/bin/bash", ["bash", "-c", script])
        defer { Spawn.kill(process) }
        #expect(Clock.wait(upTo: 5) { ProcReader.comm(process) == "sleep" })
        let session = try TmuxSession("\(swtop) -d 0.5")
        let titleBefore = session.display("#{pane_title}")
        session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        session.press("\\")
        session.type(marker)
        let (shown, screen) = session.waitForScreen { $0.contains { $0.contains("\\e]2;pwned\\x07\\e[2Jx") } }
        #expect(shown, "\(screen.joined(separator: "\n"))")
        #expect(session.display("#{pane_title}") == titleBefore)
        #expect(screen.contains { $0.contains("PID USER") }) // \e[2J did not clear the screen
    }

    @Test(arguments: [SIGTERM, SIGHUP, SIGINT])
    func signalsRestoreTheTerminal(signal: Int32) throws {
        let directory = try #require(mkdtemp(strdup("/tmp/swtop-e2e-XXXXXX")).map { String(cString: $0) })
        defer { _ = system("rm -rf '\(directory)'") }
        let session = try TmuxSession(
            [
                save("stty -a", to: "\(directory)/before"), "\(swtop) -d 0.5",
                save("echo status=$?", to: "\(directory)/status"),
                save("stty -a", to: "\(directory)/after"), "sleep 30",
            ].joined(separator: "; "))
        session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        let shell = session.panePID
        let viewer = try #require(ProcReader.children(of: shell).first { ProcReader.comm($0) == "swtop" })
        kill(viewer, signal)
        #expect(Clock.wait(upTo: 5) { ProcReader.text("\(directory)/after") != nil })
        #expect(ProcReader.text("\(directory)/status") == "status=\(128 + signal)\n")
        let before = (ProcReader.text("\(directory)/before") ?? "").split(separator: " ")
        let after = (ProcReader.text("\(directory)/after") ?? "").split(separator: " ")
        #expect(before == after, "settings changed: \(Set(before).symmetricDifference(Set(after)))")
    }

    @Test func ctrlZSuspendsAndFgRedraws() throws {
        let directory = try #require(mkdtemp(strdup("/tmp/swtop-e2e-XXXXXX")).map { String(cString: $0) })
        defer { _ = system("rm -rf '\(directory)'") }
        let session = try TmuxSession("bash --norc --noprofile")
        session.type(save("stty -a", to: "\(directory)/before") + "; \(swtop) -d 0.5")
        session.press("Enter")
        let (shown, _) = session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        #expect(shown)

        session.press("C-z")
        let (stopped, stoppedScreen) = session.waitForScreen { $0.contains { $0.contains("Stopped") } }
        #expect(stopped, "\(stoppedScreen.joined(separator: "\n"))")
        // Suspended, swtop has given the terminal back as it found it. `fg` returns
        // swtop's exit status once it quits.
        session.type(
            save("stty -a", to: "\(directory)/suspended") + "; clear; fg; "
                + save("echo status=$?", to: "\(directory)/status"))
        session.press("Enter")
        #expect(Clock.wait(upTo: 5) { ProcReader.text("\(directory)/suspended") != nil })
        #expect(ProcReader.text("\(directory)/before") == ProcReader.text("\(directory)/suspended"))

        // After fg the whole view is back, not only the rows that changed.
        let (redrawn, screen) = session.waitForScreen { screen in
            screen.contains { $0.hasPrefix("Mem[") } && screen.contains { $0.hasPrefix("F1/h Help") }
                && self.pids(screen).count > 3
        }
        #expect(redrawn, "\(screen.joined(separator: "\n"))")
        session.press("q")
        #expect(Clock.wait(upTo: 5) { ProcReader.text("\(directory)/status") != nil })
        #expect(ProcReader.text("\(directory)/status") == "status=0\n")
    }

    @Test func dumbTerminalIsAClearError() throws {
        let directory = try #require(mkdtemp(strdup("/tmp/swtop-e2e-XXXXXX")).map { String(cString: $0) })
        defer { _ = system("rm -rf '\(directory)'") }
        // stderr goes to a file: tmux may drop what a pane prints in its first instant.
        let session = try TmuxSession(
            "TERM=dumb \(swtop) 2> \(directory)/error; " + save("echo status=$?", to: "\(directory)/status"))
        #expect(Clock.wait(upTo: 5) { ProcReader.text("\(directory)/status") != nil })
        #expect(ProcReader.text("\(directory)/status") == "status=1\n")
        let error = ProcReader.text("\(directory)/error") ?? ""
        #expect(
            error.hasPrefix("swtop: ") && error.contains("--batch") && error.split(separator: "\n").count == 1,
            "\(error)")
        _ = session
    }

    @Test func hShowsUserlandThreadsUnderTheirProcess() throws {
        // swtop itself has two threads: the view and the sampler.
        let session = try TmuxSession("\(swtop) -d 0.5")
        session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        // tmux runs a lone command in the pane itself, or under a shell.
        let pane = session.panePID
        let viewer = try #require(([pane] + ProcReader.children(of: pane)).first { ProcReader.comm($0) == "swtop" })
        let threads = Set(try FileManagerless.list("/proc/\(viewer)/task").compactMap { Int($0) })
        #expect(threads.count >= 2)
        session.press("\\")
        session.type("swtop -d 0.5")
        session.press("Enter")
        let (processOnly, _) = session.waitForScreen { self.pids($0).contains(Int(viewer)) }
        #expect(processOnly)
        #expect(!threads.subtracting([Int(viewer)]).contains { self.pids(session.screen()).contains($0) })
        session.press("H")
        // The other threads follow their process directly.
        let (withThreads, screen) = session.waitForScreen { screen in
            let shown = self.pids(screen)
            guard let at = shown.firstIndex(of: Int(viewer)) else { return false }
            return Set(shown[at..<min(shown.count, at + threads.count)]) == threads
        }
        #expect(withThreads, "\(screen.joined(separator: "\n"))")
    }
}

/// Directory listing without Foundation, for /proc.
enum FileManagerless {
    static func list(_ path: String) throws -> [String] {
        guard let directory = opendir(path) else { throw SpawnError(description: "cannot list \(path)") }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
