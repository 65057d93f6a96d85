import Glibc
import SwtopCore

/// One command in a detached tmux session: a real terminal of a fixed size that
/// nobody is watching, driven by `send-keys` and read by `capture-pane`. Each
/// session has a tmux server of its own on a private socket, so no user server and
/// no earlier run is involved, and closing the terminal ends all of it. No
/// configuration file is read, so the user's cannot change the terminal.
public final class TmuxSession {
    public static let tmuxPath = Spawn.executable("tmux")
    private static let session = "main"

    /// The private server's socket name (`tmux -L`).
    public let socket: String
    /// A directory that belongs to the session, removed with everything in it once
    /// the session is done (for what its command reads and writes).
    public let directory: String?
    private let tmux: String?
    private var serverPID: pid_t?
    /// Where tmux puts a socket by default; `identifyServer` learns the real path.
    private var socketPath: String
    private var closed = false

    /// A session not started yet. `label` goes into the socket name, which tells
    /// whose a leftover server is.
    public init(label: String, tmux: String? = TmuxSession.tmuxPath, owning directory: String? = nil) {
        self.tmux = tmux
        self.directory = directory
        // Random as well as the PID: a socket left behind by an earlier run that had
        // the same PID would otherwise lead to its server.
        socket = "swtop-\(label)-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
        let base = getenv("TMUX_TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        socketPath = "\(base)/tmux-\(getuid())/\(socket)"
    }

    deinit {
        closeTerminal()
        if let directory, let pid = try? Spawn.start("/bin/rm", ["rm", "-rf", "--", directory]) { Spawn.reap(pid) }
    }

    /// Starts the server and a `width`×`height` session running `command`: one
    /// string is run by the shell, several are argv, with no shell in between.
    /// - Parameters:
    ///   - environment: variables set for the command.
    ///   - statusLine: tmux's status line, which takes the bottom row.
    ///   - keepsPaneAfterExit: keep the pane after the command ends (`remain-on-exit`),
    ///     so that its last words can be read.
    public func start(
        _ command: [String], width: Int, height: Int, environment: [String: String] = [:],
        statusLine: Bool = true, keepsPaneAfterExit: Bool = false
    ) throws(SpawnError) {
        // The options are set before the session exists, so that its first frame
        // already has all rows and a command that ends at once still leaves its pane.
        var arguments = ["-f", "/dev/null"]
        if !statusLine { arguments += ["set-option", "-g", "status", "off", ";"] }
        if keepsPaneAfterExit { arguments += ["set-option", "-g", "remain-on-exit", "on", ";"] }
        arguments += ["new-session", "-d", "-s", Self.session, "-x", String(width), "-y", String(height)]
        arguments += environment.sorted { $0.key < $1.key }.flatMap { ["-e", "\($0.key)=\($0.value)"] }
        let finished = try run(arguments + ["--"] + command)
        guard finished.succeeded else {
            throw SpawnError("tmux new-session failed (\(finished.status)) for \(command.joined(separator: " "))")
        }
    }

    /// The visible screen as text, with its colors and attributes as escape
    /// sequences when `styled`; nil when the session is gone.
    public func capture(styled: Bool = false) -> String? {
        guard let finished = try? run(["capture-pane", "-p"] + (styled ? ["-e"] : []) + ["-t", Self.session]),
            finished.succeeded
        else { return nil }
        return finished.output
    }

    /// The visible screen, one string per row (one empty row when the session is gone).
    public func screen() -> [String] {
        rows(capture() ?? "")
    }

    /// The same with colors and attributes as terminal escape sequences.
    public func styledScreen() -> [String] {
        rows(capture(styled: true) ?? "")
    }

    /// Waits until the screen satisfies `condition`; returns the last screen seen.
    @discardableResult
    public func waitForScreen(seconds: Double = 5, _ condition: ([String]) -> Bool) -> (Bool, [String]) {
        var last: [String] = []
        let met = MonotonicClock.wait(upTo: seconds) {
            last = screen()
            return condition(last)
        }
        return (met, last)
    }

    /// Sends keys by tmux's name for them (`N`, `Up`, `F5`, `Escape`) or as literal
    /// text; several in one tmux command reach the terminal as one burst. True when
    /// tmux took them.
    @discardableResult
    public func press(_ keys: [String]) -> Bool {
        (try? run(["send-keys", "-t", Self.session] + keys))?.succeeded ?? false
    }

    @discardableResult
    public func press(_ keys: String...) -> Bool { press(keys) }

    /// Types `text` as it is, with no key names.
    @discardableResult
    public func type(_ text: String) -> Bool {
        (try? run(["send-keys", "-t", Self.session, "-l", text]))?.succeeded ?? false
    }

    public func resize(width: Int, height: Int) {
        _ = try? run(["resize-window", "-t", Self.session, "-x", String(width), "-y", String(height)])
    }

    /// A tmux format (`#{pane_title}`) expanded for the session; empty when it is gone.
    public func display(_ format: String) -> String {
        guard let finished = try? run(["display-message", "-p", "-t", Self.session, format]),
            finished.succeeded
        else { return "" }
        let text = finished.output
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    /// The process tmux started for the session's command; 0 when the session is gone.
    public var panePID: pid_t { pid_t(display("#{pane_pid}")) ?? 0 }
    /// The command has ended (seen only with `keepsPaneAfterExit`).
    public var paneIsDead: Bool { display("#{pane_dead}") == "1" }

    /// Appends every byte the pane's program writes to the terminal to `path`.
    public func record(to path: String) throws(SpawnError) {
        let finished = try run(["pipe-pane", "-t", Self.session, "-o", "cat >> '\(path)'"])
        guard finished.succeeded else { throw SpawnError("tmux pipe-pane failed (\(finished.status))") }
    }

    /// Learns the server's PID and socket file while it runs, so that `closeTerminal`
    /// can make sure of both. Costs a tmux command (keep it out of timings).
    public func identifyServer() {
        let text = display("#{pid} #{socket_path}")
        guard let space = text.firstIndex(of: " "), let pid = pid_t(text[..<space]) else { return }
        serverPID = pid
        socketPath = String(text[text.index(after: space)...])
    }

    /// Closes the terminal, as closing a terminal window does: the server ends, and
    /// the pane's processes get SIGHUP. Waits until the server is gone (when
    /// `identifyServer` found it) and removes its socket file, which tmux leaves
    /// behind. Safe to call again, or when the server is already gone. False when
    /// the server did not end even after SIGKILL.
    @discardableResult
    public func closeTerminal() -> Bool {
        guard !closed else { return true }
        closed = true
        _ = try? run(["kill-server"])
        let serverEnded = serverPID.map { Spawn.end($0, graceSeconds: 2) } ?? true
        var info = stat()
        if lstat(socketPath, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK {
            unlink(socketPath)
        }
        return serverEnded
    }

    private func run(_ arguments: [String]) throws(SpawnError) -> Spawn.Finished {
        guard let tmux else { throw SpawnError("tmux is not installed") }
        return try Spawn.run(tmux, ["tmux", "-L", socket] + arguments)
    }

    private func rows(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
