/// A line a process wrote, made safe to print by `--watch-output`: escaped like all
/// process text (`TerminalText`), except that TAB stays a TAB (it cannot move the
/// cursor anywhere a line feed would) and one CR before the line's end is dropped
/// (a CRLF line ending). The follower doubles `\` first when the output is read by a
/// program, so that every `\` that remains starts an escape.
public enum OutputLineText {
    public static func escape(_ line: String, isCut: Bool) -> String {
        var text = Substring(line)
        if !isCut, text.unicodeScalars.last == "\r" { text = Substring(text.unicodeScalars.dropLast()) }
        guard text.unicodeScalars.contains("\t") else { return TerminalText.escape(String(text)) }
        return text.split(separator: "\t", omittingEmptySubsequences: false)
            .map { TerminalText.escape(String($0)) }
            .joined(separator: "\t")
    }
}
