/// What one run measures, from the command line. Parsed by hand: the bench
/// depends on SwtopCore only, so that it builds and starts like a plain C tool.
struct Arguments: Equatable {
    /// Total process counts to top the system up to, in the order given.
    var levels = [100, 1000, 5000]
    /// Timed repetitions per operation and level (after one warm-up).
    var samples = 20
    var procRoot = "/proc"
    var showsHelp = false

    static let usage = """
        usage: swtop-bench [--levels 100,1000,5000] [--samples K] [--proc-root /proc]

        For each level N, spawns idle child processes until about N processes exist,
        then measures this process's CPU time for one swtop sample (stat only, with
        statm for SHR, and a first sample on a fresh reader) and for a floor loop that
        only fstats each PID directory and reads its stat and statm. Prints a
        Markdown table of median (min) milliseconds. The children are killed on exit.

          --levels LIST   comma-separated process totals (default 100,1000,5000)
          --samples K     timed repetitions per cell (default 20)
          --proc-root DIR proc filesystem to read (default /proc); it must show
                          this PID namespace, since the bench counts its children there
          --help          print this help
        """

    /// Largest level accepted: far above any sensible run, low enough that a typo
    /// (an extra zero or two) cannot try to fork a million processes.
    static let maximumLevel = 100_000

    init() {}

    /// - Parameter arguments: without the program name.
    init(parsing arguments: [String]) throws(UsageError) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            // Accept both `--flag value` and `--flag=value`.
            var flag = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                flag = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            func value() throws(UsageError) -> String {
                if let inlineValue { return inlineValue }
                guard let next = remaining.popFirst() else { throw UsageError("\(flag) needs a value") }
                return next
            }
            switch flag {
            case "--help", "-h":
                showsHelp = true
            case "--levels":
                levels = try Self.parseLevels(value())
            case "--samples":
                let text = try value()
                guard let count = Int(text), (1...10_000).contains(count) else {
                    throw UsageError("--samples wants a whole number from 1 to 10000, not '\(text)'")
                }
                samples = count
            case "--proc-root":
                let path = try value()
                guard !path.isEmpty else { throw UsageError("--proc-root needs a directory") }
                procRoot = path
            default:
                throw UsageError("unknown argument '\(argument)' (try --help)")
            }
        }
    }

    static func parseLevels(_ text: String) throws(UsageError) -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        var levels: [Int] = []
        for part in parts {
            guard let level = Int(part), (1...maximumLevel).contains(level) else {
                throw UsageError("--levels wants comma-separated process counts from 1 to \(maximumLevel), not '\(text)'")
            }
            levels.append(level)
        }
        return levels
    }
}

struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
