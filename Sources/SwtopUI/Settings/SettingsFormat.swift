/// The config file's text: `key = value` lines, `#` comments, blank lines ignored.
///
/// Reading never fails: a line that cannot be understood gives a warning naming it
/// (`config line 7: …`) and its setting keeps the default, so a half-written or
/// hand-mangled file costs what it got wrong and nothing else.
public enum SettingsFormat {
    public struct Reading: Sendable, Equatable {
        public var settings: Settings
        /// One line per problem, in file order.
        public var warnings: [String]
    }

    public static func read(_ text: String) -> Reading {
        var settings = Settings()
        var warnings: [String] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingWhitespace()
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let warn = { (problem: String) in warnings.append("config line \(offset + 1): \(problem)") }
            guard let equals = line.firstIndex(of: "=") else {
                warn("expected 'key = value', got '\(excerpt(line))'")
                continue
            }
            let key = line[..<equals].trimmingWhitespace().lowercased()
            let value = line[line.index(after: equals)...].trimmingWhitespace()
            if let problem = apply(key: key, value: value, to: &settings) { warn(problem) }
        }
        return Reading(settings: settings, warnings: warnings)
    }

    /// Sets one key; returns what was wrong, if anything (the setting then keeps its default,
    /// or for lists, the entries that were understood).
    private static func apply(key: String, value: String, to settings: inout Settings) -> String? {
        let shown = excerpt(value)
        func flag(_ target: inout Bool) -> String? {
            switch value.lowercased() {
            case "yes", "true", "on", "1": target = true
            case "no", "false", "off", "0": target = false
            default: return "\(key) must be yes or no, not '\(shown)'"
            }
            return nil
        }
        switch key {
        case "columns":
            let (columns, unknown) = columns(from: value)
            guard !columns.isEmpty else { return "no known column in '\(shown)'; using the default columns" }
            settings.preferences.columns = columns
            return unknown.isEmpty
                ? nil : "unknown column \(unknown.map { "'\(Self.excerpt($0))'" }.joined(separator: ", ")) left out"
        case "sort":
            guard let sortKey = SortKey(name: value) else { return "unknown sort key '\(shown)'" }
            settings.sortKey = sortKey
        case "sort_inverted": return flag(&settings.sortInverted)
        case "tree": return flag(&settings.tree)
        case "kernel_threads": return flag(&settings.showsKernelThreads)
        case "userland_threads": return flag(&settings.showsThreads)
        case "highlight_changes": return flag(&settings.preferences.highlightsChanges)
        case "update_process_names": return flag(&settings.preferences.updatesProcessNames)
        case "full_paths": return flag(&settings.preferences.showsFullPaths)
        case "color_scheme":
            guard let scheme = ColorScheme(rawValue: value.lowercased()) else {
                return
                    "unknown color scheme '\(shown)'; use one of: \(ColorScheme.allCases.map(\.rawValue).joined(separator: ", "))"
            }
            settings.preferences.colorScheme = scheme
        case "delay":
            guard let seconds = Double(value), seconds.isFinite, seconds >= 0.1, seconds <= 86_400 else {
                return "delay must be seconds from 0.1 to 86400, not '\(shown)'"
            }
            settings.delay = seconds
        case "meters_left", "meters_right":
            let side: Meter.Side = key == "meters_left" ? .left : .right
            var problems: [String] = []
            var meters: [Meter] = []
            for token in value.split(separator: " ", omittingEmptySubsequences: true) {
                guard let meter = MeterToken.meter(from: String(token), side: side) else {
                    problems.append("unknown meter '\(Self.excerpt(token))'")
                    continue
                }
                // A meter is shown once.
                guard !meters.contains(where: { $0.kind == meter.kind }) else {
                    problems.append("meter '\(Self.excerpt(token))' named twice")
                    continue
                }
                meters.append(meter)
            }
            // This line names the side's meters; one it takes from the other side moves here.
            settings.preferences.meters.removeAll { meter in
                meter.side == side || meters.contains { $0.kind == meter.kind }
            }
            settings.preferences.meters += meters
            return problems.isEmpty ? nil : problems.joined(separator: ", ") + " left out"
        default:
            return "unknown setting '\(Self.excerpt(key))'"
        }
        return nil
    }

    /// What a warning shows of the file's text: a short prefix, escaped. The file may
    /// not be what it claims to be, and its lines go to stderr and the screen.
    static func excerpt(_ text: some StringProtocol) -> String {
        let limit = 16
        return TerminalText.escape(String(text.prefix(limit))) + (text.count > limit ? "…" : "")
    }

    private static func columns(from value: String) -> (known: [TableColumn], unknown: [String]) {
        var known: [TableColumn] = []
        var unknown: [String] = []
        for name in value.split(separator: " ", omittingEmptySubsequences: true) {
            if let column = TableColumn(name: String(name)) {
                if !known.contains(column) { known.append(column) }
            } else {
                unknown.append(String(name))
            }
        }
        return (known, unknown)
    }

    /// The whole file for `settings`, with a comment for each key.
    public static func text(_ settings: Settings) -> String {
        let preferences = settings.preferences
        func yes(_ value: Bool) -> String { value ? "yes" : "no" }
        func meters(_ side: Meter.Side) -> String {
            preferences.meters.filter { $0.side == side }.map(MeterToken.text).joined(separator: " ")
        }
        return """
            # swtop settings, saved when swtop quits after they changed (see swtop(1)).
            # One 'key = value' a line; '#' starts a comment. Unknown or broken lines
            # are reported and left at their defaults.

            # Table columns, left to right: \(TableColumn.allCases.map(\.name).joined(separator: " "))
            columns = \(preferences.columns.map(\.name).joined(separator: " "))
            # Sort key (as for --sort) and whether its order is inverted.
            sort = \(settings.sortKey.rawValue)
            sort_inverted = \(yes(settings.sortInverted))
            tree = \(yes(settings.tree))
            kernel_threads = \(yes(settings.showsKernelThreads))
            userland_threads = \(yes(settings.showsThreads))
            # New processes in one color, exited ones kept a few seconds in another.
            highlight_changes = \(yes(preferences.highlightsChanges))
            # Re-read command lines every refresh (costs a file read per process).
            update_process_names = \(yes(preferences.updatesProcessNames))
            # Show the program's path in Command; 'no' shows its base name.
            full_paths = \(yes(preferences.showsFullPaths))
            # \(ColorScheme.allCases.map(\.rawValue).joined(separator: ", "))
            color_scheme = \(preferences.colorScheme.rawValue)
            # Seconds between refreshes.
            delay = \(settings.delay)
            # Header meters, each NAME:bar or NAME:text: Memory Swap Tasks Load Uptime
            # Frequency ContextSwitches Interrupts Disk(/mount/point) DiskIO NetworkIO
            # Pressure Temperature.
            meters_left = \(meters(.left))
            meters_right = \(meters(.right))

            """
    }
}

