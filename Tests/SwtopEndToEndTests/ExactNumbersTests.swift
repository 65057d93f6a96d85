import Glibc
import Testing

/// Every number of `--json` against the tools people compare with, read at the same
/// moment: `ps`, the kernel's exact files (`statm`, `status`) and `free -b`.
@Suite(.serialized) struct ExactNumbersTests {
    /// Processes of every kind an operator meets, started by the test and killed by PID.
    private struct Fixtures {
        var pids: [String: pid_t] = [:]
        var zombie: pid_t = 0
        var directory = ""

        func cleanUp() {
            for pid in pids.values {
                _ = kill(pid, SIGCONT)
                Spawn.kill(pid)
            }
            if !directory.isEmpty { _ = system("rm -rf '\(directory)'") }
        }
    }

    private static let memoryScript = """
        import threading, time
        block = b'\\x01' * (64 << 20)
        for _ in range(4): threading.Thread(target=time.sleep, args=(600,), daemon=True).start()
        open('/proc/self/comm', 'w').write('touched64m')
        time.sleep(600)
        """

    private func startFixtures() throws -> Fixtures {
        var fixtures = Fixtures()
        let python = try #require(Spawn.executable("python3"), "python3 is needed")
        let setpriv = try #require(Spawn.executable("setpriv"), "setpriv (util-linux) is needed")
        try #require(geteuid() == 0, "a process of another user needs root")
        fixtures.directory = try #require(mkdtemp(strdup("/tmp/swtop-exact-XXXXXX")).map { String(cString: $0) })
        fixtures.pids["idle"] = try Spawn.start("/bin/sleep", ["sleep", "600"])
        fixtures.pids["niced"] = try Spawn.start("/usr/bin/nice", ["nice", "-n", "7", "/bin/sleep", "600"])
        let stopped = try Spawn.start("/bin/sleep", ["sleep", "600"])
        fixtures.pids["stopped"] = stopped
        _ = kill(stopped, SIGSTOP)
        // The child `sleep 0` is never reaped by the `sleep 600` its shell became.
        let parent = try Spawn.start("/bin/sh", ["sh", "-c", "sleep 0 & exec sleep 600"])
        fixtures.pids["zombie parent"] = parent
        fixtures.pids["memory"] = try Spawn.start(python, ["python3", "-c", Self.memoryScript])
        // A uid with no passwd entry, as in rootless containers.
        fixtures.pids["other user"] = try Spawn.start(
            setpriv,
            [
                "setpriv", "--reuid=54321", "--regid=54321",
                "--clear-groups", "/bin/sleep", "600",
            ])
        let copy = fixtures.directory + "/sleep-deleted"
        try #require(system("cp /bin/sleep '\(copy)'") == 0)
        fixtures.pids["deleted exe"] = try Spawn.start(copy, ["sleep-deleted", "600"])
        fixtures.pids["odd command line"] = try Spawn.start(
            python, ["python3", "-c", "import time; time.sleep(600)", "two words", "tab\tand\nnewline", "ü"])

        let settled = Clock.wait(upTo: 15) {
            let zombies = ProcReader.children(of: parent).filter { ProcReader.stat($0)?.state == "Z" }
            if let zombie = zombies.first { fixtures.zombie = zombie }
            return fixtures.zombie != 0 && ProcReader.stat(stopped)?.state == "T"
                && (ProcReader.statm(fixtures.pids["memory"]!)?.resident ?? 0) >= 64 << 20
                && ProcReader.stat(fixtures.pids["memory"]!)?.threads == 5
                && ProcReader.text("/proc/\(fixtures.pids["odd command line"]!)/cmdline")?.contains("ü") == true
                && ProcReader.stat(fixtures.pids["niced"]!)?.nice == 7
        }
        _ = unlink(copy)
        #expect(settled, "the fixture processes did not settle")
        return fixtures
    }

    /// What the kernel said of one process in its precise files.
    private struct Reading: Equatable {
        var resident: UInt64
        var virtual: UInt64
        var threads: Int64
        var start: UInt64
    }

