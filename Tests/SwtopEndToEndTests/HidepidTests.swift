import Glibc
import Testing

/// swtop as an unprivileged user on a locked-down /proc: a private proc mount with
/// `hidepid=2` (other users' PID directories are invisible) or `hidepid=1` (listed,
/// but nothing in them can be opened). The mount lives in a mount namespace of its
/// own (`unshare -m`), on a temporary directory given to `--proc-root`, so the
/// machine's /proc and every other test are untouched. Needs root, as in CI: mounting
/// proc and becoming nobody both do.
@Suite(.serialized) struct HidepidTests {
    /// The user swtop runs as, and the processes it owns or not.
    private struct Scene {
        var nobody: UInt32
        var setpriv: String
        var unshare: String
        /// nobody's sleep, started by this (root) test process: its parent is hidden.
        var orphanedSleep: pid_t
        /// nobody's shell with a nobody sleep under it: a parent and child both visible.
        var parentShell: pid_t
        var childSleep: pid_t
        /// root's sleep: never shown.
        var rootSleep: pid_t
    }

    @Test func hidepid2ShowsOnlyOwnProcessesWithHiddenParentsAsRoots() throws {
        try withScene { scene, directory in
            let run = try runSwtop(
                scene, hidepid: 2, directory: directory, ["--json", "--tree", "-n", "2", "-d", "0.2"])
            run.expectSuccess()
            let frames = Frames.parse(run)
            try #require(frames.count == 2)
            try checkOwnProcessesOnly(frames[1], scene: scene)
            // Invisible is invisible: nothing says how many there are.
            #expect(frames[1]["tasks"]?["unreadable"]?.integer == 0)
        }
    }

    @Test func hidepid1LeavesOutAndCountsUnreadableProcesses() throws {
        try withScene { scene, directory in
            let run = try runSwtop(
                scene, hidepid: 1, directory: directory, ["--json", "--tree", "-n", "2", "-d", "0.2"])
            run.expectSuccess()
            let frames = Frames.parse(run)
            try #require(frames.count == 2)
            try checkOwnProcessesOnly(frames[1], scene: scene)
            // Listed but unreadable: at least init, root's sleep and this test process.
            let unreadable = frames[1]["tasks"]?["unreadable"]?.integer ?? -1
            #expect(unreadable >= 3, "unreadable: \(unreadable)")
            #expect(frames[1]["tasks"]?["total"]?.integer == Int64(Frames.processes(frames[1]).count))

            let text = try runSwtop(
                scene, hidepid: 1, directory: directory, ["--batch", "--tree", "-n", "1", "-d", "0.2"])
            text.expectSuccess()
            let tasksLine = text.outputLines.first { $0.hasPrefix("Tasks:") } ?? ""
            #expect(tasksLine.hasSuffix(" unreadable"), "\(tasksLine)")
            #expect(text.outputLines.contains { $0.split(separator: " ").first == "\(scene.childSleep)" })
            #expect(!text.outputLines.contains { $0.split(separator: " ").first == "\(scene.rootSleep)" })
        }
    }

    @Test func interactiveViewRunsOnHidepid1() throws {
        try withScene { scene, directory in
            let command = wrapped(scene, hidepid: 1, directory: directory, ["-d", "0.3"])
            let session = try TmuxSession(command.map { "'\($0)'" }.joined(separator: " "), recordsExit: true)
            let (shown, screen) = session.waitForScreen {
                $0.contains { $0.contains("Tasks:") && $0.contains(" unreadable") }
                    && $0.contains { $0.split(separator: " ").first == "\(scene.childSleep)" }
            }
            #expect(shown, "\(screen.joined(separator: "\n"))")
            #expect(!screen.contains { $0.split(separator: " ").first == "\(scene.rootSleep)" })
            session.press("q")
            #expect(session.exitStatus() == "0", "q did not end swtop with status 0")
        }
    }

