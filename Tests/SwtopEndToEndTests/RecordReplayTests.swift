import Glibc
import SwtopCore
import SwtopHarness
import Testing

/// `--record` and `--replay` on the real binary: the recorded frames come back as the
/// live ones were printed, a child's life is found at the samples it happened in, and
/// files that are not recordings, or not safe to write, are refused in one line.
@Suite struct RecordReplayTests {
    @Test func replayedJSONFramesAreTheLiveOnes() throws {
        let sleeper = try Spawn.start("/bin/sleep", ["/bin/sleep", "300"])
        defer { Spawn.kill(sleeper) }
        let scratch = try ScratchDirectory()
        let file = scratch.file("run.swtop")
        let live = try SwtopRun.run(["--record", file, "--json", "-n", "4", "-d", "0.2"])
        live.expectSuccess()
        let replay = try SwtopRun.run(["--replay", file, "--json"])
        replay.expectSuccess()
        #expect(replay.errorText.isEmpty, "\(replay.errorText)")
        try #require(live.outputLines.count == 4)
        // Byte for byte, so field for field: every number, name and command line.
        #expect(replay.outputLines == live.outputLines)
        // The TCP rates are among them: the test runner's own descriptors are readable,
        // so after the first frame it has a number there, not null.
        for frame in Frames.parse(live).dropFirst() {
            #expect(try Frames.require(getpid(), in: frame)["net_rx_bytes_per_s"]?.double != nil)
        }
        #expect(replay.outputLines.allSatisfy { $0.contains("\"pid\":\(sleeper),") })
        // --iterations and --batch text work on the recording too.
        let text = try SwtopRun.run(["--replay", file, "--batch", "-n", "1"])
        text.expectSuccess()
        #expect(text.outputLines.contains { $0.split(separator: " ").first == "\(sleeper)" })
    }

    @Test func beginAndEndChooseTheFrames() throws {
        let scratch = try ScratchDirectory()
        let file = scratch.file("window.swtop")
        try SwtopRun.run(["--record", file, "--batch", "-n", "3", "-d", "0.2"]).expectSuccess()
        let all = try SwtopRun.run(["--replay", file, "--json", "--begin", "-1h"])
        all.expectSuccess()
        #expect(all.outputLines.count == 3)
        // Recorded within the last minute: nothing before a minute ago, nothing from now on.
        let ended = try SwtopRun.run(["--replay", file, "--json", "--end", "-1m"])
        ended.expectSuccess()
        #expect(ended.outputLines.isEmpty)
        let today = try SwtopRun.run(["--replay", file, "--json", "--begin", "-0s"])
        today.expectSuccess()
        #expect(today.outputLines.isEmpty)
    }

    /// The state letter of `pid` in each frame of a `--batch` replay (nil: not in that frame).
    static func states(of pid: pid_t, in lines: [String]) -> [String?] {
        var frames: [String?] = []
        for line in lines {
            if line.hasPrefix("swtop - ") {
                frames.append(nil)
                continue
            }
            let fields = line.split(separator: " ")
            if fields.count > 7, fields[0] == "\(pid)", !frames.isEmpty { frames[frames.count - 1] = String(fields[7]) }
        }
        return frames
    }

