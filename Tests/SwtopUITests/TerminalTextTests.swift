import Testing

@testable import SwtopUI

@Suite struct TerminalTextTests {
    @Test func plainTextIsUntouched() {
        #expect(TerminalText.escape("/usr/bin/python3 -m http.server 漢字 é") == "/usr/bin/python3 -m http.server 漢字 é")
    }

    @Test func controlsBecomeVisibleEscapes() {
        #expect(TerminalText.escape("\u{1B}]2;pwned\u{07}\u{1B}[2J") == "\\e]2;pwned\\x07\\e[2J")
        #expect(TerminalText.escape("a\nb\tc\rd\u{7F}") == "a\\nb\\tc\\rd\\x7f")
        #expect(TerminalText.escape("\u{9B}31m") == "\\u009b31m") // C1 CSI
        #expect(TerminalText.escape("abc\u{202E}fdp.exe") == "abc\\u202efdp.exe")
    }

    @Test func everyEscapedStringIsFreeOfControls() {
        var all = ""
        for value in UInt32(1)...0x2100 { all.unicodeScalars.append(Unicode.Scalar(value)!) }
        let escaped = TerminalText.escape(all)
        #expect(!escaped.unicodeScalars.contains { TerminalText.needsEscape($0) })
    }
}

@Suite struct DisplayWidthTests {
    @Test func cellsNotCharacters() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("漢字") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1) // combining acute accent
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("한국어") == 6)
        // The symbol blocks answered without a category lookup: swtop's own glyphs,
        // and the wide ones among them.
        #expect(DisplayWidth.of("▼▲│─…‐") == 6)
        #expect(DisplayWidth.of("⌚⭐") == 4)
        #expect(DisplayWidth.of("\u{202E}") == 0) // right-to-left override, a format character just past them
    }

    @Test func fittingNeverSplitsAWideCharacter() {
        #expect(DisplayWidth.fit("root", cells: 8) == "root    ")
        #expect(DisplayWidth.fit("averyverylongname", cells: 8) == "averyve+")
        #expect(DisplayWidth.fit("漢字漢字漢字", cells: 8) == "漢字漢+ ")
        #expect(DisplayWidth.of(DisplayWidth.fit("漢字漢字漢字", cells: 8)) == 8)
        #expect(DisplayWidth.fit("漢字漢字", cells: 8) == "漢字漢字")
    }
}
