import Glibc
import Testing

/// Grouping on real processes: a cgroup the test makes, and a group acted on in tmux.
@Suite(.serialized) struct GroupLiveTests {
    let swtop: String

    init() throws {
        swtop = try #require(SwtopBinary.path, "swtop binary not found")
    }

    private func marker() -> String { "3200.\(Int.random(in: 100...999))" }

    /// Where the kernel mounts the cgroup v2 tree (`/sys/fs/cgroup`, or `…/unified` on a hybrid host).
    private func cgroup2Mount() -> String? {
        let mounts = ProcReader.text("/proc/self/mounts") ?? ""
        for line in mounts.split(separator: "\n") {
            let fields: [Substring] = line.split(separator: " ")
            if fields.count > 2, fields[2] == "cgroup2" { return String(fields[1]) }
        }
        return nil
    }

    @Test func aCgroupMadeByTheTestIsShownAndGrouped() throws {
        let mount = try #require(cgroup2Mount(), "no cgroup2 mount")
        let name = "swtop-test-\(getpid())-\(Int.random(in: 1000...9999))"
        let directory = mount + "/" + name
        #expect(mkdir(directory, 0o755) == 0, "mkdir \(directory): errno \(errno)")
        defer { rmdir(directory) }
        let marker = marker()
        let child = try Spawn.start("/bin/sleep", ["sleep", marker])
        defer { Spawn.kill(child) }
        let procs = open(directory + "/cgroup.procs", O_WRONLY)
        #expect(procs >= 0)
        let text = "\(child)\n"
        #expect(write(procs, text, text.utf8.count) == text.utf8.count)
        close(procs)
        // The kernel's word on where the child is now.
        let line = try #require(
            ProcReader.text("/proc/\(child)/cgroup")?.split(separator: "\n").first { $0.hasPrefix("0::") })
        #expect(line == "0::/\(name)")

        let run = try SwtopRun.run(["--json", "-n", "1", "-d", "0.2", "--group", "cgroup"])
        run.expectSuccess()
        let frame = try #require(Frames.parse(run).first)
        let row = try #require(Frames.processes(frame).first { $0["pid"]?.integer == Int64(child) })
        #expect(row["cgroup"]?.string == "/\(name)")
        let group = try #require(frame["groups"]?.array?.first { $0["key"]?.string == "/\(name)" })
        #expect(group["pids"] == .array([.number(Double(child), isInteger: true)]))
        #expect(group["count"]?.integer == 1)

        // On screen: the CGROUP column, then grouped by cgroup (the fifth `g`).
        var template = Array("/tmp/swtop-e2e-groups-XXXXXX".utf8CString)
        let home = try #require(mkdtemp(&template).map { String(cString: $0) })
        defer { _ = system("rm -rf '\(home)'") }
        let config = fopen(home + "/config", "w")
        fputs("columns = PID CGROUP Command\n", config)
        fclose(config)
        let session = try TmuxSession("\(swtop) -d 0.5 --config \(home)/config")
        session.waitForScreen { $0.contains { $0.contains("CGROUP") } }
        session.press("\\")
        session.type(marker)
        session.press("Enter")
        let (shown, screen) = session.waitForScreen { screen in
            screen.contains { $0.contains("\(child)") && $0.contains("/\(name)") && $0.contains("sleep \(marker)") }
        }
        #expect(shown, "\(screen.joined(separator: "\n"))")
        session.press("g", "g", "g", "g", "g")
        let (grouped, groups) = session.waitForScreen { screen in
            screen.contains { $0.contains("CGROUP") && $0.contains("COUNT") }
                && screen.contains { $0.hasSuffix("+ /\(name)") && $0.split(separator: " ").first == "1" }
        }
        #expect(grouped, "\(groups.joined(separator: "\n"))")
        Spawn.kill(child)
        _ = Spawn.reap(child, within: 5)
    }

    /// Five sleeps grouped into one row; Enter lists them; `x` on the group ends those
    /// five and not the shell beside them that matches the same filter.
    @Test func terminatingAGroupEndsItsMembersOnly() throws {
        let marker = marker()
        let sleepers = try (0..<5).map { _ in try Spawn.start("/bin/sleep", ["sleep", marker]) }
        defer { sleepers.forEach(Spawn.kill) }
        let bystander = try Spawn.start("/bin/sh", ["sh", "-c", "while :; do sleep 1; done", "sh", marker])
        defer { Spawn.kill(bystander) }
        let session = try TmuxSession([swtop, "-d", "0.5"].joined(separator: " "))
        session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        session.press("\\")
        session.type(marker)
        session.press("Enter")
        session.waitForScreen { screen in screen.filter { $0.contains("sleep \(marker)") }.count == 5 }

        // The shell's program is its executable's name (dash where /bin/sh is dash), as the kernel links it.
        var link = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/\(bystander)/exe", &link, link.count - 1)
        #expect(length > 0)
        let shell =
            String(decoding: link.prefix(max(0, length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .split(separator: "/").last.map(String.init) ?? "sh"
        #expect(shell < "sleep")
        session.press("g", "N") // by program, by name: the shell before sleep
        let (grouped, screen) = session.waitForScreen { screen in
            screen.contains { $0.contains("PROGRAM") }
                && screen.contains { $0.hasSuffix("+ sleep") && $0.split(separator: " ").first == "5" }
                && screen.contains { $0.hasSuffix("+ \(shell)") && $0.split(separator: " ").first == "1" }
        }
        #expect(grouped, "\(screen.joined(separator: "\n"))")
        session.press("Down", "Enter")
        let (expanded, members) = session.waitForScreen { screen in
            sleepers.allSatisfy { pid in screen.contains { $0.contains(" \(pid) sleep \(marker)") } }
        }
        #expect(expanded, "\(members.joined(separator: "\n"))")

        session.press("x")
        let (asked, question) = session.waitForScreen {
            $0.contains { $0.hasPrefix("Terminate group sleep (5 processes): PID") }
        }
        #expect(asked, "\(question.joined(separator: "\n"))")
        session.press("y")
        for sleeper in sleepers { #expect(Spawn.reap(sleeper, within: 5) == .signaled(SIGTERM)) }
        #expect(Spawn.reap(bystander, within: 1) == nil, "the shell outside the group still runs")
    }
}
