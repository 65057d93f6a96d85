import Glibc
import Testing

/// The nice keys in the real view on a multi-threaded child: every thread's nice value
/// in /proc/PID/task/*/stat moves (setpriority is per thread on Linux), and a user
/// lowering their own process's value is told the cause, CAP_SYS_NICE.
@Suite(.serialized) struct ThreadReniceTests {
    static let python = "/usr/bin/python3"
    let swtop: String

    init() throws {
        swtop = try #require(SwtopBinary.path, "swtop binary not found")
        try #require(SwtopBinary.isExecutableFile(Self.python), "no \(Self.python)")
    }

    /// python with three sleeping threads besides its main one; `prefix` runs it as
    /// another user. Returns once all four threads run.
    private func threaded(prefix: [String] = []) throws -> pid_t {
        let code =
            "import threading, time\nfor _ in range(3): threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\ntime.sleep(60)"
        let argv = prefix + [Self.python, "-c", code]
        let pid = try Spawn.start(argv[0], argv)
        _ = Clock.wait(upTo: 10) { Self.niceValues(pid).count == 4 }
        return pid
    }

    /// Each thread's nice value, field 19 of /proc/PID/task/TID/stat.
    static func niceValues(_ pid: pid_t) -> [Int64] {
        guard let directory = opendir("/proc/\(pid)/task") else { return [] }
        defer { closedir(directory) }
        var values: [Int64] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard Int32(name) != nil, let text = ProcReader.text("/proc/\(pid)/task/\(name)/stat"),
                let close = text.lastIndex(of: ")")
            else { continue }
            let fields = text[text.index(after: close)...].split(separator: " ")
            if fields.count > 16, let nice = Int64(fields[16]) { values.append(nice) }
        }
        return values
    }

    /// Runs a program as `uid`, a user without a passwd entry that no other test uses.
    private func asUser(_ uid: Int) throws -> [String] {
        let setpriv = try #require(Spawn.executable("setpriv"))
        return [setpriv, "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups"]
    }

    /// swtop in tmux showing `uid`'s processes only, lowest PID (the child) first and
    /// selected. (`-u`, not a text filter: that would search every process's command
    /// line, slow in a debug build while other tests run processes with huge ones.)
    private func viewer(of uid: Int, child: pid_t, prefix: [String] = []) throws -> TmuxSession {
        let session = try TmuxSession(
            (prefix + [swtop, "-d", "0.5", "-s", "pid", "-u", String(uid)]).joined(separator: " "))
        let (listed, screen) = session.waitForScreen(seconds: 10) { screen in
            let title = screen.firstIndex { $0.contains("PID USER") }
            return title.map {
                screen.count > $0 + 1 && screen[$0 + 1].split(separator: " ").first == Substring(String(child))
            } ?? false
        }
        #expect(listed, "\(screen.joined(separator: "\n"))")
        return session
    }

    @Test func theNiceKeysMoveEveryThread() throws {
        let uid = 64101
        let child = try threaded(prefix: asUser(uid))
        defer { Spawn.kill(child) }
        try #require(Self.niceValues(child).count == 4)
        let session = try viewer(of: uid, child: child)
        session.press("[", "[")
        let raised = Clock.wait(upTo: 5) { Self.niceValues(child) == [2, 2, 2, 2] }
        #expect(raised, "\(Self.niceValues(child)); \(session.screen().joined(separator: "\n"))")
        session.press("F7") // lowering needs CAP_SYS_NICE, which the tests have as root
        let lowered = Clock.wait(upTo: 5) { Self.niceValues(child) == [1, 1, 1, 1] }
        #expect(lowered, "\(Self.niceValues(child)); \(session.screen().joined(separator: "\n"))")
    }

    @Test func loweringOnesOwnProcessNamesCapSysNice() throws {
        let uid = 64102
        let child = try threaded(prefix: asUser(uid))
        defer { Spawn.kill(child) }
        try #require(Self.niceValues(child).count == 4)
        let session = try viewer(of: uid, child: child, prefix: asUser(uid))
        session.press("]")
        let (told, screen) = session.waitForScreen {
            $0.contains { $0.contains("a lower nice value for PID \(child) (python3) needs CAP_SYS_NICE") }
        }
        #expect(told, "\(screen.joined(separator: "\n"))")
        #expect(!screen.contains { $0.contains("belongs to") }, "\(screen.joined(separator: "\n"))")
        #expect(Self.niceValues(child) == [0, 0, 0, 0])
        // Raising it is the user's right: every thread moves.
        session.press("[")
        let raised = Clock.wait(upTo: 5) { Self.niceValues(child) == [1, 1, 1, 1] }
        #expect(raised, "\(Self.niceValues(child)); \(session.screen().joined(separator: "\n"))")
    }
}
