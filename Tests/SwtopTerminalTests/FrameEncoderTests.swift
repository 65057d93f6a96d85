import SwtopUI
import Testing

@testable import SwtopTerminal

/// The bytes the encoder sends, with Esc shown as ⎋ to keep expectations readable.
private struct Screen {
    var encoder: FrameEncoder
    var previous: Frame?

    init(usesUnicode: Bool = true, colors: Int = 0) {
        let palette = StylePalette(scheme: .default, colors: colors, capabilities: .ansi)
        encoder = FrameEncoder(capabilities: .ansi, palette: palette, usesUnicode: usesUnicode)
    }

    mutating func draw(_ frame: Frame) -> String {
        var output: [UInt8] = []
        encoder.encode(frame, over: previous, into: &output)
        previous = frame
        return String(decoding: output, as: UTF8.self).replacingEscapes()
    }
}

extension String {
    fileprivate func replacingEscapes() -> String { String(map { $0 == "\u{1B}" ? "⎋" : $0 }) }
}

private func frame(_ rows: [String], width: Int = 20) -> Frame {
    var frame = Frame(width: width, height: rows.count)
    for (row, text) in rows.enumerated() { frame.put(text, row: row, column: 0) }
    return frame
}

struct FrameEncoderTests {
    @Test func firstDrawClearsThenSendsOnlyWhatIsNotBlank() {
        var screen = Screen()
        #expect(screen.draw(frame(["hi", "", "  x"])) == "⎋[m⎋[H⎋[2J" + "⎋[1;1H⎋[mhi" + "⎋[3;3Hx")
    }

    @Test func anUnchangedFrameSendsNothing() {
        var screen = Screen()
        _ = screen.draw(frame(["hello", "world"]))
        #expect(screen.draw(frame(["hello", "world"])) == "")
    }

    @Test func oneChangedCellIsOneMoveAndOneCharacter() {
        var screen = Screen()
        _ = screen.draw(frame(["hello", "world"]))
        #expect(screen.draw(frame(["hello", "wOrld"])) == "⎋[2;2HO")
    }

    @Test func nearbyChangesAreOneRunAndDistantOnesTwo() {
        var screen = Screen()
        _ = screen.draw(frame(["abcdefghijklmnopqrs"]))
        #expect(screen.draw(frame(["aBcdEfghijklmnopqrs"])) == "⎋[1;2HBcdE")
        #expect(screen.draw(frame(["ABcdEfghijklmnopqrS"])) == "⎋[1;1HA⎋[1;19HS")
    }

    @Test func aRowThatEmptiesIsClearedToItsEnd() {
        var screen = Screen()
        _ = screen.draw(frame(["a long line of text", "x"]))
        #expect(screen.draw(frame(["a", "x"])) == "⎋[1;3H⎋[K")
        // Text, then the rest of the row cleared.
        #expect(screen.draw(frame(["a b c d", "x"])) == "⎋[1;3Hb c d")
        #expect(screen.draw(frame(["a b", "x"])) == "⎋[1;5H⎋[K")
    }

    @Test func theBottomRightCellIsNeverWritten() {
        var screen = Screen()
        let output = screen.draw(frame(["", "abcdefghijklmnopqrst"]))
        #expect(output.hasSuffix("⎋[2;1H⎋[mabcdefghijklmnopqrs"))
    }

    @Test func stylesAreSentWhenTheyChange() {
        var screen = Screen()
        var styled = Frame(width: 20, height: 1)
        styled.put("ab", row: 0, column: 0, style: .bold)
        styled.put("cd", row: 0, column: 2, style: .bold)
        styled.put("e", row: 0, column: 4, style: .tableHeader)
        #expect(screen.draw(styled).hasSuffix("⎋[1;1H⎋[m⎋[1mabcd⎋[m⎋[7me"))
        // Back to plain text for a cell whose style only changed.
        styled.restyle(row: 0, column: 0, count: 1, style: .normal)
        #expect(screen.draw(styled) == "⎋[1;1H⎋[ma")
    }

    @Test func colorsComeFromThePalette() {
        var screen = Screen(colors: 256)
        var styled = Frame(width: 20, height: 1)
        styled.put("X", row: 0, column: 0, style: .warning)
        // Red (160) and bold, after resetting to plain text and the terminal's own colors.
        #expect(screen.draw(styled).hasSuffix("⎋[1;1H⎋[m⎋[1m⎋[39;49m⎋[38;5;160mX"))
    }

    @Test func wideCharactersAreSentOnceForTheirTwoCells() {
        var screen = Screen()
        _ = screen.draw(frame(["ab"]))
        #expect(screen.draw(frame(["漢字"])) == "⎋[1;1H漢字")
        #expect(screen.draw(frame(["漢x"])) == "⎋[1;3Hx ")
    }

    @Test func withoutUnicodeAnythingElseIsAQuestionMarkPerCell() {
        var screen = Screen(usesUnicode: false)
        #expect(screen.draw(frame(["é漢!"])).hasSuffix("⎋[1;1H⎋[m???!"))
    }

    @Test func aNewSizeOrAnInvalidationRepaintsEverything() {
        var screen = Screen()
        _ = screen.draw(frame(["abc"]))
        #expect(screen.draw(frame(["abc"], width: 30)) == "⎋[m⎋[H⎋[2J⎋[1;1H⎋[mabc")
        screen.previous = nil
        screen.encoder.forgetStyle()
        #expect(screen.draw(frame(["abc"], width: 30)) == "⎋[m⎋[H⎋[2J⎋[1;1H⎋[mabc")
    }
}
