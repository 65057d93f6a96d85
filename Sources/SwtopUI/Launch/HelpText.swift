/// `swtop --help`.
public enum HelpText {
    public static var text: String {
        """
        swtop: an interactive process monitor for Linux.

        Usage: swtop [options]

        Options:
          -b, --batch              Print plain-text frames, not the interactive view.
              --json               One JSON object per frame and line (implies -b).
          -n, --iterations COUNT   Print this many frames, then exit (default: until
                                   interrupted).
          -d, --delay SECONDS      Seconds between samples, 0.1 or more (default: 1).
          -s, --sort KEY           Sort by this column (default: cpu). Keys:
        \(wrapped(SortKey.allCases.map(\.rawValue).joined(separator: ", ") + ".", indent: 27, width: 80))
          -r, --reverse            Invert the sort order.
          -u, --user USER          Show only the processes of this user (name or uid).
          -t, --tree               Show processes as a tree.
              --no-color           Monochrome display (also when NO_COLOR is set).
              --no-mouse           Do not use the mouse.
              --readonly           Turn off every key that acts on processes.
              --grace SECONDS      Between SIGTERM and SIGKILL in a graceful stop (G);
                                   default: 5.
              --watch-output       Print each new line that processes write to a
                                   regular-file stdout or stderr, as [PID command]
                                   line; pipes, sockets and terminals are never read.
              --pid PID,...        With --watch-output: only these processes.
          -h, --help               Show this help.
              --version            Show the versions of swtop and of its curses library.

        CPU% counts one busy core as 100%, from the difference between two samples;
        MEM% is resident memory over MemTotal. In the view, F1 or h lists every key.

        """
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
