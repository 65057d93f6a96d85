import Glibc
import Testing

extension LiveProcessTests {
    /// argv[0] as an attacker would write it: an OSC title change ended by BEL, a
    /// clear-screen CSI, bytes that are not UTF-8, a newline, a one-byte C1 CSI
    /// (U+009B, valid UTF-8), a right-to-left override, a tab and DEL.
    static let hostileName: [UInt8] =
        Array("\u{1B}]2;pwned\u{07}\u{1B}[2J".utf8) + [0xFF, 0xFE]
        + Array("\n\u{9B}1m\u{202E}\t\u{7F}end".utf8)

    @Test func hostileCommandLineIsEscaped() throws {
        let sleeper = try Spawn.start("/bin/sleep", arguments: [Self.hostileName, Array("300".utf8)])
        defer { Spawn.kill(sleeper) }

        let text = try SwtopRun.run(["--batch", "-n", "1", "-d", "0.3", "-s", "pid"])
        text.expectSuccess()
        for (byte, name) in [(0x1B, "ESC"), (0x07, "BEL"), (0x7F, "DEL"), (0x0D, "CR"), (0x09, "TAB")]
            as [(UInt8, String)]
        {
            let found = text.standardOutput.contains(byte)
            #expect(!found, "\(name) reached --batch output")
        }
        let isUTF8 = String(validating: text.standardOutput, as: UTF8.self) != nil
        #expect(isUTF8, "invalid UTF-8 reached --batch output")
        let hasC1OrBidi = text.output.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0 == "\u{202E}" }
        #expect(!hasC1OrBidi, "a C1 control or a bidi override reached --batch output")
        let column = Self.commandColumn(of: sleeper, in: text.outputLines)
        let command = try #require(column, "no row for \(sleeper)")
        // All of argv on the row's one line: the newline in it did not split the row.
        #expect(command == #"\e]2;pwned\x07\e[2J\xff\xfe\n\u009b1m\u202e\t\x7fend 300"#, "COMMAND: \(command)")

        let json = try SwtopRun.run(["--json", "-n", "1", "-d", "0.3"])
        json.expectSuccess()
        let lines = json.outputLines
        #expect(lines.count == 1)
        let rawControls = json.standardOutput.contains(0x1B) || json.standardOutput.contains(0x07)
        #expect(!rawControls, "raw controls in --json output")
        let frame = try #require(Frames.parse(json).first)
        let row = try Frames.require(sleeper, in: frame)
        let argv0 = try #require(row["cmdline"]?.array?.first?.string)
        // Decoded: the control characters themselves, and `\xff` text for each invalid byte.
        #expect(
            argv0 == "\u{1B}]2;pwned\u{07}\u{1B}[2J\\xff\\xfe\n\u{9B}1m\u{202E}\t\u{7F}end",
            "cmdline[0]: \(String(reflecting: argv0))")
        #expect(argv0.contains("\u{1B}"))
        #expect(row["cmdline"]?.array?.dropFirst() == [.string("300")])
        #expect(row["comm"]?.string == "sleep")
        // Raw text: controls, C1 and bidi overrides as \u escapes (harmless on a terminal),
        // the backslash of `\xff` escaped.
        let rawLine = lines.first ?? ""
        #expect(
            rawLine.contains(#""\u001b]2;pwned\u0007\u001b[2J\\xff\\xfe\n\u009b1m\u202e\t\u007fend","300"]"#),
            "raw JSON escapes")
        let rawC1OrBidi = rawLine.unicodeScalars.contains { $0 == "\u{202E}" || (0x80...0x9F).contains($0.value) }
        #expect(!rawC1OrBidi, "raw C1 or bidi override in --json output")
    }
}
