/// Parses swtop's command line the way getopt_long does: `--name value`,
/// `--name=value`, `-n value`, `-nvalue`, clustered short flags (`-bt`), and `--`
/// to end the options. An option's value is always the next argument, even when it
/// starts with `-`, so `-d -1` is reported as a bad delay rather than a missing one.
public enum OptionParser {
    private enum Option: CaseIterable {
        case batch, json, iterations, delay, sort, reverse, user, tree, noColor, noMouse, readonly, grace, watchOutput, pid, procRoot,
             help, version

        var long: String {
            switch self {
            case .batch: "batch"
            case .json: "json"
            case .iterations: "iterations"
            case .delay: "delay"
            case .sort: "sort"
            case .reverse: "reverse"
            case .user: "user"
            case .tree: "tree"
            case .noColor: "no-color"
            case .noMouse: "no-mouse"
            case .readonly: "readonly"
            case .grace: "grace"
            case .watchOutput: "watch-output"
            case .pid: "pid"
            case .procRoot: "proc-root"
            case .help: "help"
            case .version: "version"
            }
        }

        var short: Character? {
            switch self {
            case .batch: "b"
            case .iterations: "n"
            case .delay: "d"
            case .sort: "s"
            case .reverse: "r"
            case .user: "u"
            case .tree: "t"
            case .help: "h"
            default: nil
            }
        }

        var takesValue: Bool {
            switch self {
            case .iterations, .delay, .sort, .user, .grace, .pid, .procRoot: true
            default: false
            }
        }
    }

    public static func parse(_ arguments: [String]) throws(UsageError) -> LaunchRequest {
        var options = LaunchOptions()
        var wantsHelp = false
        var wantsVersion = false
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
                guard let option = Option.allCases.first(where: { $0.long == name }) else {
                    throw UsageError("unknown option '--\(name)'")
                }
                var value: String?
                if name.endIndex < body.endIndex {
                    guard option.takesValue else { throw UsageError("--\(name) takes no value") }
                    value = String(body[body.index(after: name.endIndex)...])
                } else if option.takesValue {
                    value = try nextValue(for: "--\(name)")
                }
                try apply(option, value: value, to: &options, help: &wantsHelp, version: &wantsVersion)
            } else if argument.hasPrefix("-"), argument.count > 1 {
                var letters = argument.dropFirst()
                while let letter = letters.first {
                    letters = letters.dropFirst()
                    guard let option = Option.allCases.first(where: { $0.short == letter }) else {
                        throw UsageError("unknown option '-\(letter)'")
                    }
                    var value: String?
                    if option.takesValue {
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
        if options.pids != nil, !options.watchOutput { throw UsageError("--pid is used only with --watch-output") }
        if options.watchOutput, options.batch || options.json {
            throw UsageError("--watch-output cannot be combined with --batch or --json")
        }
        return .run(options)
    }

    private static func apply(_ option: Option, value: String?, to options: inout LaunchOptions,
                              help: inout Bool, version: inout Bool) throws(UsageError) {
        let value = value ?? ""
        switch option {
        case .batch: options.batch = true
        case .json: options.json = true
        case .reverse: options.reverse = true
        case .tree: options.tree = true
        case .noColor: options.noColor = true
        case .noMouse: options.noMouse = true
        case .readonly: options.readonly = true
        case .watchOutput: options.watchOutput = true
        case .pid: options.pids = (options.pids ?? []) + (try processIDs(value))
        case .help: help = true
        case .version: version = true
        case .user: options.user = value
        case .procRoot: options.procRoot = value
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
        case .grace:
            guard let seconds = Double(value), seconds.isFinite, seconds >= 0, seconds <= 3600 else {
                throw UsageError("--grace must be a number of seconds from 0 to 3600 (got '\(value)')")
            }
            options.grace = seconds
        case .sort:
            guard let key = SortKey(name: value) else {
                throw UsageError("unknown sort key '\(value)'; use one of: \(SortKey.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            options.sort = key
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
