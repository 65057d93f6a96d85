import SwtopUI

/// Turns a new frame into the bytes that bring the terminal from the previous frame
/// to it: only cells that changed are sent, in runs, each run placed with one cursor
/// move. Knows the terminal's style between calls, so a style is sent only when it changes.
struct FrameEncoder {
    let capabilities: TerminalCapabilities
    var palette: StylePalette
    /// False: the terminal shows ASCII only, and anything else becomes `?`.
    let usesUnicode: Bool
    /// The style the terminal draws with now; nil when unknown (after a clear or a suspend).
    private var currentStyle: Style?

    /// Unchanged cells between two changed ones that are sent again rather than
    /// skipped with a cursor move, which costs about as many bytes.
    static let bridgedGap = 6

    init(capabilities: TerminalCapabilities, palette: StylePalette, usesUnicode: Bool) {
        self.capabilities = capabilities
        self.palette = palette
        self.usesUnicode = usesUnicode
    }

    /// Forgets the terminal's style: the next change sends it again.
    mutating func forgetStyle() { currentStyle = nil }

    /// Appends to `output` what turns `previous` into `frame` on screen. Without a
    /// previous frame of the same size, the screen is cleared and drawn whole.
    mutating func encode(_ frame: Frame, over previous: Frame?, into output: inout [UInt8]) {
        let base: Frame?
        if let previous, previous.width == frame.width, previous.height == frame.height {
            base = previous
        } else {
            base = nil
            currentStyle = nil
            output += capabilities.resetAttributes
            output += capabilities.clearScreen
        }
        for row in 0..<frame.height {
            if let base, frame.rowMatches(row, in: base) { continue }
            // The bottom-right cell would scroll some terminals; it stays blank.
            let end = row == frame.height - 1 ? frame.width - 1 : frame.width
            var column = 0
            while let start = firstChange(in: frame, over: base, row: row, from: column, to: end) {
                let stop = endOfRun(in: frame, over: base, row: row, from: start, to: end)
                // A run never starts on the right half of a wide character.
                let first = start > 0 && frame.isContinuation(row: row, column: start) ? start - 1 : start
                // A run that reaches the row's trailing blanks clears them in one go.
                if row < frame.height - 1, !capabilities.clearToEndOfLine.isEmpty,
                    let blanks = trailingBlanks(in: frame, row: row, from: first), blanks < stop,
                    frame.width - blanks >= Self.bridgedGap
                {
                    write(frame, row: row, from: first, to: blanks, into: &output)
                    use(.normal, into: &output)
                    output += capabilities.clearToEndOfLine
                    column = end
                } else {
                    write(frame, row: row, from: first, to: stop, into: &output)
                    column = stop
                }
            }
        }
    }

    /// Appends the sequence for `style` unless the terminal is in it already.
    mutating func use(_ style: Style, into output: inout [UInt8]) {
        guard style != currentStyle else { return }
        output += palette.sequence(for: style)
        currentStyle = style
    }

    private func changed(_ frame: Frame, over base: Frame?, row: Int, column: Int) -> Bool {
        guard let base else { return !frame.isBlank(row: row, column: column) }
        return !frame.cellMatches(row: row, column: column, in: base)
    }

    private func firstChange(in frame: Frame, over base: Frame?, row: Int, from start: Int, to end: Int) -> Int? {
        var column = start
        while column < end {
            if changed(frame, over: base, row: row, column: column) { return column }
            column += 1
        }
        return nil
    }

    /// The column after a run of changes that starts at `start`: it goes on over
    /// gaps of fewer than `bridgedGap` unchanged cells.
    private func endOfRun(in frame: Frame, over base: Frame?, row: Int, from start: Int, to end: Int) -> Int {
        var lastChange = start
        var column = start + 1
        while column < end, column - lastChange <= Self.bridgedGap {
            if changed(frame, over: base, row: row, column: column) { lastChange = column }
            column += 1
        }
        return lastChange + 1
    }

    /// Where the row's trailing plain blanks start, if they start at or after `start`.
    private func trailingBlanks(in frame: Frame, row: Int, from start: Int) -> Int? {
        var column = frame.width
        while column > start, frame.isBlank(row: row, column: column - 1) { column -= 1 }
        return column < frame.width ? column : nil
    }

    private mutating func write(_ frame: Frame, row: Int, from start: Int, to end: Int, into output: inout [UInt8]) {
        output += capabilities.moveCursor(row, start)
        for column in start..<end {
            let cell = frame[row, column]
            if cell.isContinuation { continue }
            use(cell.style, into: &output)
            let isWide = column + 1 < frame.width && frame.isContinuation(row: row, column: column + 1)
            append(cell.character, wide: isWide, into: &output)
        }
    }

    private func append(_ character: Character, wide: Bool, into output: inout [UInt8]) {
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F {
            output.append(ascii)
        } else if usesUnicode,
            character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && !(0x7F..<0xA0).contains($0.value) })
        {
            output += character.utf8
        } else {
            // The view escapes control characters before they reach a frame; this
            // only keeps a terminal without Unicode, or a slip, from getting them raw.
            output += wide ? Array("??".utf8) : [UInt8(ascii: "?")]
        }
    }
}