    @Test func aChildStartedStoppedAndEndedIsFoundAtItsSamples() throws {
        let scratch = try ScratchDirectory()
        let file = scratch.file("life.swtop")
        guard let binary = SwtopBinary.path else { throw SpawnError(description: "swtop executable not found") }
        let recorder = try Spawn.start(binary, [binary, "--record", file, "--batch", "-d", "0.2", "-n", "20"])
        defer { Spawn.kill(recorder) }
        // Some samples without the child, with it sleeping, stopped, and after it ended.
        func sampleCount() -> Int {
            (try? SwtopRun.run(["--replay", file, "--batch"]))?.outputLines.filter { $0.hasPrefix("swtop - ") }.count
                ?? 0
        }
        func waitForSamples(_ count: Int) { _ = MonotonicClock.wait(upTo: 20, every: 0.05) { sampleCount() >= count } }
        waitForSamples(3)
        let child = try Spawn.start("/bin/sleep", ["/bin/sleep", "300"])
        defer { Spawn.kill(child) }
        waitForSamples(sampleCount() + 3)
        kill(child, SIGSTOP)
        #expect(MonotonicClock.wait(upTo: 5) { ProcReader.stat(child)?.state == "T" })
        waitForSamples(sampleCount() + 3)
        kill(child, SIGKILL)
        _ = Spawn.reap(child)
        try #require(Spawn.reap(recorder, within: 30) == .exited(0))

        let replay = try SwtopRun.run(["--replay", file, "--batch"])
        replay.expectSuccess()
        let states = Self.states(of: child, in: replay.outputLines)
        #expect(states.count == 20)
        // Absent, then sleeping, then stopped, then gone, in that order and nothing else.
        var phases: [String] = []
        for state in states.map({ $0 ?? "-" }) where phases.last != state { phases.append(state) }
        #expect(phases == ["-", "S", "T", "-"], "\(states)")

        // The same samples in the replay view, one `}` at a time: the child is there
        // in the same state at the same samples.
        let session = try TmuxSession("'\(binary)' --replay '\(file)' --no-config -p \(child)")
        for (index, expected) in states.enumerated() {
            let heading = "sample \(index + 1) of 20"
            let (shown, screen) = session.waitForScreen(seconds: 5) { $0.contains { $0.contains(heading) } }
            try #require(shown, "\(heading) not shown: \(screen.joined(separator: "\n"))")
            let row = screen.first { $0.split(separator: " ").first == "\(child)" }
            #expect(row.map { String($0.split(separator: " ")[7]) } == expected, "at \(heading): \(row ?? "no row")")
            session.press("}")
        }
        // Nothing is sent to a process of the past.
        session.press("{")
        session.press("x")
        let (refused, screen) = session.waitForScreen(seconds: 5) {
            $0.contains { $0.contains("Replay: nothing is sent to processes") }
        }
        #expect(refused, "\(screen.joined(separator: "\n"))")
        // The inspect page of a sample where it was stopped shows that sample's process.
        let stopped = try #require(states.firstIndex(of: "T")) + 1
        for _ in stopped..<19 { session.press("{") }
        let (atStop, _) = session.waitForScreen(seconds: 5) { $0.contains { $0.contains("sample \(stopped) of 20") } }
        #expect(atStop)
        session.press("Enter")
        let (inspected, page) = session.waitForScreen(seconds: 5) { lines in
            lines.contains { $0.contains("PID \(child) (sleep) — details, as sampled") }
                && lines.contains { $0.contains("T (stopped)") } && lines.contains { $0.contains("/bin/sleep 300") }
        }
        #expect(inspected, "\(page.joined(separator: "\n"))")
    }

    @Test func badFilesAreOneLineErrorsNamingTheOffset() throws {
        let scratch = try ScratchDirectory()
        scratch.write("empty", "")
        scratch.write("script", "#!/bin/sh\necho not a recording\n")
        scratch.write("newer", "")
        try #require(Self.write(Array("SWTOPREC".utf8) + [9, 0, 16, 0, 0, 0, 0, 0], to: scratch.file("newer")))
        for (name, message) in [
            ("empty", "offset 0: the file is empty"), ("script", "offset 0: not a swtop recording"),
            ("newer", "offset 8: format version 9 is newer"),
        ] {
            let run = try SwtopRun.run(["--replay", scratch.file(name), "--json"])
            #expect(run.status != .exited(0))
            #expect(run.errorText.hasPrefix("swtop: --replay: \(scratch.file(name)): \(message)"), "\(run.errorText)")
            #expect(run.errorText.split(separator: "\n").count == 1)
        }
    }

    @Test func aTornAndAFlippedRecordAreWarningsAndTheRestIsReplayed() throws {
        let scratch = try ScratchDirectory()
        let file = scratch.file("damaged.swtop")
        try SwtopRun.run(["--record", file, "--batch", "-n", "12", "-d", "0.2"]).expectSuccess()
        let whole = try SwtopRun.run(["--replay", file, "--json"])
        try #require(whole.outputLines.count == 12)
        // A flipped byte in a delta record late in the file (the first record, the full
        // sample, is about half of it; twelve samples keep the last one well short of
        // an eighth, so the flip is not inside the torn record) and the last 7 bytes cut off.
        var bytes = try #require(Self.read(file))
        bytes[bytes.count * 7 / 8] ^= 0x40
        bytes.removeLast(7)
        try #require(Self.write(bytes, to: file))
        let damaged = try SwtopRun.run(["--replay", file, "--json"])
        #expect(damaged.status == .exited(0) && !damaged.timedOut, "warnings, not a failure")
        let warnings = damaged.errorText.split(separator: "\n")
        #expect(warnings.contains { $0.contains("the last record is torn") }, "\(damaged.errorText)")
        #expect(warnings.count >= 2, "\(damaged.errorText)")
        #expect(warnings.allSatisfy { $0.hasPrefix("swtop: offset ") })
        #expect(damaged.outputLines.count >= 1 && damaged.outputLines.count <= 11, "\(damaged.errorText)")
        #expect(damaged.outputLines.allSatisfy(whole.outputLines.contains))
        // Recording on appends after the last whole record, cutting the torn one.
        try SwtopRun.run(["--record", file, "--json", "-n", "2", "-d", "0.2"]).expectSuccess()
        let appended = try SwtopRun.run(["--replay", file, "--json"])
        #expect(!appended.errorText.contains("torn"), "\(appended.errorText)")
        #expect(appended.outputLines.count == damaged.outputLines.count + 2)
    }

