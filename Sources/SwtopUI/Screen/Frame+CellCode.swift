/// How a Frame stores a cell in 32 bits: the low 21 bits name the character, the
/// next 8 hold its style. A character of one Unicode scalar, nearly every one on
/// screen, is that scalar's value. A character of several (a letter with combining
/// marks, a flag, an emoji sequence) is a number past the last scalar, U+10FFFF,
/// that indexes the frame's `clusters`.
enum CellCode {
    static let characterMask: UInt32 = (1 << 21) - 1
    static let firstCluster: UInt32 = 0x11_0000
    static let clusterCapacity = Int(characterMask + 1 - firstCluster)

    static let blank: UInt32 = 0x20 | bits(of: .normal)
    /// NUL, the placeholder right of a two-cell character (`Cell.isContinuation`).
    static let continuation: UInt32 = 0 | bits(of: .normal)

    static func bits(of style: Style) -> UInt32 { UInt32(style.rawValue) << 21 }

    static func style(of code: UInt32) -> Style {
        Style(rawValue: UInt8(truncatingIfNeeded: code >> 21)) ?? .normal
    }

    /// Whether two different codes may still be the same cell. Below U+0300 no two
    /// scalars are canonically equivalent, so there different codes are different
    /// characters; past it (Å as U+212B or U+00C5, é as one scalar or two, or two
    /// cluster numbers) the characters must be compared, as `Cell`'s == does.
    static func mayMatch(_ code: UInt32, _ other: UInt32) -> Bool {
        code & ~characterMask == other & ~characterMask && max(code & characterMask, other & characterMask) >= 0x300
    }
}

extension Frame {
    func cell(_ code: UInt32) -> Cell {
        Cell(character: character(code), style: CellCode.style(of: code))
    }

    func character(_ code: UInt32) -> Character {
        let value = code & CellCode.characterMask
        if value >= CellCode.firstCluster { return clusters[Int(value - CellCode.firstCluster)] }
        return Character(Unicode.Scalar(value) ?? "\u{FFFD}")
    }

    /// The code for `character`, adding it to `clusters` when it has several scalars.
    /// Cells overwritten later leave their cluster behind: a frame lives for one
    /// render, and looking entries up would cost more than they take.
    mutating func code(for character: Character, style: Style) -> UInt32 {
        var scalars = character.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return 0x20 | CellCode.bits(of: style) }
        if scalars.next() == nil { return first.value | CellCode.bits(of: style) }
        // Only a frame written over a million times could run out; it shows U+FFFD.
        guard clusters.count < CellCode.clusterCapacity else { return 0xFFFD | CellCode.bits(of: style) }
        clusters.append(character)
        return (CellCode.firstCluster + UInt32(clusters.count - 1)) | CellCode.bits(of: style)
    }

    /// Whether `row` shows the same cells here and in `other` (of the same size):
    /// the codes, and only where they differ, the characters.
    public func rowMatches(_ row: Int, in other: Frame) -> Bool {
        let cells = row * width..<(row + 1) * width
        if codes[cells] == other.codes[cells] { return true }
        for index in cells where codes[index] != other.codes[index] {
            guard CellCode.mayMatch(codes[index], other.codes[index]),
                character(codes[index]) == other.character(other.codes[index])
            else { return false }
        }
        return true
    }
}

extension Frame {
    /// Whether the cell at (row, column) is the same here and in `other` (of the same size).
    public func cellMatches(row: Int, column: Int, in other: Frame) -> Bool {
        let index = row * width + column
        let code = codes[index]
        let otherCode = other.codes[index]
        return code == otherCode
            || (CellCode.mayMatch(code, otherCode) && character(code) == other.character(otherCode))
    }

    /// Whether the cell is a plain space, as a cleared screen shows it.
    public func isBlank(row: Int, column: Int) -> Bool { codes[row * width + column] == CellCode.blank }

    /// Whether the cell is the right half of a two-cell character.
    public func isContinuation(row: Int, column: Int) -> Bool {
        codes[row * width + column] & CellCode.characterMask == 0
    }
}
