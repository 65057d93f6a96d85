import Testing

@testable import SwtopCore

@Suite struct TextDecodingTests {
    @Test func commandLineSplitsOnNulAndDropsTheTerminator() {
        #expect(
            parsing(bytes: Array("/bin/sleep\u{0}300\u{0}".utf8), CommandLineParser.arguments) == ["/bin/sleep", "300"])
        #expect(parsing(bytes: Array("a\u{0}\u{0}b".utf8), CommandLineParser.arguments) == ["a", "", "b"])
        #expect(parsing(bytes: Array("no-terminator".utf8), CommandLineParser.arguments) == ["no-terminator"])
        #expect(parsing(bytes: [], CommandLineParser.arguments) == [])
        // A lone terminator: argv[0] is empty, which cannot be told from no command line.
        #expect(parsing(bytes: [0], CommandLineParser.arguments) == [])
    }

    @Test func invalidUTF8IsKeptVisibleAsHexEscapes() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0x00, 0xC3, 0xA9, 0xC3, 0x00]
        #expect(parsing(bytes: bytes, CommandLineParser.arguments) == ["a\\xffb", "é\\xc3"])
    }

    @Test(arguments: [
        ([0xC0, 0xAF] as [UInt8], "\\xc0\\xaf"), // overlong
        ([0xED, 0xA0, 0x80], "\\xed\\xa0\\x80"), // surrogate
        ([0xF4, 0x90, 0x80, 0x80], "\\xf4\\x90\\x80\\x80"), // above U+10FFFF
        ([0xE2, 0x82], "\\xe2\\x82"), // truncated
        ([0xF0, 0x9F, 0x98, 0x80], "😀"),
        ([0x1B, 0x5B, 0x32, 0x4A], "\u{1B}[2J"), // controls are kept for the output to escape
    ])
    func decodingIsLossless(bytes: [UInt8], expected: String) {
        #expect(LosslessText.decode(bytes) == expected)
    }
}
