@testable import SwtopTerminal

extension TerminalCapabilities {
    /// What an ANSI (ECMA-48) terminal such as xterm understands, for tests.
    static let ansi = TerminalCapabilities(
        enterFullScreen: Array("\u{1B}[?1049h".utf8), exitFullScreen: Array("\u{1B}[?1049l".utf8),
        keypadOn: Array("\u{1B}[?1h".utf8), keypadOff: Array("\u{1B}[?1l".utf8),
        hideCursor: Array("\u{1B}[?25l".utf8), showCursor: Array("\u{1B}[?25h".utf8),
        clearScreen: Array("\u{1B}[H\u{1B}[2J".utf8), clearToEndOfLine: Array("\u{1B}[K".utf8),
        resetAttributes: Array("\u{1B}[m".utf8), bold: Array("\u{1B}[1m".utf8), dim: Array("\u{1B}[2m".utf8),
        reverse: Array("\u{1B}[7m".utf8), underline: Array("\u{1B}[4m".utf8),
        defaultColors: Array("\u{1B}[39;49m".utf8),
        colors: 256, reportsMouse: true,
        moveCursor: { row, column in Array("\u{1B}[\(row + 1);\(column + 1)H".utf8) },
        foreground: { color in Array("\u{1B}[38;5;\(color)m".utf8) },
        background: { color in Array("\u{1B}[48;5;\(color)m".utf8) })
}
