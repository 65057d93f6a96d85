/// An in-memory screen: rows of cells, each with one character and a style.
/// The view renders into a Frame; the terminal layer copies the cells that
/// changed since the previous Frame to the real screen, and tests compare its text.
///
/// Two frames live at once (the new one and the one on screen), so a cell is stored
/// in 4 bytes rather than as a `Cell` (24): see `Frame+CellCode.swift`.
public struct Frame: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        /// One character; NUL marks the second half of a wide character.
        public var character: Character
        public var style: Style

        public static let blank = Cell(character: " ", style: .normal)

        public var isContinuation: Bool { character == "\u{0}" }
    }

    public let width: Int
    public let height: Int
    /// Row-major cell codes.
    var codes: [UInt32]
    /// The characters of more than one scalar that cells point to.
    var clusters: [Character] = []

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        codes = Array(repeating: CellCode.blank, count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        cell(codes[row * width + column])
    }

    /// Every cell, row by row.
    public var cells: Cells { Cells(frame: self) }

    public struct Cells: RandomAccessCollection, Sendable {
        let frame: Frame
        public var startIndex: Int { 0 }
        public var endIndex: Int { frame.codes.count }
        public subscript(position: Int) -> Cell { frame.cell(frame.codes[position]) }
    }

    /// Writes `text` from (row, column), clipped to the frame and to `limit` cells.
    /// Text must already be escaped: process text goes through `TerminalText.escape`.
    /// Returns the column after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, style: Style = .normal, limit: Int? = nil) -> Int {
        guard row >= 0, row < height else { return column }
        let end = min(width, limit.map { column + $0 } ?? width)
        let rowStart = row * width
        var position = column
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            // Printable ASCII, nearly every row: a byte is a cell, no grapheme breaking.
            let styleBits = CellCode.bits(of: style)
            releaseWideCharacters(row: row, from: column, to: min(end, column + text.utf8.count))
            codes.withUnsafeMutableBufferPointer { codes in
                for byte in text.utf8 {
                    if position >= end { break }
                    if position >= 0 { codes[rowStart + position] = UInt32(byte) | styleBits }
                    position += 1
                }
            }
            return position
        }
        var covered = column
        for character in text {
            let cellWidth = DisplayWidth.of(character)
            if covered + cellWidth > end { break }
            covered += cellWidth
        }
        releaseWideCharacters(row: row, from: column, to: covered)
        for character in text {
            let cellWidth = DisplayWidth.of(character)
            guard cellWidth > 0 else { continue }
            if position + cellWidth > end { break }
            if position >= 0 {
                let cellCode = code(for: character, style: style)
                codes[rowStart + position] = cellCode
                if cellWidth == 2 { codes[rowStart + position + 1] = CellCode.continuation }
            }
            position += cellWidth
        }
        return position
    }

    /// Fills `count` cells from (row, column) with a character.
    public mutating func fill(row: Int, column: Int, count: Int, character: Character = " ", style: Style = .normal) {
        guard row >= 0, row < height else { return }
        let start = max(0, column)
        let end = min(width, column + count)
        guard start < end else { return }
        let cellCode = code(for: character, style: style)
        releaseWideCharacters(row: row, from: start, to: end)
        for position in start..<end { codes[row * width + position] = cellCode }
    }

    /// Before cells `start..<end` of a row are written: a two-cell character that the
    /// write cuts in half loses its other half too, as on a terminal. A half left
    /// alone would make the frame claim what no terminal can show.
    private mutating func releaseWideCharacters(row: Int, from start: Int, to end: Int) {
        let start = max(0, start)
        let end = min(width, end)
        guard start < end else { return }
        let rowStart = row * width
        if start > 0, codes[rowStart + start] & CellCode.characterMask == 0 {
            codes[rowStart + start - 1] = 0x20 | codes[rowStart + start - 1] & ~CellCode.characterMask
        }
        if end < width, codes[rowStart + end] & CellCode.characterMask == 0 {
            codes[rowStart + end] = 0x20 | codes[rowStart + end] & ~CellCode.characterMask
        }
    }

    /// Changes the style of a run of cells, keeping their characters (selection bar).
    public mutating func restyle(row: Int, column: Int = 0, count: Int? = nil, style: Style) {
        guard row >= 0, row < height else { return }
        let end = min(width, column + (count ?? width))
        guard column < end else { return }
        let styleBits = CellCode.bits(of: style)
        for position in column..<end {
            codes[row * width + position] = codes[row * width + position] & CellCode.characterMask | styleBits
        }
    }

    /// One row as plain text (continuation cells dropped), for tests.
    public func text(row: Int) -> String {
        var line = ""
        for code in codes[row * width..<(row + 1) * width] where code & CellCode.characterMask != 0 {
            line.append(character(code))
        }
        return line
    }

    /// All rows, trailing spaces trimmed, for tests and golden files.
    public var lines: [String] {
        (0..<height).map { row in
            var line = text(row: row)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// Equal when every cell shows the same character in the same style, however
    /// each frame numbered its clusters.
    public static func == (lhs: Frame, rhs: Frame) -> Bool {
        guard lhs.width == rhs.width, lhs.height == rhs.height else { return false }
        return (0..<lhs.height).allSatisfy { lhs.rowMatches($0, in: rhs) }
    }
}
