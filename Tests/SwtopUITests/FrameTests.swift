import Testing

@testable import SwtopUI

@Suite struct FrameTests {
    static let family = "👨\u{200D}👩\u{200D}👧" // one grapheme of five scalars
    static let flag = "🇫🇷"
    static let accented = "e\u{301}" // e + combining acute accent

    @Test func asciiFillsOneCellPerByte() {
        var frame = Frame(width: 10, height: 2)
        #expect(frame.put("top", row: 1, column: 2, style: .bold) == 5)
        #expect(frame.lines == ["", "  top"])
        #expect(frame[1, 2] == Frame.Cell(character: "t", style: .bold))
        #expect(frame[1, 5] == .blank)
    }

    @Test func clustersRoundTrip() {
        var frame = Frame(width: 20, height: 1)
        let text = "a\(Self.accented)\(Self.flag)漢\(Self.family)z"
        let end = frame.put(text, row: 0, column: 0, style: .warning)
        #expect(end == 9) // a, é, flag (2), 漢 (2), family (2), z
        #expect(frame.text(row: 0) == text + String(repeating: " ", count: 11))
        #expect(frame.lines == [text])
        let expected: [Character] = [
            "a", Character(Self.accented), Character(Self.flag), "\u{0}", "漢", "\u{0}",
            Character(Self.family), "\u{0}", "z",
        ]
        #expect((0..<9).map { frame[0, $0].character } == expected)
        #expect(frame[0, 1].character.unicodeScalars.count == 2)
        #expect(frame[0, 6].character.unicodeScalars.count == 5)
        #expect(
            (0..<9).allSatisfy {
                frame[0, $0].isContinuation ? frame[0, $0].style == .normal : frame[0, $0].style == .warning
            })
    }

    @Test func wideCharactersLeaveAContinuationCell() {
        var frame = Frame(width: 5, height: 1)
        #expect(frame.put("漢字漢", row: 0, column: 0) == 4) // the second 漢 would need columns 4 and 5
        #expect(frame.cells.map(\.isContinuation) == [false, true, false, true, false])
        #expect(frame.lines == ["漢字"])
        // A wide character that would cross the limit is not split.
        var clipped = Frame(width: 5, height: 1)
        #expect(clipped.put("a\(Self.flag)", row: 0, column: 0, limit: 2) == 1)
        #expect(clipped.lines == ["a"])
    }

    @Test func fillAndRestyleKeepClusters() {
        var frame = Frame(width: 4, height: 2)
        frame.fill(row: 0, column: 0, count: 4, character: Character(Self.accented), style: .dim)
        #expect(frame.text(row: 0) == String(repeating: Self.accented, count: 4))
        frame.restyle(row: 0, column: 1, count: 2, style: .selectedRow)
        #expect(frame.cells.prefix(4).map(\.style) == [.dim, .selectedRow, .selectedRow, .dim])
        #expect(frame.cells.prefix(4).allSatisfy { $0.character == Character(Self.accented) })
    }

    @Test func rowMatchesSeesAChangedCluster() {
        var old = Frame(width: 10, height: 3)
        old.put("x\(Self.flag)", row: 1, column: 0)
        var new = old
        new.put("x🇩🇪", row: 1, column: 0)
        #expect(new.rowsDiffering(from: old) == [1])
        var restyled = old
        restyled.restyle(row: 1, column: 1, count: 1, style: .bold)
        #expect(restyled.rowsDiffering(from: old) == [1])
        #expect(old.rowsDiffering(from: old) == [])
    }

    @Test func framesShowingTheSameCellsAreEqual() {
        // The same screen, its clusters put in another order and one overwritten.
        var first = Frame(width: 12, height: 2)
        first.put("\(Self.flag) \(Self.family)", row: 0, column: 0)
        first.put(Self.accented, row: 1, column: 3)
        var second = Frame(width: 12, height: 2)
        second.put("\(Self.accented)\(Self.accented)", row: 1, column: 2)
        second.put(" ", row: 1, column: 2)
        second.put(Self.family, row: 0, column: 3)
        second.put(Self.flag, row: 0, column: 0)
        #expect(first == second)
        #expect(second.rowsDiffering(from: first) == [])
        #expect(Array(first.cells) == Array(second.cells))

        second.put(Self.flag, row: 0, column: 3) // 🇫🇷 where the family was: a wide cell left over
        #expect(first != second)
        #expect(second.rowsDiffering(from: first) == [0])
        #expect(Frame(width: 12, height: 2) != Frame(width: 12, height: 3))
    }

    @Test func equalityFollowsCharacterEquality() {
        // é as one scalar or as e + accent is the same Character, as Cell compares it.
        var composed = Frame(width: 3, height: 1)
        composed.put("\u{E9}", row: 0, column: 1)
        var decomposed = Frame(width: 3, height: 1)
        decomposed.put(Self.accented, row: 0, column: 1)
        #expect(composed[0, 1] == decomposed[0, 1])
        #expect(composed == decomposed)
        #expect(decomposed.rowsDiffering(from: composed) == [])
        decomposed.put("e\u{300}", row: 0, column: 1) // grave, not acute
        #expect(composed != decomposed)
    }
}

/// Writing over half of a two-cell character blanks its other half, as a terminal does.
struct FrameWideCharacterTests {
    @Test func writingOverTheLeftHalfBlanksTheRightHalf() {
        var frame = Frame(width: 6, height: 1)
        frame.put("漢字", row: 0, column: 0)
        frame.put("a", row: 0, column: 2)
        #expect(frame.text(row: 0) == "漢a   ")
        #expect(!frame[0, 3].isContinuation)
    }

    @Test func writingOverTheRightHalfBlanksTheLeftHalf() {
        var frame = Frame(width: 6, height: 1)
        frame.put("漢字", row: 0, column: 0)
        frame.put("b", row: 0, column: 1, style: .bold)
        #expect(frame.text(row: 0) == " b字  ")
        frame.fill(row: 0, column: 3, count: 1, character: "-")
        #expect(frame.text(row: 0) == " b -  ")
    }

    @Test func aWideCharacterOverTwoHalvesBlanksBothNeighbours() {
        var frame = Frame(width: 6, height: 1)
        frame.put("漢字", row: 0, column: 0)
        frame.put("字", row: 0, column: 1)
        #expect(frame.text(row: 0) == " 字   ")
    }
}
