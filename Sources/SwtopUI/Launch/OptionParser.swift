/// Parses swtop's command line the way getopt_long does: `--name value`,
/// `--name=value`, `-n value`, `-nvalue`, clustered short flags (`-bt`), and `--`
/// to end the options. An option's value is always the next argument, even when it
/// starts with `-`, so `-d -1` is reported as a bad delay rather than a missing one.
public enum OptionParser {
    private enum Option: CaseIterable {
        case batch, json, csv, openMetrics, textfile, fields, top, iterations, delay, sort, reverse, user, filter, tree,
            group,
            noColor, noMouse, readonly, grace, watchOutput, pid, procRoot, config, noConfig, record, recordMax, replay,
            begin, end, history, completions, help, version

        /// Its names, its value and its help: the one table that both the parser and
        /// `--help` read.
        var spec: CommandLineOption {
            switch self {
            case .batch:
                CommandLineOption("batch", short: "b", help: "Print plain-text frames, not the interactive view.")
            case .json: CommandLineOption("json", help: "One JSON object per frame and line (implies -b).")
            case .csv:
                CommandLineOption("csv", help: "RFC 4180 CSV with a header: raw numbers, bytes as bytes (implies -b).")
            case .openMetrics:
                CommandLineOption(
                    "openmetrics",
                    help: "Prometheus text exposition format: system series, and process series "
                        + "for the rows -F, -p and --top keep (implies -b).")
            case .textfile:
                CommandLineOption(
                    "textfile", value: "PATH",
                    help: "Write that exposition to PATH (a .prom file), replaced "
                        + "atomically every delay, for node_exporter's textfile collector.")
            case .fields:
                CommandLineOption(
                    "fields", short: "o", value: "FIELD,...",
                    help: "The columns of --batch, --csv and --json, in order (names as for --sort).")
            case .top: CommandLineOption("top", value: "N", help: "Only the first N processes after sorting.")
            case .iterations:
                CommandLineOption(
                    "iterations", short: "n", value: "COUNT",
                    help: "Print this many frames, then exit (default: until interrupted).")
            case .delay:
                CommandLineOption(
                    "delay", short: "d", value: "SECONDS",
                    help: "Seconds between samples, 0.1 or more (default: 1).")
            case .sort:
                CommandLineOption(
                    "sort", short: "s", value: "KEY",
                    help: "Sort by this column (default: cpu). Keys: "
                        + SortKey.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            case .reverse: CommandLineOption("reverse", short: "r", help: "Invert the sort order.")
            case .user:
                CommandLineOption(
                    "user", short: "u", value: "USER",
                    help: "Show only the processes of this user (name or uid).")
            case .filter:
                CommandLineOption(
                    "filter", short: "F", value: "EXPR",
                    help: "Show only the processes the filter keeps: words, cpu>50, res>=100M, user=root, "
                        + "comm~^python, not, and, or, ( ).")
            case .tree: CommandLineOption("tree", short: "t", help: "Show processes as a tree.")
            case .group:
                CommandLineOption(
                    "group", value: "KIND",
                    help: "Group processes: "
                        + GroupKind.allCases.map(\.rawValue).joined(separator: ", ")
                        + " (--batch prints the group table, --json adds \"groups\").")
            case .noColor: CommandLineOption("no-color", help: "Monochrome display (also when NO_COLOR is set).")
            case .noMouse: CommandLineOption("no-mouse", help: "Do not use the mouse.")
            case .readonly: CommandLineOption("readonly", help: "Turn off every key that acts on processes.")
            case .grace:
                CommandLineOption(
                    "grace", value: "SECONDS",
                    help: "Between SIGTERM and SIGKILL in a graceful stop (G); default: 5.")
            case .watchOutput:
                CommandLineOption(
                    "watch-output",
                    help: "Print each new line that processes write to a regular-file "
                        + "stdout or stderr, as [PID command] line; pipes, sockets and terminals are never read.")
            case .pid:
                CommandLineOption(
                    "pid", short: "p", value: "PID,...", help: "Show only these processes (and their threads).")
            // For tests: a directory laid out like /proc. Not in the help.
            case .procRoot: CommandLineOption("proc-root", value: "DIR", help: nil)
            case .config:
                CommandLineOption(
                    "config", value: "FILE",
                    help: "Read and save settings in FILE (default: $XDG_CONFIG_HOME/swtop/config).")
            case .noConfig: CommandLineOption("no-config", help: "Neither read nor save a config file.")
            case .record:
                CommandLineOption(
                    "record", value: "FILE", help: "Append every sample to the recording FILE (with the view or -b).")
            case .recordMax:
                CommandLineOption(
                    "record-max", value: "SIZE",
                    help: "With --record: at SIZE bytes (K, M, G) move FILE to FILE.1 and start anew.")
            case .replay:
                CommandLineOption("replay", value: "FILE", help: "Show the recording FILE instead of this machine.")
            case .begin:
                CommandLineOption(
                    "begin", value: "TIME", help: "With --replay: start at TIME (10:30, -15m, yesterday 23:00).")
            case .end: CommandLineOption("end", value: "TIME", help: "With --replay: stop at TIME.")
            case .history:
                CommandLineOption(
                    "history", value: "MINUTES",
                    help: "Keep this many minutes of samples to step back through while paused (Z); 0: none; "
                        + "default: 10.")
            case .completions:
                CommandLineOption(
                    "completions", value: "SHELL", help: "Print a completion script for bash, zsh or fish, and exit.")
            case .help: CommandLineOption("help", short: "h", help: "Show this help.")
            case .version: CommandLineOption("version", help: "Show the versions of swtop and of its curses library.")
            }
        }
    }

