/// Lays a `TextPage` out into screen lines for one width: headings, labels in a
/// left column, values wrapped under each other. Every string is escaped here, so
/// nothing a process wrote reaches the terminal raw.
public enum TextPageLayout {
    public struct Piece: Sendable, Equatable {
        public var column: Int
        public var text: String
        public var style: Style
    }

    /// One screen line: pieces of text at their columns.
    public struct Line: Sendable, Equatable {
        public var pieces: [Piece]

        /// The characters, for tests.
        public var text: String {
            var line = ""
            for piece in pieces {
                let cells = DisplayWidth.of(line)
                if piece.column > cells { line += String(repeating: " ", count: piece.column - cells) }
                line += piece.text
            }
            return line
        }
    }

    /// Laid out once per page and width (see `TextPage.laidOut`).
    public static func lines(of page: TextPage, width: Int) -> [Line] {
        let width = max(1, width)
        return page.laidOut.lines(width: width) { layOut(page, width: width) }
    }

    private static func layOut(_ page: TextPage, width: Int) -> [Line] {
        var lines: [Line] = []
        for (index, section) in page.sections.enumerated() {
            if index > 0 { lines.append(Line(pieces: [])) }
            if let heading = section.heading {
                lines.append(
                    Line(pieces: [Piece(column: 0, text: fitted(TerminalText.escape(heading), width), style: .bold)]))
            }
            lines += layOut(section.rows, width: width)
        }
        return lines
    }

    private static func layOut(_ rows: [TextPage.Row], width: Int) -> [Line] {
        let widest = rows.map { DisplayWidth.of(TerminalText.escape($0.label)) }.max() ?? 0
        // Labels take at most a third of the width; longer ones are cut (marked `+`).
        let labelCells = min(widest, max(4, width / 3))
        let valueColumn = labelCells == 0 ? 0 : labelCells + 1
        var lines: [Line] = []
        for row in rows {
            let label = TerminalText.escape(row.label)
            let parts = wrap(TerminalText.escape(row.value), cells: max(1, width - valueColumn))
            for (number, part) in parts.enumerated() {
                var pieces: [Piece] = []
                if number == 0, !label.isEmpty {
                    pieces.append(
                        Piece(column: 0, text: DisplayWidth.fit(label, cells: labelCells), style: .meterLabel))
                }
                if !part.isEmpty { pieces.append(Piece(column: valueColumn, text: part, style: row.style)) }
                lines.append(Line(pieces: pieces))
            }
        }
        return lines
    }

    /// `text` in lines of at most `cells` cells. A line breaks after its last space
    /// when that is past the middle, else where it is full; no character is lost.
    static func wrap(_ text: String, cells: Int) -> [String] {
        var lines: [String] = []
        var line: [Character] = []
        var used = 0
        for character in text {
            let width = DisplayWidth.of(character)
            if used + width > cells, !line.isEmpty {
                var cut = line.count
                if let space = line.lastIndex(of: " "), space + 1 < line.count,
                    DisplayWidth.of(String(line[...space])) > cells / 2
                {
                    cut = space + 1
                }
                lines.append(String(line[..<cut]))
                line.removeFirst(cut)
                used = DisplayWidth.of(String(line))
            }
            line.append(character)
            used += width
        }
        lines.append(String(line))
        return lines
    }

    private static func fitted(_ text: String, _ cells: Int) -> String {
        DisplayWidth.of(text) <= cells ? text : DisplayWidth.prefix(text, cells: cells).text
    }
}
