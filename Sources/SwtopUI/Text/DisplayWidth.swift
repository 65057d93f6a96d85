/// How many terminal cells text takes: 2 for East Asian wide and fullwidth
/// characters (CJK, most emoji), 0 for combining marks and zero-width formatting
/// characters, 1 otherwise. Built in rather than `wcwidth(3)` so the answer does
/// not depend on the locale, and `--batch` output aligns the same everywhere.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        var cells = 0
        for scalar in text.unicodeScalars { cells += of(scalar) }
        return cells
    }

    /// A grapheme's cells: combining marks travel with their base; at most 2.
    public static func of(_ character: Character) -> Int {
        var cells = 0
        for scalar in character.unicodeScalars { cells += of(scalar) }
        return min(2, cells)
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return value < 0x20 || (value >= 0x7F && value < 0xA0) ? 0 : 1 }
        // Punctuation, arrows, box drawing, shapes and symbols (swtop's own ▼ │ …) hold
        // no mark or format character: no need to look up the category, whose table
        // would otherwise be read (and kept resident) for the view's own glyphs.
        if (0x2010...0x2029).contains(value) || (0x2190...0x2BFF).contains(value) { return isWide(value) ? 2 : 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(value) || value == 0x200B { return 0 } // Hangul medial vowels, ZWSP
        return isWide(value) ? 2 : 1
    }

    /// The longest prefix of `text` that fits in `cells`, never splitting a wide character.
    public static func prefix(_ text: String, cells: Int) -> (text: String, cells: Int) {
        var used = 0
        var end = text.unicodeScalars.startIndex
        for index in text.unicodeScalars.indices {
            let width = of(text.unicodeScalars[index])
            if used + width > cells { break }
            used += width
            end = text.unicodeScalars.index(after: index)
        }
        return (String(text.unicodeScalars[..<end]), used)
    }

    /// Text cut or padded with spaces to exactly `cells` cells, left-aligned; a cut
    /// is marked with `+` in the last cell (as top marks long user names).
    public static func fit(_ text: String, cells: Int) -> String {
        let width = of(text)
        if width <= cells { return text + String(repeating: " ", count: cells - width) }
        let (kept, used) = prefix(text, cells: cells - 1)
        return kept + "+" + String(repeating: " ", count: cells - 1 - used)
    }

    /// Text shortened in the middle to at most `cells` cells, marked with `..`, so
    /// both ends of a path stay visible: `/kubepods.slice/..-containerd-3f2a.scope`.
    public static func middleCut(_ text: String, cells: Int) -> String {
        guard of(text) > cells else { return text }
        guard cells > 4 else { return prefix(text, cells: cells).text }
        let head = prefix(text, cells: (cells - 2) / 2)
        var tail = String.UnicodeScalarView()
        var used = 0
        for scalar in text.unicodeScalars.reversed() {
            let width = of(scalar)
            if used + width > cells - 2 - head.cells { break }
            used += width
            tail.insert(scalar, at: tail.startIndex)
        }
        return head.text + ".." + String(tail)
    }

    /// East Asian Width W or F (Unicode 15), as ranges.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1AFF0...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
        0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F320, 0x1F32D...0x1F335,
        0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0,
        0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D,
        0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4,
        0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7,
        0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F7F0...0x1F7F0,
        0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]

    private static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        var low = 0
        var high = wideRanges.count
        while low < high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