/// `Memory:bar`, `Disk(/home):text`: a meter in the config file. A mount point's
/// spaces, backslashes and parentheses are written as octal escapes, as fstab does.
enum MeterToken {
    static func text(_ meter: Meter) -> String {
        var name = meter.kind.name
        if let mount = meter.kind.mountPoint { name += "(" + escape(mount) + ")" }
        return name + ":" + meter.style.rawValue
    }

    static func meter(from token: String, side: Meter.Side) -> Meter? {
        var body = Substring(token)
        var style = Meter.Style.text
        if let colon = body.lastIndex(of: ":"), !body[colon...].contains(")") {
            guard let parsed = Meter.Style(rawValue: body[body.index(after: colon)...].lowercased()) else { return nil }
            style = parsed
            body = body[..<colon]
        }
        var argument: String?
        if let open = body.firstIndex(of: "(") {
            guard body.last == ")" else { return nil }
            argument = unescape(body[body.index(after: open)..<body.index(before: body.endIndex)])
            body = body[..<open]
        }
        let name = body.lowercased()
        if name == "disk" {
            guard let argument, argument.hasPrefix("/") else { return nil }
            return Meter(.disk(argument), style, side)
        }
        guard argument == nil,
            let kind = Meter.offered.first(where: { $0.name.lowercased() == name && $0.mountPoint == nil })
        else { return nil }
        return Meter(kind, style, side)
    }

    private static func escape(_ path: String) -> String {
        var result = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case " ", "\\", "(", ")", "\t", "\n", "#":
                let octal = String(scalar.value, radix: 8)
                result += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func unescape(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "\\"), utf8.count >= 3,
                let value = UInt8(String(decoding: utf8.prefix(3), as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        let isSpace = { (character: Character) in character == " " || character == "\t" || character == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
