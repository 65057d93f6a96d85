/// What one run measures, from the command line, parsed with `BenchOption.table`
/// (by hand, with no argument-parser package: the bench builds and starts like a
/// plain C tool).
struct Arguments: Equatable {
    enum Mode: Equatable {
        /// One swtop sample, timed inside the bench against the floor loop.
        case sample
        /// The interactive monitors, each run in a tmux session and watched from outside.
        case monitors
        /// swtop in tmux on a huge system: key-press latency and refresh interval.
        case huge
        /// Recording beside atop: bytes per sample, and what `--record` adds to the view.
        case record
        /// A long recording opened and moved through in the replay view.
        case replay
    }

    var mode = Mode.sample
    /// Total process counts to top the system up to, in the order given.
    var levels = [100, 1000, 5000]
    /// Timed repetitions per operation and level (after one warm-up).
    var samples = 20
    var procRoot = "/proc"
    /// TCP sockets the bench holds while it times the NET columns.
    var sockets = 5_000
    /// monitors: length of the window over which each monitor's CPU time is taken.
    var seconds = 20
    /// monitors: runs of every monitor at every level; the table shows medians.
    var rounds = 1
    /// monitors, huge: the swtop to measure; nil means the one next to this executable.
    var swtopPath: String?
    /// huge: processes on the system in all, and threads of the one many-threaded process.
    var processes = 10_000
    var threads = 5_000
    /// huge: timed key presses.
    var presses = 20
    /// record: seconds between samples, and samples recorded per level.
    var interval = 10
    var records = 12
    /// replay: hours of samples in the recording.
    var hours = 24
    var showsHelp = false

    static var usage: String {
        """
        usage: swtop-bench [--levels 100,1000,5000] [--samples K] [--sockets 5000] [--proc-root /proc]
               swtop-bench monitors [--levels 100,1000,5000] [--seconds 20] [--rounds 1] [--swtop PATH]
               swtop-bench huge [--processes 10000] [--threads 5000] [--presses 20] [--seconds 20] [--swtop PATH]
               swtop-bench record [--levels 1000] [--interval 10] [--records 12] [--swtop PATH]
               swtop-bench replay [--levels 1000] [--interval 10] [--hours 24] [--presses 20] [--swtop PATH]

        For each level N, spawns idle child processes until about N processes exist
        (they are killed on exit, also on Ctrl-C), then measures:

        Without a mode, this process's CPU time for one swtop sample (stat only, with
        statm for SHR, and a first sample on a fresh reader) and for a floor loop that
        only fstats each PID directory and reads its stat and statm; and what the
        disk, network and pressure meters and a NET column (with --sockets TCP sockets
        open on 127.0.0.1) add to a sample. Prints a Markdown table of median (min)
        milliseconds.

        With `monitors`, the interactive monitors that are installed (swtop, htop -d 10,
        top -d 1, btop with update_ms = 1000), one at a time, in a rotating order: each
        runs in a detached 200x50 tmux session with a fresh temporary HOME. Prints a
        Markdown table of each monitor's CPU milliseconds per refresh (after a 3 s
        warm-up, over the window), its peak RSS and the wall time to its first screen
        with process rows. Needs tmux.

        With `huge`, tops the system up to --processes processes, one of them with
        --threads threads, and runs swtop -d 1 in a 200x50 tmux session with threads
        shown (H). Measures the time from sending a key that re-sorts the table (N)
        to the first captured screen that shows the new order, and, over a window,
        the intervals between refreshes as seen on screen and swtop's CPU time per
        refresh. Raises pid_max, threads-max and RLIMIT_NPROC when they are too low
        and it may (and restores the two sysctls afterwards). Needs tmux.

        With `record`, at each level (default 1000) runs at the same time, for
        --records samples every --interval seconds: `atop -w`, swtop's headless
        recorder (`--record --batch`), and two live views in tmux, one of them with
        --record. Prints each recorder's bytes and CPU per sample and what --record
        adds to the live view's CPU per refresh. Needs tmux and atop.

        With `replay`, at each level (default 1000) writes a recording of --hours at
        --interval from real samples of the machine, opens it with swtop --replay in
        a 200x50 tmux session, and times the first frame (at the start and near the
        end) and the keys } { ) ] to the screen that shows their sample. Needs tmux.

        \(BenchOption.helpLines())
        """
    }

