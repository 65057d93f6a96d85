import Glibc

/// A detached tmux session on a private server socket, running one shell command:
/// the way a user sees swtop, driven by `send-keys` and read by `capture-pane`.
final class TmuxSession {
    let socket = "swtop-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    static let tmuxPath = Spawn.executable("tmux")

    /// An empty config home of this session's own, so no test reads or writes the user's settings.
    let configHome: String

    /// Where the command's exit status is written, for sessions that record it.
    private var exitFile: String { configHome + "/exit-status" }

    /// - Parameters:
    ///   - environment: variables for the command, on top of `XDG_CONFIG_HOME=configHome`.
    ///   - recordsExit: run the command under a shell that writes its exit status for
    ///     `exitStatus()` (the command is then that shell's child, not the pane's process).
    init(_ command: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:],
         recordsExit: Bool = false) throws {
        guard Self.tmuxPath != nil else { throw SpawnError(description: "tmux is not installed") }
        var template = Array("/tmp/swtop-config-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw SpawnError(description: "mkdtemp failed") }
        configHome = String(cString: made)
        let exitFile = configHome + "/exit-status"
        let command = recordsExit ? "\(command); echo $? > \(exitFile).part && mv \(exitFile).part \(exitFile)" : command
        let variables = ["XDG_CONFIG_HOME": configHome].merging(environment) { $1 }
        try run(["new-session", "-d", "-s", "main", "-x", String(width), "-y", String(height)]
            + variables.sorted { $0.key < $1.key }.flatMap { ["-e", "\($0.key)=\($0.value)"] } + [command])
        // Keep the pane after the command ends so its last words can be read.
        try run(["set-option", "-t", "main", "remain-on-exit", "on"])
    }

    deinit {
        _ = try? run(["kill-server"])
        _ = system("rm -rf '\(configHome)'")
    }

    /// The visible screen, one string per row.
    func screen() -> [String] {
        ((try? run(["capture-pane", "-p", "-t", "main"])) ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The visible screen with its colors and attributes as terminal escape sequences.
    func styledScreen() -> [String] {
        ((try? run(["capture-pane", "-p", "-e", "-t", "main"])) ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Sends keys by tmux name (`Up`, `F5`, `Escape`) or as literal text.
    func press(_ keys: String...) { _ = try? run(["send-keys", "-t", "main"] + keys) }
    func type(_ text: String) { _ = try? run(["send-keys", "-t", "main", "-l", text]) }
    /// Many keys in one tmux command: they reach the terminal as one burst.
    func press(_ keys: [String]) { _ = try? run(["send-keys", "-t", "main"] + keys) }

    func resize(width: Int, height: Int) {
        _ = try? run(["resize-window", "-t", "main", "-x", String(width), "-y", String(height)])
    }

    func display(_ format: String) -> String {
        let text = (try? run(["display-message", "-p", "-t", "main", format])) ?? ""
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    /// Appends every byte the pane's program writes to the terminal to `path`.
    func record(to path: String) throws {
        try run(["pipe-pane", "-t", "main", "-o", "cat >> '\(path)'"])
    }

    /// Closes the terminal, as closing a terminal window does: the pane's processes get SIGHUP.
    func closeTerminal() { _ = try? run(["kill-server"]) }

    var panePID: pid_t { pid_t(display("#{pane_pid}")) ?? 0 }
    var paneIsDead: Bool { display("#{pane_dead}") == "1" }

    /// The exit status of a session made with `recordsExit` (128 + N after signal N),
    /// or nil if the command has not ended within `seconds`. (tmux's own
    /// `pane_dead_status` is sometimes left empty when the terminal closes first.)
    func exitStatus(within seconds: Double = 5) -> String? {
        var status: String?
        _ = Clock.wait(upTo: seconds) {
            status = ProcReader.text(exitFile).map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }
            return status != nil
        }
        return status
    }

    /// Waits until the screen satisfies `condition`; returns the last screen seen.
    @discardableResult
    func waitForScreen(seconds: Double = 5, _ condition: ([String]) -> Bool) -> (Bool, [String]) {
        var last: [String] = []
        let met = Clock.wait(upTo: seconds) {
            last = screen()
            return condition(last)
        }
        return (met, last)
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        guard let tmux = Self.tmuxPath, let pipe2 = LibC.pipe2 else { throw SpawnError(description: "no tmux or pipe2") }
        var ends: [Int32] = [-1, -1]
        guard pipe2(&ends, O_CLOEXEC) == 0 else { throw SpawnError(description: "pipe2 failed") }
        let pid = try Spawn.start(tmux, arguments: (["tmux", "-L", socket] + arguments).map { Array($0.utf8) },
                                  standardOutput: ends[1])
        close(ends[1])
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(ends[0], $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            output += buffer[..<count]
        }
        close(ends[0])
        Spawn.reap(pid)
        return String(decoding: output, as: UTF8.self)
    }
}