    /// Every option, in the order `--help` lists them.
    static var options: [CommandLineOption] { Option.allCases.map(\.spec) }

    public static func parse(_ arguments: [String]) throws(UsageError) -> LaunchRequest {
        var options = LaunchOptions()
        var wantsHelp = false
        var wantsVersion = false
        var completions: CompletionScript.Shell?
        var index = arguments.startIndex
        func nextValue(for name: String) throws(UsageError) -> String {
            index += 1
            guard index < arguments.endIndex else { throw UsageError("\(name) needs a value") }
            return arguments[index]
        }

        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" {
                if index + 1 < arguments.endIndex { throw UsageError("unexpected argument '\(arguments[index + 1])'") }
                break
            } else if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                let name = body.prefix { $0 != "=" }
                guard let option = Option.allCases.first(where: { $0.spec.long == name }) else {
                    throw UsageError("unknown option '--\(name)'")
                }
                var value: String?
                if name.endIndex < body.endIndex {
                    guard option.spec.takesValue else { throw UsageError("--\(name) takes no value") }
                    value = String(body[body.index(after: name.endIndex)...])
                } else if option.spec.takesValue {
                    value = try nextValue(for: "--\(name)")
                }
                if option == .completions {
                    guard let shell = CompletionScript.Shell(rawValue: value ?? "") else {
                        throw UsageError("--completions takes bash, zsh or fish (got '\(value ?? "")')")
                    }
                    completions = shell
                }
                try apply(option, value: value, to: &options, help: &wantsHelp, version: &wantsVersion)
            } else if argument.hasPrefix("-"), argument.count > 1 {
                var letters = argument.dropFirst()
                while let letter = letters.first {
                    letters = letters.dropFirst()
                    guard let option = Option.allCases.first(where: { $0.spec.short == letter }) else {
                        throw UsageError("unknown option '-\(letter)'")
                    }
                    var value: String?
                    if option.spec.takesValue {
                        value = letters.isEmpty ? try nextValue(for: "-\(letter)") : String(letters)
                        letters = ""
                    }
                    try apply(option, value: value, to: &options, help: &wantsHelp, version: &wantsVersion)
                }
            } else {
                throw UsageError("unexpected argument '\(argument)'")
            }
            index += 1
        }
        if wantsHelp { return .help }
        if wantsVersion { return .version }
        if let completions { return .completions(completions) }
        if options.watchOutput, options.printsFrames {
            throw UsageError(
                "--watch-output cannot be combined with --batch, --csv, --json, --openmetrics or --textfile")
        }
        let formats = [("--csv", options.csv), ("--json", options.json), ("--openmetrics", options.openMetrics)].filter(
            \.1)
        if formats.count > 1 {
            throw UsageError("\(formats[0].0) and \(formats[1].0) cannot be combined: choose one format")
        }
        if options.textfile != nil, options.csv || options.json {
            throw UsageError("--textfile writes the OpenMetrics format; it cannot be combined with --csv or --json")
        }
        if options.fields != nil,
            !(options.batch || options.json || options.csv) || options.openMetrics || options.textfile != nil
        {
            throw UsageError("--fields is for --batch, --csv and --json")
        }
        if options.fields != nil, options.group != nil, !options.json {
            throw UsageError("--fields picks process columns, which --group replaces with its own (but in --json)")
        }
        try checkHistory(options)
        return .run(options)
    }

    private static func checkHistory(_ options: LaunchOptions) throws(UsageError) {
        if options.recordMax != nil, options.recordPath == nil {
            throw UsageError("--record-max is used only with --record")
        }
        if options.replayPath != nil, options.recordPath != nil {
            throw UsageError("--replay cannot be combined with --record")
        }
        if options.replayPath == nil, options.begin != nil || options.end != nil {
            throw UsageError("--begin and --end are used only with --replay")
        }
        if options.replayPath != nil, options.watchOutput {
            throw UsageError("--replay cannot be combined with --watch-output")
        }
    }

    private static func apply(
        _ option: Option, value: String?, to options: inout LaunchOptions,
        help: inout Bool, version: inout Bool
    ) throws(UsageError) {
        let value = value ?? ""
        switch option {
        case .batch: options.batch = true
        case .json: options.json = true
        case .csv: options.csv = true
        case .openMetrics: options.openMetrics = true
        case .textfile:
            guard !value.isEmpty else { throw UsageError("--textfile needs a file name") }
            options.textfile = value
        case .fields: options.fields = try OutputField.list(value)
        case .top:
            guard let count = Int(value), count >= 1 else {
                throw UsageError("--top must be a whole number, 1 or more (got '\(value)')")
            }
            options.top = count
        case .reverse:
            options.reverse = true
            options.given.insert(.reverse)
        case .tree:
            options.tree = true
            options.given.insert(.tree)
        case .noColor: options.noColor = true
        case .noMouse: options.noMouse = true
        case .readonly: options.readonly = true
        case .watchOutput: options.watchOutput = true
        case .pid: options.pids = (options.pids ?? []) + (try processIDs(value))
        case .help: help = true
        case .completions: break // read by parse, which returns it
        case .version: version = true
        case .user: options.user = value
        case .filter:
            do {
                options.filter = try FilterExpression(parsing: value)
            } catch {
                throw UsageError(error.description)
            }
        case .procRoot: options.procRoot = value
        case .noConfig: options.noConfig = true
        case .config:
            guard !value.isEmpty else { throw UsageError("--config needs a file name") }
            options.configPath = value
        case .record:
            guard !value.isEmpty else { throw UsageError("--record needs a file name") }
            options.recordPath = value
        case .recordMax:
            guard let bytes = ByteSize.parse(value), bytes >= 4096 else {
                throw UsageError("--record-max must be a size of 4K or more, such as 100M (got '\(value)')")
            }
            options.recordMax = bytes
        case .history:
            guard let minutes = Double(value), minutes.isFinite, minutes >= 0, minutes <= 10_080 else {
                throw UsageError("--history must be a number of minutes from 0 to 10080 (got '\(value)')")
            }
            options.historyMinutes = minutes
        case .replay:
            guard !value.isEmpty else { throw UsageError("--replay needs a file name") }
            options.replayPath = value
        case .begin:
            guard TimeSpecification(value) != nil else { throw UsageError("--begin: cannot read the time '\(value)'") }
            options.begin = value
        case .end:
            guard TimeSpecification(value) != nil else { throw UsageError("--end: cannot read the time '\(value)'") }
            options.end = value
        case .iterations:
            guard let count = Int(value), count >= 1 else {
                throw UsageError("--iterations must be a whole number, 1 or more (got '\(value)')")
            }
            options.iterations = count
        case .delay:
            guard let seconds = Double(value), seconds.isFinite, seconds >= 0.1 else {
                throw UsageError("--delay must be a number of seconds, 0.1 or more (got '\(value)')")
            }
            guard seconds <= 86_400 else { throw UsageError("--delay must be at most 86400 seconds (got '\(value)')") }
            options.delay = seconds
            options.given.insert(.delay)
        case .grace:
            guard let seconds = Double(value), seconds.isFinite, seconds >= 0, seconds <= 3600 else {
                throw UsageError("--grace must be a number of seconds from 0 to 3600 (got '\(value)')")
            }
            options.grace = seconds
        case .group:
            guard let kind = GroupKind(rawValue: value) else {
                throw UsageError(
                    "unknown group '\(value)'; use one of: \(GroupKind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            options.group = kind
        case .sort:
            guard let key = SortKey(name: value) else {
                throw UsageError(
                    "unknown sort key '\(value)'; use one of: \(SortKey.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            options.sort = key
            options.given.insert(.sort)
        }
    }

    /// `--pid 12,345`: positive process ids separated by commas; repeating the option adds more.
    private static func processIDs(_ value: String) throws(UsageError) -> [Int32] {
        let parts = value.split(separator: ",", omittingEmptySubsequences: false)
        let pids = parts.compactMap { Int32($0) }.filter { $0 > 0 }
        guard !value.isEmpty, pids.count == parts.count else {
            throw UsageError("--pid needs process ids separated by commas (got '\(value)')")
        }
        return pids
    }
}