    /// Largest level accepted: far above any sensible run, low enough that a typo
    /// (an extra zero or two) cannot try to fork a million processes.
    static let maximumLevel = 100_000

    init() {}

    /// - Parameter arguments: without the program name.
    init(parsing arguments: [String]) throws(UsageError) {
        var remaining = arguments[...]
        if remaining.first == "monitors" {
            mode = .monitors
            remaining = remaining.dropFirst()
        } else if remaining.first == "huge" {
            mode = .huge
            remaining = remaining.dropFirst()
        } else if remaining.first == "record" || remaining.first == "replay" {
            mode = remaining.first == "record" ? .record : .replay
            levels = [1000]
            remaining = remaining.dropFirst()
        }
        while let argument = remaining.popFirst() {
            // Accept both `--flag value` and `--flag=value`.
            var flag = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                flag = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard
                let option = BenchOption.table.first(where: {
                    "--" + $0.long == flag || $0.short.map { "-\($0)" } == flag
                })
            else { throw UsageError("unknown argument '\(argument)' (try --help)") }
            if !option.modes.contains(mode) {
                let names = option.modes.map { $0 == .sample ? "plain `swtop-bench`" : "`swtop-bench \($0)`" }
                throw UsageError("\(flag) belongs to \(names.joined(separator: " and "))")
            }
            var value = ""
            if option.takesValue {
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard let next = remaining.popFirst() else { throw UsageError("\(flag) needs a value") }
                    value = next
                }
            } else if inlineValue != nil {
                throw UsageError("\(flag) takes no value")
            }
            try apply(option.name, value: value, flag: flag)
        }
    }

    private mutating func apply(_ name: BenchOption.Name, value: String, flag: String) throws(UsageError) {
        switch name {
        case .help:
            showsHelp = true
        case .levels:
            levels = try Self.parseLevels(value)
        case .samples:
            samples = try Self.parseCount(value, flag: flag, range: 1...10_000)
        case .procRoot:
            guard !value.isEmpty else { throw UsageError("--proc-root needs a directory") }
            procRoot = value
        case .seconds:
            seconds = try Self.parseCount(value, flag: flag, range: 1...3600)
        case .rounds:
            rounds = try Self.parseCount(value, flag: flag, range: 1...100)
        case .swtop:
            guard !value.isEmpty else { throw UsageError("--swtop needs the path of a swtop executable") }
            swtopPath = value
        case .processes:
            processes = try Self.parseCount(value, flag: flag, range: 100...Self.maximumLevel)
        case .threads:
            threads = try Self.parseCount(value, flag: flag, range: 1...100_000)
        case .presses:
            presses = try Self.parseCount(value, flag: flag, range: 1...1000)
        case .interval:
            interval = try Self.parseCount(value, flag: flag, range: 1...3600)
        case .records:
            records = try Self.parseCount(value, flag: flag, range: 2...10_000)
        case .hours:
            hours = try Self.parseCount(value, flag: flag, range: 2...168)
        case .sockets:
            sockets = try Self.parseCount(value, flag: flag, range: 0...200_000)
        }
    }

    static func parseLevels(_ text: String) throws(UsageError) -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        var levels: [Int] = []
        for part in parts {
            guard let level = Int(part), (1...maximumLevel).contains(level) else {
                throw UsageError(
                    "--levels wants comma-separated process counts from 1 to \(maximumLevel), not '\(text)'")
            }
            levels.append(level)
        }
        return levels
    }

    private static func parseCount(_ text: String, flag: String, range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let count = Int(text), range.contains(count) else {
            throw UsageError(
                "\(flag) wants a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return count
    }

    /// The options of this run spelled out, defaults included, so the line under a
    /// table reproduces it even if a default changes. Words are quoted for a shell.
    func monitorsCommandLine(program: String) -> String {
        var words = [
            program, "monitors",
            "--levels", levels.map(String.init).joined(separator: ","),
            "--seconds", String(seconds),
            "--rounds", String(rounds),
        ]
        // The default swtop is found relative to the bench, so it needs no path here.
        if let swtopPath { words += ["--swtop", swtopPath] }
        return words.map(Self.shellQuoted).joined(separator: " ")
    }

    private static func shellQuoted(_ word: String) -> String {
        let plain =
            !word.isEmpty
            && word.allSatisfy { character in
                character.isASCII && (character.isLetter || character.isNumber || "-_./,=:+@%".contains(character))
            }
        if plain { return word }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}

struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
