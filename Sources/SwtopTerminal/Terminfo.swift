import CNCurses
import Glibc

/// The terminfo database: the one place that asks it what the terminal understands.
enum Terminfo {
    /// The capabilities of `term`, or nil when the database has no usable entry for
    /// it: one that cannot place the cursor or clear the screen cannot show a view.
    static func load(term: String) -> TerminalCapabilities? {
        var status: Int32 = 0
        guard setupterm(term, STDOUT_FILENO, &status) == OK,
            let cursorAddress = string("cup"), let clear = string("clear")
        else { return nil }
        let setForeground = string("setaf")
        let setBackground = string("setab")
        let colors = Int(tigetnum("colors"))
        return TerminalCapabilities(
            enterFullScreen: string("smcup") ?? [], exitFullScreen: string("rmcup") ?? [],
            keypadOn: string("smkx") ?? [], keypadOff: string("rmkx") ?? [],
            hideCursor: string("civis") ?? [], showCursor: string("cnorm") ?? [],
            clearScreen: clear, clearToEndOfLine: string("el") ?? [],
            resetAttributes: string("sgr0") ?? [], bold: string("bold") ?? [], dim: string("dim") ?? [],
            reverse: string("rev") ?? [], underline: string("smul") ?? [], defaultColors: string("op") ?? [],
            colors: setForeground != nil && setBackground != nil ? max(0, colors) : 0,
            reportsMouse: string("kmous")?.isEmpty == false,
            moveCursor: { row, column in expand(cursorAddress, Int32(row), Int32(column)) },
            foreground: { color in setForeground.map { expand($0, Int32(color)) } ?? [] },
            background: { color in setBackground.map { expand($0, Int32(color)) } ?? [] })
    }

    /// A string capability's bytes; nil when the terminal does not have it.
    private static func string(_ name: String) -> [UInt8]? {
        guard let value = swtop_tigetstr(name) else { return nil }
        return Array(
            UnsafeBufferPointer(
                start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self), count: strlen(value)))
    }

    /// A parameterized capability with its parameters filled in (tiparm).
    private static func expand(_ capability: [UInt8], _ parameters: Int32...) -> [UInt8] {
        let template = capability + [0]
        return template.withUnsafeBufferPointer { bytes in
            let format = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
            let result =
                parameters.count == 1
                ? swtop_tiparm1(format, parameters[0])
                : swtop_tiparm2(format, parameters[0], parameters[1])
            guard let result else { return [] }
            return Array(
                UnsafeBufferPointer(
                    start: UnsafeRawPointer(result).assumingMemoryBound(to: UInt8.self), count: strlen(result)))
        }
    }
}
