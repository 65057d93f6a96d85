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
