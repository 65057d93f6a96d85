import Glibc

/// One monitor in a detached tmux session: a real terminal of a fixed size that
/// nobody is watching, read with `capture-pane`. Each session has a tmux server of
/// its own on a private socket, so no user server and no earlier run is involved,
/// and `kill-server` ends all of it.
final class TmuxSession {
    private let tmux: String
    private let socket: String
    private static let session = "bench"
    private var serverPID: pid_t?
    /// Where tmux puts a socket by default; `identifyServer` learns the real path.
    private var socketPath: String

    init(tmux: String) {
        self.tmux = tmux
        // Random as well as the PID: a socket left behind by an earlier bench that
        // had the same PID would otherwise lead to its server.
        socket = "swtop-bench-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
        let directory = getenv("TMUX_TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        socketPath = "\(directory)/tmux-\(getuid())/\(socket)"
    }

    /// Starts the server and a `width`×`height` session running `command` as its
    /// only process, without a shell in between. The status line goes off before
    /// the session exists, so the first frame already has all rows, and no
    /// configuration file is read, so the user's cannot change the terminal.
    func start(_ command: [String], width: Int, height: Int) throws(BenchError) {
        let finished = try Subprocess.run(tmux, ["tmux", "-L", socket, "-f", "/dev/null",
                                                 "set-option", "-g", "status", "off", ";",
                                                 "new-session", "-d", "-s", Self.session,
                                                 "-x", String(width), "-y", String(height), "--"] + command)
        guard finished.succeeded else { throw BenchError("tmux new-session failed for \(command.joined(separator: " "))") }
    }

    /// The visible screen as text, or nil when the session is gone.
    func capture() -> String? {
        guard let finished = try? run(["capture-pane", "-p", "-t", Self.session]), finished.succeeded else { return nil }
        return finished.output
    }

    /// Sends one key, by tmux's name for it (`N`, `Down`, `F5`). True when tmux took it.
    @discardableResult
    func press(_ key: String) -> Bool {
        (try? run(["send-keys", "-t", Self.session, key]))?.succeeded ?? false
    }

    /// The process tmux started for the session's command.
    func panePID() -> pid_t? {
        display("#{pane_pid}").flatMap { pid_t($0) }
    }

    /// Learns the server's PID and socket file while it runs, so that `kill()` can
    /// make sure of both. Outside the timed start: it costs a tmux command.
    func identifyServer() {
        guard let text = display("#{pid} #{socket_path}"), let space = text.firstIndex(of: " "),
              let pid = pid_t(text[..<space]) else { return }
        serverPID = pid
        socketPath = String(text[text.index(after: space)...])
    }

    /// Ends the server and with it the session (tmux hangs up the pane, which ends
    /// the monitor), waits until the server is gone and removes its socket file,
    /// which tmux leaves behind. Safe to call when the server is already gone.
    func kill() {
        _ = try? run(["kill-server"])
        if let serverPID, !Orphans.end(serverPID, graceSeconds: 2) {
            progress("tmux server \(serverPID) did not end even after SIGKILL")
        }
        var info = stat()
        if lstat(socketPath, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK {
            unlink(socketPath)
        }
    }

    private func display(_ format: String) -> String? {
        guard let finished = try? run(["display-message", "-p", "-t", Self.session, format]),
              finished.succeeded else { return nil }
        let text = finished.output
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    private func run(_ arguments: [String]) throws(BenchError) -> Subprocess.Finished {
        try Subprocess.run(tmux, ["tmux", "-L", socket] + arguments)
    }
}
