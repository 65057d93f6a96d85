/// What the command line asks for, before anything is checked against the system
/// (whether the user exists, whether the proc root can be read).
public struct LaunchOptions: Equatable, Sendable {
    public var batch = false
    public var json = false
    /// `--csv`: RFC 4180 records (implies batch).
    public var csv = false
    /// `--openmetrics`: Prometheus' text exposition format (implies batch).
    public var openMetrics = false
    /// `--textfile PATH`: the exposition written to PATH, replaced whole every delay.
    public var textfile: String?
    /// `-o/--fields`: the columns of --batch, --csv and --json, in this order.
    public var fields: [OutputField]?
    /// `--top N`: only the first N rows after sorting.
    public var top: Int?
    /// Frames to print in batch mode; nil until interrupted.
    public var iterations: Int?
    /// Seconds between samples.
    public var delay = 1.0
    public var sort = SortKey.cpu
    public var reverse = false
    /// A user name or uid, as typed.
    public var user: String?
    public var tree = false
    /// `--group KIND`: the group table in batch and JSON output, grouped from the start interactively.
    public var group: GroupKind?
    public var noColor = false
    public var noMouse = false
    /// No key acts on processes.
    public var readonly = false
    /// Minutes of samples the interactive view keeps for stepping back while paused.
    public var historyMinutes = 10.0
    /// Seconds between SIGTERM and SIGKILL in a graceful stop.
    public var grace = 5.0
    /// Print what processes write to regular-file stdout and stderr, line by line.
    public var watchOutput = false
    /// `-p/--pid`: only these processes (and their threads).
    public var pids: [Int32]?
    /// `-F/--filter EXPR`, parsed.
    public var filter = FilterExpression.everything
    /// For tests: a directory laid out like /proc. Not in the help.
    public var procRoot = "/proc"
    /// `--config FILE`: read and save the settings there instead of the usual place.
    public var configPath: String?
    /// `--no-config`: neither read nor write a config file.
    public var noConfig = false
    /// `--record FILE`: append every sample there.
    public var recordPath: String?
    /// `--record-max SIZE`, in bytes: rotate to FILE.1 there.
    public var recordMax: UInt64?
    /// `--replay FILE`: show a recording instead of /proc.
    public var replayPath: String?
    /// `--begin` / `--end`, as typed (read against the clock when the replay starts).
    public var begin: String?
    public var end: String?
    /// The settings the command line named, which win over the config file for this run.
    public var given: Set<ConfigurableFlag> = []

    /// Options that a config file can also set.
    public enum ConfigurableFlag: Sendable, Hashable { case sort, reverse, tree, delay }

    public init() {}

    /// Frames go to stdout or a file instead of the interactive view.
    public var printsFrames: Bool { batch || json || csv || openMetrics || textfile != nil }

    /// What `-F`, `-p` and `--top` keep, for every output.
    public var selection: RowSelection { RowSelection(filter: filter, pids: pids.map(Set.init), top: top) }
}

/// The three things a command line can ask for.
public enum LaunchRequest: Equatable, Sendable {
    case run(LaunchOptions)
    case help
    case version
    /// `--completions SHELL`: print that shell's completion script.
    case completions(CompletionScript.Shell)
}

/// A command line that cannot be followed, with the one line that says why.
public struct UsageError: Error, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
