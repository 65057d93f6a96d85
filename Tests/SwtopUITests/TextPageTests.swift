import SwtopCore
import Testing

@testable import SwtopUI

/// The inspect pages' text: wrapped to the width with nothing lost, labels in a
/// column, every string escaped, scrolled within the page.
@Suite struct TextPageTests {
    let target = ProcessTarget(pid: 42, startTicks: 100, name: "make", user: "alice")

    private func render(_ page: TextPage?, _ view: InspectView, width: Int = 40, height: Int = 10) -> Frame {
        var state = ViewState(width: width, height: height)
        state.mode = .inspecting(view)
        return ViewRenderer().render(snapshot: nil, state: state, rows: [], page: page)
    }

    @Test func wrapKeepsEveryCharacterAndPrefersSpaces() {
        let text = "make -j8 CFLAGS=-O2 all install"
        let lines = TextPageLayout.wrap(text, cells: 12)
        #expect(lines == ["make -j8 ", "CFLAGS=-O2 ", "all install"])
        #expect(lines.joined() == text)
        #expect(TextPageLayout.wrap("abcdefghij", cells: 4) == ["abcd", "efgh", "ij"])
        #expect(TextPageLayout.wrap("漢字漢字", cells: 5) == ["漢字", "漢字"]) // a wide character is never split
        #expect(TextPageLayout.wrap("", cells: 5) == [""])
    }

    @Test func labelsMakeAColumnAndValuesWrapUnderEachOther() {
        let page = TextPage(
            title: "PID 42 (make)",
            sections: [
                TextPage.Section(
                    "Process",
                    [
                        TextPage.Row("Command", "make -j8 CFLAGS=-O2 all install DESTDIR=/tmp/stage"),
                        TextPage.Row("State", "S (sleeping)"),
                    ]),
                TextPage.Section("Threads", [TextPage.Row("", "42 make S")]),
            ])
        let lines = TextPageLayout.lines(of: page, width: 40).map(\.text)
        #expect(
            lines == [
                "Process",
                "Command make -j8 CFLAGS=-O2 all install ",
                "        DESTDIR=/tmp/stage",
                "State   S (sleeping)",
                "",
                "Threads",
                "42 make S",
            ])
    }

    @Test func longLabelsAreCutToAThird() {
        let page = TextPage(
            title: "t", sections: [TextPage.Section(nil, [TextPage.Row("A_VERY_LONG_VARIABLE_NAME", "x")])])
        #expect(TextPageLayout.lines(of: page, width: 40).map(\.text) == ["A_VERY_LONG_+ x"])
    }

    @Test func controlCharactersAreEscapedEverywhere() {
        let page = TextPage(
            title: "PID 42 (\u{1B}]2;x\u{07})",
            sections: [
                TextPage.Section("\u{1B}[2J", [TextPage.Row("\u{9B}31m", "a\nb\u{202E}c")])
            ], notice: "gone \u{1B}[H", status: "\r")
        let frame = render(page, InspectView(page: .detail, target: target), width: 80, height: 24)
        #expect(!frame.cells.contains { $0.character.unicodeScalars.contains(where: TerminalText.needsEscape) })
        #expect(frame.lines[0] == " PID 42 (\\e]2;x\\x07)")
        #expect(frame.lines[1] == "\\e[2J")
        #expect(frame.lines[2] == "\\u009b31m a\\nb\\u202ec")
        #expect(frame.lines[22] == "gone \\e[H")
    }

    @Test func aLongPageScrollsAndShowsWhereItIs() {
        let rows = (1...30).map { TextPage.Row("", "line \($0)") }
        let page = TextPage(title: "PID 42 (make) output", sections: [TextPage.Section(nil, rows)], status: "following")
        var view = InspectView(page: .output, target: target)
        var frame = render(page, view)
        // 40x10: title, 7 lines of text, the status line, the bottom bar.
        #expect(frame.lines[0] == " PID 42 (make) output          24-30/30")
        #expect(frame.lines[1] == "line 24")
        #expect(frame.lines[7] == "line 30")
        #expect(frame.lines[8] == "following")
        #expect(frame.lines[9] == "Esc/q Back e Environ l Files o Output")
        view.followsEnd = false
        view.top = 3
        frame = render(page, view)
        #expect(frame.lines[0].hasSuffix(" 4-10/30"))
        #expect(frame.lines[1] == "line 4")
        #expect(frame.lines.allSatisfy { DisplayWidth.of($0) <= 40 })
    }

    @Test func aPageNotYetReadSaysSo() {
        let frame = render(nil, InspectView(page: .detail, target: target))
        #expect(frame.lines[0] == " PID 42 (make)")
        #expect(frame.lines[1] == "Reading /proc/42…")
    }

    @Test func aMessageTakesTheBottomBar() {
        var state = ViewState(width: 80, height: 24)
        state.mode = .inspecting(InspectView(page: .detail, target: target))
        state.message = "hello"
        let frame = ViewRenderer().render(
            snapshot: nil, state: state, rows: [], page: TextPage(title: "t", sections: []))
        #expect(frame.lines[23] == "hello")
    }

    @Test func theHelpStillFitsEightyByTwentyFour() {
        #expect(HelpScreen.lines.count <= 24)
        #expect(HelpScreen.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    }
}
