import Glibc

/// Tells whether a captured screen shows process data yet, the same way for every
/// monitor: by counting lines that look like rows of a process list.
///
/// A row starts (after spaces) with the PID of a process that exists right now,
/// followed by more text. btop draws its list inside a box, next to other boxes,
/// so a line is read as the pieces between box-drawing characters and counts when
/// one of them starts like that.
enum ProcessRows {
    /// Rows needed for a frame with data: more than a header or a meter could
    /// pass for, fewer than any monitor lists on a 50-row terminal.
    static let minimumForFrame = 10

    static func count(in screen: String) -> Int {
        screen.split(separator: "\n").count(where: isProcessRow)
    }

    static func isProcessRow(_ line: Substring) -> Bool {
        line.split(whereSeparator: isBoxDrawing).contains(where: startsWithLivePID)
    }

    private static func startsWithLivePID(_ piece: Substring) -> Bool {
        let text = piece.drop { $0 == " " }
        guard let space = text.firstIndex(of: " "),
            text[space...].contains(where: { $0 != " " }),
            let pid = pid_t(text[..<space]), pid > 0
        else { return false }
        return access("/proc/\(pid)", F_OK) == 0
    }

    /// U+2500...U+257F: the lines, corners and tees of boxes.
    private static func isBoxDrawing(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return (0x2500...0x257F).contains(scalar.value)
    }
}
