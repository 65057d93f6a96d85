import Glibc
import Testing

/// Mouse reports as a terminal sends them (SGR form, which tmux passes on to swtop
/// as typed bytes), to the real binary in tmux.
@Suite(.serialized) struct MouseTests {
    let swtop: String

    init() throws {
        swtop = try #require(SwtopBinary.path, "swtop binary not found")
    }

    /// A press and its release of the left button on a cell (0-based).
    private func click(_ session: TmuxSession, row: Int, column: Int) {
        session.type("\u{1B}[<0;\(column + 1);\(row + 1)M\u{1B}[<0;\(column + 1);\(row + 1)m")
    }

    private func wheelDown(_ session: TmuxSession, row: Int) {
        session.type("\u{1B}[<65;1;\(row + 1)M")
    }

    private func titleRow(_ screen: [String]) -> Int? { screen.firstIndex { $0.contains("PID USER") } }

    private func pids(_ screen: [String]) -> [Int] {
        guard let title = titleRow(screen) else { return [] }
        return screen[(title + 1)...].compactMap { Int($0.split(separator: " ").first ?? "") }
    }

    @Test func aClickOnAColumnTitleSortsByIt() throws {
        let session = try TmuxSession("\(swtop) -d 0.5")
        let (ready, screen) = session.waitForScreen { self.titleRow($0) != nil && self.pids($0).count > 5 }
        #expect(ready, "\(screen.joined(separator: "\n"))")
        // swtop asked for button reports in SGR form.
        #expect(session.display("#{mouse_standard_flag}#{mouse_sgr_flag}") == "11")
        let row = try #require(titleRow(screen))
        let title = screen[row]
        let pidColumn = try #require(
            title.firstRange(of: "PID").map { title.distance(from: title.startIndex, to: $0.lowerBound) })
        click(session, row: row, column: pidColumn)
        let (sorted, after) = session.waitForScreen { screen in
            let pids = self.pids(screen)
            return screen.contains { $0.contains("PID USER") && ($0.contains("▲PID") || $0.contains("^PID")) }
                && pids.count > 5 && pids == pids.sorted()
        }
        #expect(sorted, "\(after.joined(separator: "\n"))")
    }

    @Test func aClickSelectsTheRowAndTheWheelMovesTheSelection() throws {
        let session = try TmuxSession("\(swtop) -d 0.5 --sort pid")
        let (ready, screen) = session.waitForScreen { self.pids($0).count > 8 }
        #expect(ready, "\(screen.joined(separator: "\n"))")
        let title = try #require(titleRow(screen))
        let shown = pids(screen)
        // The fourth row, then three further down with the wheel; Enter opens the selected process.
        click(session, row: title + 4, column: 10)
        session.press("Enter")
        let (clicked, detail) = session.waitForScreen { $0.first?.contains("PID \(shown[3]) (") == true }
        #expect(clicked, "\(detail.joined(separator: "\n"))")
        session.press("Escape")
        session.waitForScreen { self.titleRow($0) != nil }
        wheelDown(session, row: title + 4)
        session.press("Enter")
        let (scrolled, moved) = session.waitForScreen { $0.first?.contains("PID \(shown[6]) (") == true }
        #expect(scrolled, "\(moved.joined(separator: "\n"))")
    }

    @Test func noMouseLeavesReportsAlone() throws {
        let session = try TmuxSession("\(swtop) -d 0.5 --no-mouse")
        let (ready, screen) = session.waitForScreen { self.titleRow($0) != nil && self.pids($0).count > 5 }
        #expect(ready, "\(screen.joined(separator: "\n"))")
        // swtop did not ask for reports: tmux keeps its own mouse handling off for the pane.
        #expect(session.display("#{mouse_any_flag}#{mouse_sgr_flag}") == "00")
    }
}
