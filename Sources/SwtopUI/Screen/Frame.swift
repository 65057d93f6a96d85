/// An in-memory screen: rows of cells, each with one character and a style.
/// The view renders into a Frame; the terminal layer copies the cells that
/// changed since the previous Frame to the real screen, and tests compare its text.
public struct Frame: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        /// One character; NUL marks the second half of a wide character.
        public var character: Character
        public var style: Style

        public static let blank = Cell(character: " ", style: .normal)
        /// Placeholder right of a two-cell character.
        static let continuation = Cell(character: "\u{0}", style: .normal)

        public var isContinuation: Bool { character == "\u{0}" }
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        cells[row * width + column]
    }

    /// Writes `text` from (row, column), clipped to the frame and to `limit` cells.
    /// Text must already be escaped: process text goes through `TerminalText.escape`.
    /// Returns the column after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, style: Style = .normal, limit: Int? = nil) -> Int {
        guard row >= 0, row < height else { return column }
        let end = min(width, limit.map { column + $0 } ?? width)
        var position = column
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            // Printable ASCII, nearly every row: a byte is a cell, no grapheme breaking.
            for byte in text.utf8 {
                if position >= end { break }
                if position >= 0 { cells[row * width + position] = Cell(character: Character(Unicode.Scalar(byte)), style: style) }
                position += 1
            }
            return position
        }
        for character in text {
            let cellWidth = DisplayWidth.of(character)
            guard cellWidth > 0 else { continue }
            if position + cellWidth > end { break }
            if position >= 0 {
                cells[row * width + position] = Cell(character: character, style: style)
                if cellWidth == 2 { cells[row * width + position + 1] = .continuation }
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
        for position in start..<end { cells[row * width + position] = Cell(character: character, style: style) }
    }

    /// Changes the style of a run of cells, keeping their characters (selection bar).
    public mutating func restyle(row: Int, column: Int = 0, count: Int? = nil, style: Style) {
        guard row >= 0, row < height else { return }
        let end = min(width, column + (count ?? width))
        guard column < end else { return }
        for position in column..<end { cells[row * width + position].style = style }
    }

    /// One row as plain text (continuation cells dropped), for tests.
    public func text(row: Int) -> String {
        var line = ""
        for column in 0..<width where !self[row, column].isContinuation { line.append(self[row, column].character) }
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

    /// Rows that differ from `other` (all rows when the sizes differ).
    public func changedRows(since other: Frame?) -> [Int] {
        guard let other, other.width == width, other.height == height else { return Array(0..<height) }
        return (0..<height).filter { row in
            let start = row * width
            return cells[start..<(start + width)] != other.cells[start..<(start + width)]
        }
    }
}
