import CNCurses
import Glibc

/// The terminal's line discipline: how it was, and the mode the view needs.
struct TerminalModes {
    /// As swtop found it; put back exactly on exit (`stty -a` is unchanged).
    let original: termios

    /// Nil when standard input is not a terminal.
    init?() {
        var modes = termios()
        guard tcgetattr(STDIN_FILENO, &modes) == 0 else { return nil }
        original = modes
    }

    /// Keys arrive one by one, unechoed and untranslated (Enter as CR, Ctrl-S and
    /// Ctrl-Q as keys rather than flow control), and a read returns at once when
    /// none is waiting. Ctrl-C, Ctrl-Z and Ctrl-\ still raise their signals.
    func enterViewMode() {
        var modes = original
        modes.c_lflag &= ~tcflag_t(ICANON | ECHO | IEXTEN)
        modes.c_iflag &= ~tcflag_t(ICRNL | INLCR | IXON)
        withUnsafeMutableBytes(of: &modes.c_cc) { characters in
            characters[Int(VMIN)] = 0
            characters[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, TCSADRAIN, &modes)
    }

    func restore() {
        var modes = original
        tcsetattr(STDIN_FILENO, TCSADRAIN, &modes)
    }

    /// Rows and columns of the terminal, from the kernel; nil when it does not know.
    static func windowSize() -> (width: Int, height: Int)? {
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard swtop_window_size(STDOUT_FILENO, &rows, &columns) == 0, rows > 0, columns > 0 else { return nil }
        return (Int(columns), Int(rows))
    }
}
