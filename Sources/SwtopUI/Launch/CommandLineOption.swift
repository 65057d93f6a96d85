/// One option of swtop's command line: its names, the name of its value and the
/// sentence `--help` shows for it, in one place, so that the parser and the help
/// cannot drift apart.
struct CommandLineOption: Sendable {
    let long: String
    let short: Character?
    /// The value's name in the help (`SECONDS`); nil for an option without a value.
    let valueName: String?
    /// What the option does, for `--help`; nil keeps it out of the help (options for tests).
    let help: String?

    init(_ long: String, short: Character? = nil, value valueName: String? = nil, help: String?) {
        self.long = long
        self.short = short
        self.valueName = valueName
        self.help = help
    }

    var takesValue: Bool { valueName != nil }

    /// `-n, --iterations COUNT`, or `    --json` without a short name, so that long names line up.
    var names: String {
        (short.map { "-\($0), " } ?? "    ") + "--" + long + (valueName.map { " " + $0 } ?? "")
    }
}