    private func readAll() -> [Int64: Reading] {
        var readings: [Int64: Reading] = [:]
        for pid in ProcReader.allPIDs() {
            guard let stat = ProcReader.stat(pid), let statm = ProcReader.statm(pid) else { continue }
            readings[Int64(pid)] = Reading(
                resident: statm.resident, virtual: stat.virtualBytes,
                threads: stat.threads, start: stat.startTicks)
        }
        return readings
    }

    /// `ps -o pid,ppid,user,ni,pri,nlwp,rss,vsz,stat,args` by PID, args last.
    private func ps(_ pids: [pid_t]) throws -> [Int64: [String]] {
        let list = pids.map(String.init).joined(separator: ",")
        let run = try SwtopRun.run(
            "/usr/bin/env",
            argv: [
                "env", "LC_ALL=C.UTF-8", "ps", "-ww", "-o",
                "pid=,ppid=,user=,ni=,pri=,nlwp=,rss=,vsz=,stat=,args=",
                "-p", list,
            ], recording: ["ps"])
        var rows: [Int64: [String]] = [:]
        for line in run.outputLines {
            var fields = line.split(separator: " ", maxSplits: 9, omittingEmptySubsequences: true).map(String.init)
            guard fields.count >= 9, let pid = Int64(fields[0]) else { continue }
            if fields.count == 9 { fields.append("") }
            fields[9] = String(fields[9].drop { $0 == " " }) // ps pads the column
            rows[pid] = fields
        }
        return rows
    }

    /// `free -b`: the Mem and Swap lines by column name.
    private func free() throws -> [String: Int64] {
        let run = try SwtopRun.run("/usr/bin/env", argv: ["env", "LC_ALL=C", "free", "-b"], recording: ["free"])
        var values: [String: Int64] = [:]
        for line in run.outputLines {
            let fields = line.split(separator: " ").map(String.init)
            if fields.first == "Mem:", fields.count >= 7 {
                for (name, value) in zip(
                    ["total", "used", "free", "shared", "buff/cache", "available"], fields.dropFirst())
                {
                    values["mem " + name] = Int64(value)
                }
            } else if fields.first == "Swap:", fields.count >= 4 {
                for (name, value) in zip(["total", "used", "free"], fields.dropFirst()) {
                    values["swap " + name] = Int64(value)
                }
            }
        }
        return values
    }

    /// ps's `args`: the arguments joined by spaces, a newline as a space and every
    /// other unprintable character as `?`.
    private func psArgs(_ row: JSON) -> String {
        let arguments = row["cmdline"]?.array?.compactMap(\.string) ?? []
        return String(
            arguments.joined(separator: " ").unicodeScalars.map { scalar -> Character in
                scalar == "\n" ? " " : scalar.value < 0x20 || scalar.value == 0x7F ? "?" : Character(scalar)
            })
    }

