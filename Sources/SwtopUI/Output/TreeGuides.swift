/// The prefix drawn before a command in tree view.
public enum TreeGuides {
    /// ASCII guides for plain-text output: `|  ` where an ancestor's siblings
    /// continue, then `|- ` or `` `- `` for the row itself.
    public static func ascii(_ row: TableRow) -> String {
        draw(row, continuing: "|  ", blank: "   ", branch: "|- ", last: "`- ")
    }

    /// Box-drawing guides for UTF-8 terminals.
    public static func unicode(_ row: TableRow) -> String {
        draw(row, continuing: "│  ", blank: "   ", branch: "├─ ", last: "└─ ")
    }

    static func draw(_ row: TableRow, continuing: String, blank: String, branch: String, last: String) -> String {
        guard row.depth > 0 else { return "" }
        var prefix = ""
        for level in 1..<row.depth {
            let continues = level <= 64 && row.continuingLevels & (1 << UInt64(level - 1)) != 0
            prefix += continues ? continuing : blank
        }
        return prefix + (row.isLastChild ? last : branch)
    }
}
