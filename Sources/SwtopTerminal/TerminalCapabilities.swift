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
