/// The escape sequences swtop sends, as the terminal spells them. Read from the
/// terminfo database for TERM (`Terminfo.load`); tests build one by hand.
struct TerminalCapabilities: Sendable {
    /// The alternate screen (smcup/rmcup): the shell's screen comes back on exit.
    var enterFullScreen: [UInt8] = []
    var exitFullScreen: [UInt8] = []
    /// Cursor and function keys send their application sequences (smkx/rmkx).
    var keypadOn: [UInt8] = []
    var keypadOff: [UInt8] = []
    var hideCursor: [UInt8] = []
    var showCursor: [UInt8] = []
    var clearScreen: [UInt8]
    /// Empty when the terminal cannot; the row is then written out in spaces.
    var clearToEndOfLine: [UInt8] = []
    var resetAttributes: [UInt8] = []
    var bold: [UInt8] = []
    var dim: [UInt8] = []
    var reverse: [UInt8] = []
    var underline: [UInt8] = []
    /// Back to the terminal's own foreground and background (op).
    var defaultColors: [UInt8] = []
    /// 0 when the terminal has no settable colors.
    var colors = 0
    /// The terminal reports mouse events the xterm way (it has kmous).
    var reportsMouse = false
    var moveCursor: @Sendable (_ row: Int, _ column: Int) -> [UInt8]
    var foreground: @Sendable (_ color: Int) -> [UInt8] = { _ in [] }
    var background: @Sendable (_ color: Int) -> [UInt8] = { _ in [] }
}

extension TerminalCapabilities {
    /// What an ANSI (ECMA-48) terminal such as xterm understands, for tests.
    static let ansi = TerminalCapabilities(
        enterFullScreen: Array("\u{1B}[?1049h".utf8), exitFullScreen: Array("\u{1B}[?1049l".utf8),
        keypadOn: Array("\u{1B}[?1h".utf8), keypadOff: Array("\u{1B}[?1l".utf8),
        hideCursor: Array("\u{1B}[?25l".utf8), showCursor: Array("\u{1B}[?25h".utf8),
        clearScreen: Array("\u{1B}[H\u{1B}[2J".utf8), clearToEndOfLine: Array("\u{1B}[K".utf8),
        resetAttributes: Array("\u{1B}[m".utf8), bold: Array("\u{1B}[1m".utf8), dim: Array("\u{1B}[2m".utf8),
        reverse: Array("\u{1B}[7m".utf8), underline: Array("\u{1B}[4m".utf8), defaultColors: Array("\u{1B}[39;49m".utf8),
        colors: 256, reportsMouse: true,
        moveCursor: { row, column in Array("\u{1B}[\(row + 1);\(column + 1)H".utf8) },
        foreground: { color in Array("\u{1B}[38;5;\(color)m".utf8) },
        background: { color in Array("\u{1B}[48;5;\(color)m".utf8) })
}
