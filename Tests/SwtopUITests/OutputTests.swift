import Foundation
import SwtopCore
import Testing

@testable import SwtopUI

@Suite struct BatchTextRendererTests {
    typealias B = SnapshotBuilder

    @Test func rendersHeaderAndAlignedRows() {
        let snapshot = B.snapshot([
            B.process(1, ppid: 0, comm: "init", args: ["/sbin/init"], cpu: 0.5, res: 8 << 20, ticks: 123),
            B.process(2, ppid: 0, comm: "kthreadd", cpu: nil, res: 0, kernel: true),
            B.process(
                300, ppid: 1, comm: "worker", args: ["/usr/bin/worker", "--verbose"], user: "averyveryverylongname",
                uid: 1000, cpu: 99.96, res: 256 << 20, ticks: 1_110_200, state: "R"),
        ])
        let text = BatchTextRenderer(ordering: ProcessOrdering(key: .pid)).render(snapshot, clock: .utc)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "swtop - 13:04:05 up 1 day, 01:01:01, load average: 0.50, 0.25, 0.13")
        #expect(lines[1].hasPrefix("Tasks: 3 total, 1 running, 2 sleeping"))
        #expect(lines[2] == "CPU:   15.0% used: 10.0 user, 0.0 nice, 5.0 system, 0.0 iowait, 0.0 steal, 85.0 idle")
        #expect(lines[3].hasPrefix("CPU0:  15.0% used"))
        #expect(lines[4] == "Mem:  1.0G total, 256M used, 16.0M buffers, 128M cache, 512M free, 768M available")
        #expect(lines[5] == "Swap: 1.0G total, 0K used, 1.0G free, 0K cached")
        #expect(lines[6] == "")
        #expect(lines[7] == BatchTextRenderer.columnTitles)
        #expect(lines[8] == "      1 root       20   0  4096K  8192K   512K S   0.5   0.8   0:01.23  /sbin/init")
        #expect(lines[9] == "      2 root       20   0  4096K     0K   512K S     -   0.0   0:00.00  [kthreadd]")
        #expect(
            lines[10]
                == "    300 averyve+   20   0  4096K   256M   512K R 100.0  25.0   3h05:02  /usr/bin/worker --verbose")
        // The columns line up under their titles.
        let titles = BatchTextRenderer.columnTitles
        for title in ["PID", "CPU%", "TIME+"] {
            let end = titles.range(of: title)!.upperBound.utf16Offset(in: titles)
            for row in lines[8...10] { #expect(row[row.index(row.startIndex, offsetBy: end - 1)] != " ") }
        }
    }

    @Test func unreadableProcessesAreCountedOnlyWhenThereAreSome() {
        var snapshot = B.snapshot([B.process(1, ppid: 0, comm: "init")])
        let renderer = BatchTextRenderer(ordering: ProcessOrdering())
        #expect(renderer.headerLines(snapshot, clock: .utc)[1].hasSuffix(" kernel threads"))
        snapshot.tasks.unreadable = 42
        #expect(renderer.headerLines(snapshot, clock: .utc)[1].hasSuffix(" kernel threads; 42 unreadable"))
    }

    @Test func hostileCommandLinesAreEscaped() {
        let snapshot = B.snapshot([
            B.process(9, args: ["\u{1B}]2;pwned\u{07}", "\u{1B}[2J", "ok"], user: "evil\u{1B}[31m")
        ])
        let text = BatchTextRenderer(ordering: ProcessOrdering()).render(snapshot, clock: .utc)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("\\e]2;pwned\\x07 \\e[2J ok"))
        #expect(text.contains(" evil\\e[+ ")) // escaped, then cut to 8 cells
    }

    @Test func treeRowsShowAsciiGuides() {
        let snapshot = B.snapshot([
            B.process(1, ppid: 0, comm: "init"), B.process(2, ppid: 1, comm: "child"),
            B.process(3, ppid: 2, comm: "grandchild"),
        ])
        let text = BatchTextRenderer(ordering: ProcessOrdering(key: .pid, tree: true)).render(snapshot, clock: .utc)
        #expect(text.contains("  /bin/init\n"))
        #expect(text.contains("  `- /bin/child\n"))
        #expect(text.contains("     `- /bin/grandchild\n"))
    }
}

@Suite struct JSONFrameEncoderTests {
    typealias B = SnapshotBuilder