    @Test func everyFieldEqualsPsStatmStatusAndFree() throws {
        let fixtures = try startFixtures()
        defer { fixtures.cleanUp() }
        let before = readAll()
        let run = try SwtopRun.run(["--json", "-n", "1"])
        let after = readAll()
        let pids = Array(fixtures.pids.values) + [fixtures.zombie]
        let psRows = try ps(pids)
        let freeValues = try free()
        run.expectSuccess()
        let frame = try #require(Frames.parse(run).last)
        let memTotal = try #require(frame["memory"]?["total_bytes"]?.integer)

        var named = fixtures.pids
        named["zombie"] = fixtures.zombie
        for (what, pid) in named.sorted(by: { $0.key < $1.key }) {
            let row = try Frames.require(pid, in: frame)
            let psRow = try #require(psRows[Int64(pid)], "ps lists \(what)")
            let statm = try #require(ProcReader.statm(pid))
            let status = try #require(ProcReader.text("/proc/\(pid)/status"))
            let statusLine = { (key: String) -> [String] in
                status.split(separator: "\n").first { $0.hasPrefix(key + ":") }
                    .map {
                        $0.dropFirst(key.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                    } ?? []
            }
            #expect(row["ppid"]?.integer == Int64(psRow[1]), "\(what): ppid")
            #expect(row["user"]?.string == psRow[2], "\(what): user")
            #expect(row["nice"]?.integer == Int64(psRow[3]), "\(what): nice")
            // ps's `pri` counts the other way round: 39 − the kernel's priority (top's PR).
            #expect(row["priority"].flatMap { $0.integer }.map { 39 - $0 } == Int64(psRow[4]), "\(what): priority")
            #expect(row["threads"]?.integer == Int64(psRow[5]), "\(what): threads (ps)")
            #expect(row["res_bytes"]?.integer == Int64(psRow[6]).map { $0 * 1024 }, "\(what): RES (ps rss)")
            #expect(row["virt_bytes"]?.integer == Int64(psRow[7]).map { $0 * 1024 }, "\(what): VIRT (ps vsz)")
            #expect(row["state"]?.string == String(psRow[8].prefix(1)), "\(what): state")
            if what != "zombie" { #expect(psArgs(row) == psRow[9], "\(what): command line") }
            #expect(row["res_bytes"]?.integer == Int64(statm.resident), "\(what): RES (statm)")
            #expect(row["shr_bytes"]?.integer == Int64(statm.shared), "\(what): SHR (statm)")
            #expect((row["shr_bytes"]?.integer ?? .max) <= (row["res_bytes"]?.integer ?? 0), "\(what): SHR ≤ RES")
            let uids = statusLine("Uid")
            #expect(row["real_uid"]?.integer == uids.first.flatMap { Int64($0) }, "\(what): real uid")
            #expect(row["uid"]?.integer == uids.dropFirst().first.flatMap { Int64($0) }, "\(what): effective uid")
            #expect(
                row["threads"]?.integer == statusLine("Threads").first.flatMap { Int64($0) },
                "\(what): threads (status)")
            #expect(row["state"]?.string == statusLine("State").first, "\(what): state (status)")
            // JSON gives two decimals.
            let memPercent = Double(statm.resident) / Double(memTotal) * 100
            #expect(abs((row["mem_percent"]?.double ?? -1) - memPercent) <= 0.005, "\(what): MEM%")
        }
        let memory = try Frames.require(named["memory"]!, in: frame)
        #expect((memory["res_bytes"]?.integer ?? 0) >= 64 << 20)
        #expect(memory["threads"]?.integer == 5)
        #expect(try Frames.require(named["other user"]!, in: frame)["user"]?.string == "54321")
        let deleted = try Frames.require(named["deleted exe"]!, in: frame)["exe"]?.string ?? ""
        #expect(deleted.hasSuffix("/sleep-deleted (deleted)"), "exe of a deleted program: \(deleted)")
        // argv[0] is whatever path the python3 found in PATH gave itself.
        let odd = try Frames.require(named["odd command line"]!, in: frame)["cmdline"]?.array?.dropFirst()
        #expect(
            odd.map(Array.init)
                == ["-c", "import time; time.sleep(600)", "two words", "tab\tand\nnewline", "ü"]
                .map(JSON.string))

        // Every other process: what swtop saw lies between /proc just before and just after.
        var moved: [String] = []
        for row in Frames.processes(frame) {
            guard let pid = row["pid"]?.integer, let old = before[pid], let new = after[pid], old.start == new.start,
                Int64(old.start) == row["start_ticks"]?.integer
            else { continue }
            for (name, value, low, high) in [
                ("RES", row["res_bytes"]?.integer, old.resident, new.resident),
                ("VIRT", row["virt_bytes"]?.integer, old.virtual, new.virtual),
                ("threads", row["threads"]?.integer, UInt64(old.threads), UInt64(new.threads)),
            ] {
                let value = UInt64(value ?? -1)
                if value < min(low, high) || value > max(low, high) {
                    moved.append("PID \(pid) \(row["comm"]?.string ?? "") \(name) \(value) outside \(low)…\(high)")
                }
            }
        }
        #expect(moved.isEmpty, "\(moved.joined(separator: "\n"))")

        // The meters against free -b, read a moment later (16 MiB of slack for that moment).
        let slack: Int64 = 16 << 20
        let swtopMemory = try #require(frame["memory"])
        let swtopSwap = try #require(frame["swap"])
        let pairs: [(String, Int64?, Int64?)] = [
            ("mem total", swtopMemory["total_bytes"]?.integer, freeValues["mem total"]),
            ("mem used", swtopMemory["used_bytes"]?.integer, freeValues["mem used"]),
            ("mem free", swtopMemory["free_bytes"]?.integer, freeValues["mem free"]),
            ("mem shared", swtopMemory["shmem_bytes"]?.integer, freeValues["mem shared"]),
            (
                "mem buff/cache",
                (swtopMemory["buffers_bytes"]?.integer ?? 0) + (swtopMemory["cache_bytes"]?.integer ?? 0),
                freeValues["mem buff/cache"]
            ),
            ("mem available", swtopMemory["available_bytes"]?.integer, freeValues["mem available"]),
            ("swap total", swtopSwap["total_bytes"]?.integer, freeValues["swap total"]),
            ("swap used", swtopSwap["used_bytes"]?.integer, freeValues["swap used"]),
            ("swap free", swtopSwap["free_bytes"]?.integer, freeValues["swap free"]),
        ]
        for (name, ours, theirs) in pairs {
            let ours = try #require(ours, "swtop: \(name)")
            let theirs = try #require(theirs, "free -b: \(name)")
            #expect(abs(ours - theirs) <= slack, "\(name): swtop \(ours), free -b \(theirs)")
        }
    }

