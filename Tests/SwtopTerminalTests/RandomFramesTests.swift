import SwtopUI
import Testing

@testable import SwtopTerminal

/// Whatever the frames, the bytes sent over the previous one leave the new one on
/// screen: every cell's character and style, wide characters and blanks included.
struct RandomFramesTests {
    private static let characters: [Character] = [" ", " ", "a", "b", "-", "é", "e\u{301}", "漢", "字", "🇫🇷"]
    private static let styles: [Style] = [.normal, .normal, .bold, .tableHeader, .dim, .selectedRow]

    private func randomFrame(width: Int, height: Int, from base: Frame?, using random: inout SplitMix) -> Frame {
        var frame = base ?? Frame(width: width, height: height)
        for _ in 0..<Int.random(in: 0...(width * height / 2), using: &random) {
            let row = Int.random(in: 0..<height, using: &random)
            let column = Int.random(in: 0..<width, using: &random)
            let text = String(
                (0..<Int.random(in: 1...4, using: &random)).map { _ in Self.characters.randomElement(using: &random)! })
            frame.put(text, row: row, column: column, style: Self.styles.randomElement(using: &random)!)
        }
        return frame
    }

    @Test(arguments: [(12, 4), (1, 1), (3, 2), (40, 3)])
    func theScreenEndsUpAsTheFrame(width: Int, height: Int) {
        var random = SplitMix(state: UInt64(width * 100 + height))
        let palette = StylePalette(scheme: .default, colors: 0, capabilities: .ansi)
        for _ in 0..<300 {
            var encoder = FrameEncoder(capabilities: .ansi, palette: palette, usesUnicode: true)
            var screen = ScreenModel(width: width, height: height)
            var previous: Frame?
            // A first frame, then a few changes to it, or new frames.
            for _ in 0..<4 {
                let base = Bool.random(using: &random) ? previous : nil
                let frame = randomFrame(width: width, height: height, from: base, using: &random)
                var output: [UInt8] = []
                encoder.encode(frame, over: previous, into: &output)
                screen.apply(output)
                for row in 0..<height {
                    for column in 0..<width where !(row == height - 1 && column == width - 1) {
                        let expected = frame[row, column]
                        let shown = screen[row, column]
                        #expect(shown.character == expected.character, "row \(row) column \(column): \(frame.lines)")
                        // The right half of a wide character is drawn with its left half.
                        guard !expected.isContinuation else { continue }
                        #expect(
                            shown.attributes == palette.sequence(for: expected.style), "row \(row) column \(column)")
                    }
                }
                previous = frame
            }
        }
    }
}