    private func decode(_ line: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func frameHasTheDocumentedFieldsAndTypes() throws {
        let snapshot = B.snapshot([
            B.process(1, ppid: 0, args: ["/sbin/init", "splash"], cpu: nil),
            B.process(7, ppid: 1, cpu: 12.345),
        ])
        let line = JSONFrameEncoder(ordering: ProcessOrdering(key: .pid)).encode(snapshot)
        #expect(!line.contains("\n"))
        let frame = try decode(line)
        for key in [
            "timestamp", "generation", "uptime_seconds", "boot_time", "load", "online_cpus", "cpu", "cpus",
            "memory", "swap", "tasks", "processes",
        ] {
            #expect(frame[key] != nil, "missing \(key)")
        }
        #expect(frame["load"] as? [Double] == [0.5, 0.25, 0.13])
        let memory = try #require(frame["memory"] as? [String: Any])
        #expect(memory["total_bytes"] as? Int == 1 << 30)
        #expect(memory["used_bytes"] as? Int == (1 << 30) - (768 << 20)) // MemTotal − MemAvailable, as free(1)
        let processes = try #require(frame["processes"] as? [[String: Any]])
        #expect(processes.map { $0["pid"] as? Int } == [1, 7])
        let first = processes[0]
        #expect(first["cmdline"] as? [String] == ["/sbin/init", "splash"])
        #expect(first["cmdline_truncated"] as? Bool == false)
        #expect(first["cpu_percent"] is NSNull)
        #expect(first["depth"] == nil)
        #expect(processes[1]["cpu_percent"] as? Double == 12.35)
        for key in [
            "pid", "ppid", "user", "uid", "state", "priority", "nice", "threads", "virt_bytes", "res_bytes",
            "shr_bytes", "cpu_percent", "mem_percent", "cpu_time_seconds", "start_time", "comm", "cmdline",
            "cmdline_truncated", "exe",
        ] {
            #expect(first.keys.contains(key), "missing \(key)")
        }
        #expect(first["start_time"] as? Double == 1_700_000_001)
    }

    @Test func controlCharactersStayValidJSONAndRoundTrip() throws {
        let hostile = "\u{1B}]2;pwned\u{07}\"\\\u{2028}\\xff"
        let snapshot = B.snapshot([B.process(3, args: [hostile, "漢字"])])
        let line = JSONFrameEncoder(ordering: ProcessOrdering()).encode(snapshot)
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 })
        let processes = try #require(try decode(line)["processes"] as? [[String: Any]])
        #expect(processes[0]["cmdline"] as? [String] == [hostile, "漢字"])
    }

    @Test func cgroupLimitsAreAnObjectOrNull() throws {
        var snapshot = B.snapshot([B.process(3)])
        #expect(try decode(JSONFrameEncoder(ordering: ProcessOrdering()).encode(snapshot))["cgroup_limits"] is NSNull)
        snapshot.system.cgroupLimits = CgroupLimits(
            memoryMax: 256 << 20, memoryCurrent: 64 << 20, cpuQuota: 1.5, effectiveCPUSet: [1, 3], cpuUsed: 0.25)
        let frame = try decode(JSONFrameEncoder(ordering: ProcessOrdering()).encode(snapshot))
        let limits = try #require(frame["cgroup_limits"] as? [String: Any])
        #expect(limits["memory_max_bytes"] as? Int == 256 << 20)
        #expect(limits["memory_current_bytes"] as? Int == 64 << 20)
        #expect(limits["cpu_quota"] as? Double == 1.5)
        #expect(limits["effective_cpus"] as? [Int] == [1, 3])
        #expect(limits["cpu_used"] as? Double == 0.25)
        snapshot.system.cgroupLimits = CgroupLimits(effectiveCPUSet: [0])
        let partial = try #require(
            try decode(JSONFrameEncoder(ordering: ProcessOrdering()).encode(snapshot))["cgroup_limits"]
                as? [String: Any])
        #expect(partial["memory_max_bytes"] is NSNull && partial["cpu_used"] is NSNull)
    }

    @Test func treeFramesCarryDepth() throws {
        let snapshot = B.snapshot([B.process(1, ppid: 0), B.process(2, ppid: 1), B.process(3, ppid: 2)])
        let line = JSONFrameEncoder(ordering: ProcessOrdering(key: .pid, tree: true)).encode(snapshot)
        let processes = try #require(try decode(line)["processes"] as? [[String: Any]])
        #expect(processes.map { $0["depth"] as? Int } == [0, 1, 2])
    }
}
