import Testing

@testable import SwtopUI

/// How `--watch-output` prints a line: escaped as all process text, TAB kept, one
/// CR of a CRLF ending dropped.
@Suite struct OutputLineTextTests {
    @Test func aTabStaysATab() {
        #expect(OutputLineText.escape("name\tsize\t\u{1b}[2J", isCut: false) == "name\tsize\t\\e[2J")
    }

    @Test func oneCarriageReturnBeforeTheEndIsDropped() {
        #expect(OutputLineText.escape("done\r", isCut: false) == "done")
        #expect(OutputLineText.escape("done\r\r", isCut: false) == "done\\r")
        #expect(OutputLineText.escape("50%\r60%\r", isCut: false) == "50%\\r60%")
        // A piece of a longer line does not end there.
        #expect(OutputLineText.escape("piece\r", isCut: true) == "piece\\r")
    }

    @Test func everythingElseIsEscapedAsBefore() {
        #expect(OutputLineText.escape("a\u{7}b\u{202e}c", isCut: false) == "a\\x07b\\u202ec")
        #expect(OutputLineText.escape("plain", isCut: false) == "plain")
    }
}

/// The output page's words for what the follower skips or refuses.
@Suite struct OutputLogRefusalTests {
    @Test func skippedBytesAndRefusedFilesAreSaid() {
        var log = OutputLog(targets: [.standardOutput: .notOpenForWriting("/etc/shadow")])
        log.apply([
            .skipped(.standardOutput, bytes: 4096), .retargeted(.standardOutput, .unreadableByItsUser("/root/log")),
        ])
        #expect(
            log.lines.map(\.text) == [
                "— stdout: 4096 bytes skipped —",
                "— stdout now goes to /root/log — its user may not read it, so swtop does not either —",
            ])
        #expect(
            OutputLog.describe(.notOpenForWriting("/etc/shadow"))
                == "/etc/shadow — not open for writing (so not its output), not read")
    }
}
