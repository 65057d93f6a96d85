import Glibc

/// The tests' sessions: a shell command in a 120×40 terminal (status line
/// included), with an empty config home of the session's own, so that no test reads
/// or writes the user's settings; the pane stays after the command ends.
extension TmuxSession {
    /// - Parameters:
    ///   - environment: variables for the command, on top of `XDG_CONFIG_HOME=configHome`.
    ///   - recordsExit: run the command under a shell that writes its exit status for
    ///     `exitStatus()` (the command is then that shell's child, not the pane's process).
    convenience init(
        _ command: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:],
        recordsExit: Bool = false
    ) throws {
        var template = Array("/tmp/swtop-config-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw SpawnError("mkdtemp failed") }
        let configHome = String(cString: made)
        self.init(label: "test", owning: configHome)
        let exitFile = Self.exitFile(in: configHome)
        let command =
            recordsExit ? "\(command); echo $? > \(exitFile).part && mv \(exitFile).part \(exitFile)" : command
        let variables = ["XDG_CONFIG_HOME": configHome].merging(environment) { $1 }
        try start([command], width: width, height: height, environment: variables, keepsPaneAfterExit: true)
    }

    /// The command's empty config home.
    var configHome: String { directory ?? "" }

    /// The exit status of a session made with `recordsExit` (128 + N after signal N),
    /// or nil if the command has not ended within `seconds`. (tmux's own
    /// `pane_dead_status` is sometimes left empty when the terminal closes first.)
    func exitStatus(within seconds: Double = 5) -> String? {
        var status: String?
        _ = Clock.wait(upTo: seconds) {
            status = ProcReader.text(Self.exitFile(in: configHome)).map {
                $0.hasSuffix("\n") ? String($0.dropLast()) : $0
            }
            return status != nil
        }
        return status
    }

    private static func exitFile(in directory: String) -> String { directory + "/exit-status" }
}