    /// Every row is nobody's; the sleep whose parent (root's test process) is hidden
    /// is a root of the tree; the child of a visible parent sits right under it.
    private func checkOwnProcessesOnly(_ frame: JSON, scene: Scene) throws {
        try FrameSchema.check(frame)
        let rows = Frames.processes(frame)
        let strangers = rows.filter { $0["uid"]?.integer != Int64(scene.nobody) }.compactMap { $0["pid"]?.integer }
        #expect(strangers.isEmpty, "processes of other users: \(strangers)")
        #expect(Frames.process(scene.rootSleep, in: frame) == nil, "root's sleep is shown")
        #expect(Frames.duplicatePIDs(frame).isEmpty)

        let orphan = try Frames.require(scene.orphanedSleep, in: frame)
        #expect(orphan["ppid"]?.integer == Int64(getpid()))
        #expect(orphan["depth"]?.integer == 0, "a process whose parent is hidden is a root")
        #expect(orphan["cpu_percent"]?.double != nil, "seen twice, so it has a CPU%")

        let parent = try Frames.require(scene.parentShell, in: frame)
        let child = try Frames.require(scene.childSleep, in: frame)
        #expect(parent["depth"]?.integer == 0)
        #expect(child["depth"]?.integer == 1)
        let pids = Frames.pids(frame)
        let parentIndex = pids.firstIndex(of: Int64(scene.parentShell)) ?? -1
        #expect(pids.firstIndex(of: Int64(scene.childSleep)) == parentIndex + 1, "the child follows its parent")
    }

    /// Runs swtop as nobody in a new mount namespace where `directory/proc` is a
    /// proc mount with the given `hidepid`. swtop is run from a copy in `directory`:
    /// the build directory may be under a home nobody cannot enter.
    private func runSwtop(_ scene: Scene, hidepid: Int, directory: String, _ arguments: [String]) throws -> SwtopRun {
        let argv = wrapped(scene, hidepid: hidepid, directory: directory, arguments)
        return try SwtopRun.run(scene.unshare, argv: argv, recording: ["--proc-root", directory + "/proc"] + arguments)
    }

    /// The command line that mounts the proc and runs swtop as nobody (argv, program included).
    private func wrapped(_ scene: Scene, hidepid: Int, directory: String, _ arguments: [String]) -> [String] {
        let proc = directory + "/proc"
        let script = "mount -t proc -o hidepid=\(hidepid) proc \"$1\" && shift && exec \"$@\""
        return [
            scene.unshare, "--mount", "--propagation", "private", "/bin/sh", "-c", script, "sh", proc,
            scene.setpriv, "--reuid=\(scene.nobody)", "--regid=\(scene.nobody)", "--clear-groups",
            directory + "/swtop", "--proc-root", proc,
        ] + arguments
    }

    /// Starts the processes of the scene, runs `body`, then kills them by PID.
    private func withScene(_ body: (Scene, String) throws -> Void) throws {
        try #require(geteuid() == 0, "mounting proc and running as nobody need root (CI runs as root)")
        let nobody = try #require(ProcReader.uid(ofUser: "nobody"), "no user 'nobody'")
        let setpriv = try #require(Spawn.executable("setpriv"), "setpriv (util-linux) is needed")
        let unshare = try #require(Spawn.executable("unshare"), "unshare (util-linux) is needed")
        let binary = try #require(SwtopBinary.path, "swtop binary not found")

        let directory = try #require(mkdtemp(strdup("/tmp/swtop-hidepid-XXXXXX")).map { String(cString: $0) })
        defer { _ = system("rm -rf '\(directory)'") }
        // nobody must be able to reach the mount point and run the copy.
        chmod(directory, 0o755)
        try #require(mkdir(directory + "/proc", 0o755) == 0)
        try #require(system("cp '\(binary)' '\(directory)/swtop'") == 0, "cannot copy swtop")

        let asNobody = [setpriv, "--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups"]
        let orphan = try Spawn.start(setpriv, asNobody + ["/bin/sleep", "300"])
        defer { Spawn.kill(orphan) }
        // `; :` keeps the shell as the parent instead of exec'ing sleep.
        let shell = try Spawn.start(setpriv, asNobody + ["/bin/sh", "-c", "/bin/sleep 301; :"], newProcessGroup: true)
        defer {
            _ = kill(-shell, SIGKILL)
            Spawn.reap(shell)
        }
        let rootSleep = try Spawn.start("/bin/sleep", ["/bin/sleep", "302"])
        defer { Spawn.kill(rootSleep) }
        try #require(
            Clock.wait(upTo: 5) {
                ProcReader.comm(orphan) == "sleep" && ProcReader.children(of: shell).count == 1
                    && ProcReader.uids(orphan)?.effective == nobody && ProcReader.uids(shell)?.effective == nobody
            }, "nobody's processes did not start")
        let child = try #require(ProcReader.children(of: shell).first)

        try body(
            Scene(
                nobody: nobody, setpriv: setpriv, unshare: unshare, orphanedSleep: orphan,
                parentShell: shell, childSleep: child, rootSleep: rootSleep), directory)
    }
}
