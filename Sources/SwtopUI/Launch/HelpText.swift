/// `swtop --help`.
public enum HelpText {
    public static var text: String {
        """
        swtop: an interactive process monitor for Linux.

        Usage: swtop [options]

        Options:
        \(optionLines(OptionParser.options, width: 80))

        CPU% counts one busy core as 100%, from the difference between two samples;
        MEM% is resident memory over MemTotal. In the view, F1 or h lists every key.

        """
    }

    /// One entry per option that has help: its names, then its help from a common
    /// column on, broken into lines of at most `width` columns.
    static func optionLines(_ options: [CommandLineOption], width: Int) -> String {
        let shown = options.filter { $0.help != nil }
        let column = 2 + (shown.map(\.names.count).max() ?? 0) + 3
        return shown.map { option in
            let help = wrapped(option.help ?? "", indent: column, width: width)
            let gap = String(repeating: " ", count: column - 2 - option.names.count)
            return "  " + option.names + gap + help.dropFirst(column)
        }.joined(separator: "\n")
    }

    /// `text` broken at spaces into lines of at most `width` columns, each indented.
    static func wrapped(_ text: String, indent: Int, width: Int) -> String {
        let margin = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, indent + line.count + 1 + word.count > width {
                lines.append(margin + line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty { lines.append(margin + line) }
        return lines.joined(separator: "\n")
    }
}
