/// The columns of a process table as its title line places them, and a check that a
/// row keeps to them: every field before COMMAND ends (or, for USER and COMMAND,
/// starts) in the same cell as its title, so nothing in a command line pushed,
/// split or wrapped the row.
struct ColumnLayout {
    struct Column {
        var title: String
        var start: Int
        var end: Int
    }

    let columns: [Column]
    let commandStart: Int

    /// Nil unless `titleLine` holds the PID, USER and COMMAND titles. Titles are
    /// ASCII (a sort arrow before one takes one cell), so characters are cells here.
    init?(titleLine: String) {
        var columns: [Column] = []
        var start: Int?
        for (offset, character) in (Array(titleLine) + [" "]).enumerated() {
            let isTitle = character.isASCII && character != " "
            if isTitle, start == nil { start = offset }
            if !isTitle, let begin = start {
                columns.append(Column(title: String(Array(titleLine)[begin..<offset]), start: begin, end: offset))
                start = nil
            }
        }
        guard columns.first?.title == "PID", columns.contains(where: { $0.title == "USER" }),
            let command = columns.last, command.title.uppercased() == "COMMAND"
        else { return nil }
        self.columns = Array(columns.dropLast())
        commandStart = command.start
    }

    /// Why `row` does not keep to the columns, or nil when it does.
    func misfit(_ row: String) -> String? {
        let cells = Array(row)
        guard cells.count > commandStart else { return "shorter than the COMMAND column" }
        guard cells[..<commandStart].allSatisfy({ $0.isASCII && $0 != "\t" }) else { return "not ASCII before COMMAND" }
        func filled(_ offset: Int) -> Bool { offset < cells.count && cells[offset] != " " }
        for column in columns {
            let fits =
                column.title == "USER"
                ? filled(column.start) && !filled(column.start - 1)
                : filled(column.end - 1) && !filled(column.end)
            if !fits { return "\(column.title) is not under its title" }
        }
        if !filled(commandStart) || filled(commandStart - 1) { return "COMMAND does not start under its title" }
        return nil
    }

    /// Terminal cells of text as tmux lays it out: 2 for wide East Asian characters,
    /// 0 for combining marks, 1 otherwise. Enough for the characters these tests use.
    static func cells(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: return total
            default: break
            }
            let wide =
                (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFF60).contains(scalar.value) || (0x20000...0x3FFFD).contains(scalar.value)
            return total + (wide ? 2 : 1)
        }
    }
}