    @Test func recordingRefusesLinksOthersFilesAndOpenDirectories() throws {
        let scratch = try ScratchDirectory()
        symlink("/etc/passwd", scratch.file("link"))
        let link = try SwtopRun.run(["--record", scratch.file("link"), "--batch", "-n", "1", "-d", "0.2"])
        #expect(link.status != .exited(0))
        #expect(link.errorText.contains("symbolic link"), "\(link.errorText)")
        scratch.write("passwd-like", "root:x:0:0::/root:/bin/sh\n")
        let foreign = try SwtopRun.run(["--record", scratch.file("passwd-like"), "--batch", "-n", "1", "-d", "0.2"])
        #expect(foreign.status != .exited(0))
        #expect(foreign.errorText.contains("not a swtop recording"), "\(foreign.errorText)")
        let bytes = Self.read(scratch.file("passwd-like"))
        #expect(bytes == Array("root:x:0:0::/root:/bin/sh\n".utf8), "an existing file of another kind is left alone")
        mkdir(scratch.file("open"), 0o777)
        chmod(scratch.file("open"), 0o777)
        let open = try SwtopRun.run(["--record", scratch.file("open") + "/r.swtop", "--batch", "-n", "1", "-d", "0.2"])
        #expect(open.status != .exited(0))
        #expect(open.errorText.contains("writable by others"), "\(open.errorText)")
        #expect(access(scratch.file("open") + "/r.swtop", F_OK) != 0)
    }

    /// The limit is what one full sample of this machine takes plus 2K (deltas are about a
    /// kilobyte each on a quiet machine): 40 samples rotate at least once, whatever runs here.
    @Test func recordMaxRotatesToFileDotOne() throws {
        let scratch = try ScratchDirectory()
        let single = scratch.file("single.swtop")
        try SwtopRun.run(["--record", single, "--batch", "-n", "1", "-d", "0.2"]).expectSuccess()
        var singleInfo = stat()
        try #require(stat(single, &singleInfo) == 0)
        let limitKiB = Int(singleInfo.st_size) / 1024 + 3
        let file = scratch.file("rotating.swtop")
        try SwtopRun.run(["--record", file, "--record-max", "\(limitKiB)K", "--batch", "-n", "40", "-d", "0.2"])
            .expectSuccess()
        var info = stat()
        try #require(stat(file + ".1", &info) == 0, "FILE.1 exists")
        #expect(info.st_size <= limitKiB * 1024)
        try #require(stat(file, &info) == 0)
        #expect(info.st_size <= limitKiB * 1024)
        for path in [file, file + ".1"] {
            let replay = try SwtopRun.run(["--replay", path, "--json"])
            replay.expectSuccess()
            #expect(replay.errorText.isEmpty && !replay.outputLines.isEmpty, "\(path): \(replay.errorText)")
        }
    }

    @Test func theInteractiveViewRecordsWhatItShows() throws {
        let sleeper = try Spawn.start("/bin/sleep", ["/bin/sleep", "300"])
        defer { Spawn.kill(sleeper) }
        let scratch = try ScratchDirectory()
        let file = scratch.file("view.swtop")
        let swtop = try #require(SwtopBinary.path)
        let session = try TmuxSession("\(swtop) -d 0.2 --record \(file)", recordsExit: true)
        let (shown, screen) = session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        #expect(shown, "\(screen.joined(separator: "\n"))")
        let recorded = MonotonicClock.wait(upTo: 20, every: 0.1) {
            ((try? SwtopRun.run(["--replay", file, "--json"]))?.outputLines.count ?? 0) >= 5
        }
        #expect(recorded)
        session.press("q")
        #expect(session.exitStatus(within: 5) == "0")
        let replay = try SwtopRun.run(["--replay", file, "--json"])
        replay.expectSuccess()
        #expect(replay.outputLines.count >= 5)
        // Every recorded frame has SHR from statm for every process that lived through the
        // recording (the child among them): statm is read for the recording although the view
        // does not sort by memory, where it reads statm for the rows on screen only. A process
        // that came and went (this test's own polling) may exit between its stat and statm.
        let frames = Frames.parse(replay)
        let pidsPerFrame = frames.map { Set(Frames.processes($0).compactMap { $0["pid"]?.integer }) }
        let throughout = pidsPerFrame.dropFirst().reduce(pidsPerFrame.first ?? []) { $0.intersection($1) }
        #expect(throughout.contains(Int64(sleeper)))
        let withoutSHR = frames.flatMap { frame in
            Frames.processes(frame).compactMap { row -> Int64? in
                guard let pid = row["pid"]?.integer, throughout.contains(pid) else { return nil }
                return row["shr_bytes"]?.integer == nil ? pid : nil
            }
        }
        #expect(withoutSHR.isEmpty, "recorded without SHR: \(withoutSHR)")
    }

    static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = Glibc.read(descriptor, &buffer, buffer.count)
            guard count > 0 else { return count == 0 ? bytes : nil }
            bytes += buffer[..<count]
        }
    }

    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, bytes.count) } == bytes.count
    }
}
