import Foundation
import Testing

/// swtop inside a container, as a fixture: a four-CPU machine, and swtop's own cgroup
/// (under a cgroup2 mount the fixture's `self/mounts` names) limited to CPUs 1 and 3,
/// 1.5 CPUs of time and 256 MiB.
@Suite struct ContainerMetersFixtureTests {
    static func writeFixture() throws -> String {
        let root = try ProcRootFixtureTests.writeFixture()
        let cpuLine = "1000 20 300 5000 40 0 10 0 0 0"
        let files = [
            "stat": "cpu  \(cpuLine)\n" + (0..<4).map { "cpu\($0) \(cpuLine)\n" }.joined()
                + "intr 12 0\nctxt 100\nbtime 1700000000\nprocesses 500\nprocs_running 2\nprocs_blocked 0\n",
            "42/cgroup": "0::/docker/abc\n",
            "42/mounts": "proc /proc proc rw 0 0\ncgroup2 \(root)/cg cgroup2 rw,nosuid 0 0\n",
            "cg/docker/abc/memory.max": "268435456\n",
            "cg/docker/abc/memory.current": "67108864\n",
            "cg/docker/abc/cpu.max": "150000 100000\n",
            "cg/docker/abc/cpuset.cpus.effective": "1,3\n",
            "cg/docker/abc/cpu.stat": "usage_usec 5000000\nuser_usec 4000000\n",
        ]
        try FileManager.default.createDirectory(atPath: root + "/cg/docker/abc", withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: root + "/" + name, atomically: false, encoding: .utf8) }
        return root
    }

    @Test func theMetersShowTheContainersCPUsAndLimitsAndTheHelpTheHosts() throws {
        let root = try Self.writeFixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let swtop = try #require(SwtopBinary.path)
        let session = try TmuxSession("'\(swtop)' --proc-root '\(root)' -d 0.3", recordsExit: true)
        // The cgroup's counter stands still in the fixture: after two samples it used 0 CPUs.
        let (shown, screen) = session.waitForScreen(seconds: 10) { lines in
            lines.contains { $0.hasPrefix("CPU[") && $0.contains("0.00/1.50 CPUs (cgroup limit)]") }
        }
        #expect(shown, "\(screen.joined(separator: "\n"))")
        // Only the cpuset's CPUs have bars, then the cgroup's own.
        #expect(screen.prefix(3).map { String($0.prefix(2)) } == ["1[", "3[", "CP"], "\(screen.prefix(4))")
        #expect(!screen.prefix(6).contains { $0.hasPrefix("0[") || $0.hasPrefix("2[") })
        #expect(screen.contains { $0.contains("64.0M/256M (cgroup limit)]") }, "\(screen.prefix(6))")
        session.press("h")
        let (help, helpScreen) = session.waitForScreen(seconds: 5) { lines in
            lines.contains { $0.contains("CPUs' worth of time on 2 of the host's 4 CPUs") }
        }
        #expect(help, "\(helpScreen.joined(separator: "\n"))")
        #expect(helpScreen.contains { $0.hasPrefix("Mem shows the cgroup's memory.max, 256M; the host has 977M") })
        session.press("q")
        session.press("q")
        #expect(session.exitStatus(within: 2.5) == "0")
    }

    @Test func jsonCarriesTheLimits() throws {
        let root = try Self.writeFixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = try SwtopRun.run(["--json", "-n", "1", "-d", "0.2", "--proc-root", root], timeout: 10)
        run.expectSuccess()
        let frame = try #require(Frames.parse(run).last)
        try FrameSchema.check(frame, onlineCPUs: 4)
        let limits = try #require(frame["cgroup_limits"]?.object)
        #expect(limits["memory_max_bytes"]?.integer == 268_435_456)
        #expect(limits["memory_current_bytes"]?.integer == 67_108_864)
        #expect(limits["cpu_quota"]?.double == 1.5)
        #expect(limits["effective_cpus"]?.array?.compactMap(\.integer) == [1, 3])
        #expect(limits["cpu_used"]?.double == 0)
    }
}