    @Test func aBusyLoopsShareIsWhatItsTicksGrewBy() throws {
        try CPUQuietLock.withLock {
            let busy = try Spawn.start("/bin/sh", ["/bin/sh", "-c", "while :; do :; done"])
            defer { Spawn.kill(busy) }
            let run = try SwtopRun.run(["--json", "-n", "3", "-d", "1"])
            run.expectSuccess()
            let frames = Frames.parse(run)
            try #require(frames.count == 3)
            for (earlier, later) in zip(frames.dropLast(), frames.dropFirst()) {
                let first = try Frames.require(busy, in: earlier)
                let second = try Frames.require(busy, in: later)
                let seconds = (later["timestamp"]?.double ?? 0) - (earlier["timestamp"]?.double ?? 0)
                let grew = (second["cpu_time_seconds"]?.double ?? 0) - (first["cpu_time_seconds"]?.double ?? 0)
                let expected = grew / seconds * 100
                let shown = try #require(second["cpu_percent"]?.double)
                #expect(abs(shown - expected) <= 5, "CPU% \(shown), utime+stime grew by \(expected)% of a core")
            }
        }
    }

    @Test func theViewShowsExactResidentSizes() throws {
        let swtop = try #require(SwtopBinary.path)
        let sleeper = try Spawn.start("/bin/sleep", ["sleep", "600.17"])
        defer { Spawn.kill(sleeper) }
        #expect(Clock.wait(upTo: 5) { ProcReader.statm(sleeper) != nil })
        let session = try TmuxSession("\(swtop) -d 0.5", width: 160)
        session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        session.press("\\")
        session.type("600.17")
        session.press("Enter")
        let statm = try #require(ProcReader.statm(sleeper))
        let (shown, screen) = session.waitForScreen { screen in
            screen.contains { line in
                line.split(separator: " ").first == Substring(String(sleeper))
                    && line.contains(" \(statm.resident / 1024)K ") && line.contains(" \(statm.shared / 1024)K ")
            }
        }
        #expect(
            shown,
            "RES \(statm.resident / 1024) and SHR \(statm.shared / 1024) from statm:\n\(screen.joined(separator: "\n"))"
        )
        session.press("q")
    }
}
