/// One option of the bench: its name, the name of its value and its help sentence
/// in one place, as swtop's `CommandLineOption` has them, plus the modes it belongs
/// to; `Arguments` parses with the table and prints its help from it.
///
/// A copy of that shape rather than one shared type: swtop's lives in SwtopUI,
/// which the bench does not link (the bench measures its own CPU time and peak RSS,
/// and keeps them to what sampling costs), and SwtopCore, the one module both link,
/// reads /proc and has no business with command lines. What the two share is a
/// struct of four fields, not worth a dependency either way.
struct BenchOption {
    enum Name: CaseIterable {
        case levels, samples, sockets, procRoot, seconds, rounds, swtop, processes, threads, presses, interval, records,
            hours
        case help
    }

    let name: Name
    let long: String
    let short: Character?
    /// The value's name in the help; nil for an option without a value.
    let valueName: String?
    /// What it does; a line break starts a continuation line.
    let help: String
    /// The modes that take it: a flag of another mode would be silently useless.
    let modes: [Arguments.Mode]

    var takesValue: Bool { valueName != nil }

    /// `--levels LIST`.
    var names: String {
        (short.map { "-\($0), " } ?? "") + "--" + long + (valueName.map { " " + $0 } ?? "")
    }

    /// Every option, in the order of the help.
    static let table: [BenchOption] = Name.allCases.map(\.option)

    /// The help's option lines: names, then help from one column on; an option
    /// that some modes do not take says which ones do.
    static func helpLines() -> String {
        let column = 2 + (table.map(\.names.count).max() ?? 0) + 2
        let margin = String(repeating: " ", count: column)
        return table.map { option in
            var help = option.help
            if !option.modes.contains(.sample) {
                help = option.modes.map { "\($0)" }.joined(separator: ", ") + ": " + help
            }
            let lines = help.split(separator: "\n")
            let gap = String(repeating: " ", count: column - 2 - option.names.count)
            return (["  " + option.names + gap + (lines.first ?? "")] + lines.dropFirst().map { margin + $0 })
                .joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

extension BenchOption.Name {
    /// The table itself: one entry per option.
    var option: BenchOption {
        let all: [Arguments.Mode] = [.sample, .monitors, .huge, .record, .replay]
        switch self {
        case .levels:
            return BenchOption(
                name: self, long: "levels", short: nil, valueName: "LIST",
                help: "comma-separated process totals (default 100,1000,5000;\nrecord, replay: 1000)",
                modes: [.sample, .monitors, .record, .replay])
        case .samples:
            return BenchOption(
                name: self, long: "samples", short: nil, valueName: "K",
                help: "timed repetitions per cell (default 20)", modes: [.sample])
        case .sockets:
            return BenchOption(
                name: self, long: "sockets", short: nil, valueName: "N",
                help: "TCP sockets held open while the NET column is\ntimed (default 5000)",
                modes: [.sample])
        case .procRoot:
            return BenchOption(
                name: self, long: "proc-root", short: nil, valueName: "DIR",
                help: "proc filesystem to read (default /proc); it must show\n"
                    + "this PID namespace, since the bench counts its children there",
                modes: [.sample])
        case .seconds:
            return BenchOption(
                name: self, long: "seconds", short: nil, valueName: "S",
                help: "CPU window per run in seconds (default 20)", modes: [.monitors, .huge])
        case .rounds:
            return BenchOption(
                name: self, long: "rounds", short: nil, valueName: "R",
                help: "runs per monitor and level; medians are shown\n(default 1)",
                modes: [.monitors])
        case .swtop:
            return BenchOption(
                name: self, long: "swtop", short: nil, valueName: "PATH",
                help: "the swtop to measure (default: the swtop next\nto this swtop-bench)",
                modes: [.monitors, .huge, .record, .replay])
        case .processes:
            return BenchOption(
                name: self, long: "processes", short: nil, valueName: "N",
                help: "processes on the system (default 10000)", modes: [.huge])
        case .threads:
            return BenchOption(
                name: self, long: "threads", short: nil, valueName: "N",
                help: "threads of the one many-threaded process (default 5000)", modes: [.huge])
        case .presses:
            return BenchOption(
                name: self, long: "presses", short: nil, valueName: "N",
                help: "timed key presses (default 20)", modes: [.huge, .replay])
        case .interval:
            return BenchOption(
                name: self, long: "interval", short: nil, valueName: "S",
                help: "seconds between recorded samples (default 10)", modes: [.record, .replay])
        case .records:
            return BenchOption(
                name: self, long: "records", short: nil, valueName: "N",
                help: "samples recorded per level (default 12)", modes: [.record])
        case .hours:
            return BenchOption(
                name: self, long: "hours", short: nil, valueName: "H",
                help: "hours the recording spans (default 24)", modes: [.replay])
        case .help:
            return BenchOption(
                name: self, long: "help", short: "h", valueName: nil, help: "print this help", modes: all)
        }
    }
}
