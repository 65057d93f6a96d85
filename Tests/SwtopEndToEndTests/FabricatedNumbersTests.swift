import Foundation
import Testing

/// `--proc-root` against a tree of numbers no kernel writes but a file can hold:
/// uptime, btime, CPU times and start time of UInt64.max, CPUs listed out of order
/// (`cpu10` before `cpu2`), MemTotal 0 with huge Buffers. Every output runs to the
/// end without a trap.
@Suite struct FabricatedNumbersTests {
    static let most = "18446744073709551615"

    /// Writes the tree into a new temporary directory and returns its path.
    static func writeFixture() throws -> String {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("swtop-fabricated-\(UUID().uuidString)").path
        let cpu = " 1000 20 300 5000 40 0 10 0 0 0\n"
        var files: [String: String] = [
            "stat": "cpu " + cpu + "cpu10" + cpu + "cpu2" + cpu + "intr \(most) 0\nctxt \(most)\n"
                + "btime \(most)\nprocesses \(most)\nprocs_running \(most)\nprocs_blocked 0\n",
            "meminfo": "MemTotal: 0 kB\nMemFree: 0 kB\nMemAvailable: 0 kB\nBuffers: \(most) kB\nCached: \(most) kB\n"
                + "SwapCached: \(most) kB\nSReclaimable: \(most) kB\nSwapTotal: 0 kB\nSwapFree: \(most) kB\n",
            "loadavg": "\(most).99 \(most) 1e308 2/2 42\n",
            "uptime": "\(most) \(most)\n",
            "mounts": "none / ext4 rw 0 0\n",
        ]
        // utime, stime, start time and VIRT of UInt64.max; RSS the most a signed field holds.
        // (Fields 16 and 17, the children's times, are signed: UInt64.max there is a malformed line.)
        let fields =
            [
                "S", "0", "1", "1", "0", "-1", "4194560", "0", "0", "0", "0", most, most, "0", "0", "20", "0",
                "2147483647", "0", most, most, "9223372036854775807",
            ] + Array(repeating: "0", count: 14) + ["17", "0"]
        for pid in [1, 42] {
            files["\(pid)/stat"] = "\(pid) (fabricated) " + fields.joined(separator: " ") + "\n"
            files["\(pid)/statm"] = "\(most) \(most) \(most) 0 0 0 0\n"
            files["\(pid)/status"] = "Name:\tfabricated\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nVmSwap:\t\(most) kB\n"
            files["\(pid)/io"] = "read_bytes: \(most)\nwrite_bytes: \(most)\n"
            files["\(pid)/cmdline"] = "fabricated\0"
            files["\(pid)/comm"] = "fabricated\n"
        }
        let manager = FileManager.default
        for (name, text) in files {
            let path = root + "/" + name
            try manager.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
        try manager.createDirectory(atPath: root + "/sys/kernel", withIntermediateDirectories: true)
        return root
    }

    @Test func batchAndJSONRunToTheEnd() throws {
        let root = try Self.writeFixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let text = try SwtopRun.run(["--batch", "-n", "2", "-d", "0.1", "--proc-root", root])
        text.expectSuccess()
        #expect(text.outputLines.contains { $0.hasPrefix("Tasks: 2 total") }, "\(text.output)")
        for key in ["time", "start", "mem"] {
            let json = try SwtopRun.run(["--json", "-n", "2", "-d", "0.1", "--proc-root", root, "-s", key])
            json.expectSuccess()
            let frames = Frames.parse(json)
            #expect(frames.count == 2)
            #expect(frames.last.map(Frames.pids) == [1, 42], "sorted by \(key)")
        }
    }

    @Test func theInteractiveViewDrawsEveryColumnMeterAndPage() throws {
        let swtop = try #require(SwtopBinary.path, "swtop binary not found")
        let root = try Self.writeFixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = root + "/config"
        try """
        columns = PID USER PRI NI VIRT RES SHR S CPU% NCPU% MEM% TIME+ THR START ELAPSED SWAP READ/s WRITE/s Command
        meters_left = Memory:bar Swap:bar Uptime:text Load:text
        meters_right = Tasks:text Frequency:bar ContextSwitches:text Interrupts:text Disk(/):text

        """.write(toFile: config, atomically: false, encoding: .utf8)
        let session = try TmuxSession(
            "\(swtop) -d 0.2 --proc-root \(root) --config \(config) 2>/dev/null",
            width: 240, height: 40, recordsExit: true)
        let (drawn, screen) = session.waitForScreen {
            $0.contains { $0.contains("ELAPSED") } && $0.contains { $0.hasPrefix("Mem[") }
        }
        try #require(drawn, "\(screen.joined(separator: "\n"))")
        // The CPU labels line up although cpu10 comes first.
        #expect(screen.prefix(2).map { String($0.prefix(3)) } == ["10[", " 2["], "\(screen.joined(separator: "\n"))")
        // The inspect pages, the setup screen, and sorting by each fabricated column.
        for keys in [
            ["Enter"], ["Escape", "e"], ["Escape", "l"], ["Escape", "o"], ["Escape", "Escape", "F2"], ["Escape"],
            ["T"], ["M"], ["F6", "End", "Enter"],
        ] {
            session.press(keys)
            usleep(300_000)
        }
        session.press("q")
        #expect(session.exitStatus() == "0", "\(session.screen().joined(separator: "\n"))")
    }
}
