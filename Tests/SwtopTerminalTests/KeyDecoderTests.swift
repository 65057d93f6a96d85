import SwtopUI
import Testing

@testable import SwtopTerminal

/// Decodes `bytes` as one read, the escape delay passing at the end.
private func keys(_ bytes: String) -> [Key] {
    keys(Array(bytes.utf8))
}

private func keys(_ bytes: [UInt8]) -> [Key] {
    var decoder = KeyDecoder()
    decoder.feed(bytes)
    var keys: [Key] = []
    while true {
        switch decoder.next(delayPassed: true) {
        case .key(let key): keys.append(key)
        case .ignored, .incomplete: continue
        case .empty: return keys
        }
    }
}

struct KeyDecoderTests {
    @Test func textAndControlKeys() {
        #expect(keys("aZ~ ") == [.character("a"), .character("Z"), .character("~"), .character(" ")])
        #expect(keys("\r\n\t\u{7F}\u{08}") == [.enter, .enter, .tab, .backspace, .backspace])
        #expect(keys("\u{0C}\u{01}") == [.control("l"), .control("a")])
        #expect(keys("é€😀") == [.character("é"), .character("€"), .character("😀")])
    }

    @Test(arguments: [
        ("\u{1B}[A", Key.up), ("\u{1B}OA", .up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}OD", .left),
        ("\u{1B}[1;5A", .up), ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown), ("\u{1B}[3~", .delete),
        ("\u{1B}[H", .home), ("\u{1B}OH", .home), ("\u{1B}[1~", .home), ("\u{1B}[7~", .home),
        ("\u{1B}[F", .end), ("\u{1B}[4~", .end), ("\u{1B}[8~", .end), ("\u{1B}OM", .enter),
        ("\u{1B}OP", .function(1)), ("\u{1B}OS", .function(4)), ("\u{1B}[11~", .function(1)),
        ("\u{1B}[[A", .function(1)),
        ("\u{1B}[[E", .function(5)), ("\u{1B}[15~", .function(5)), ("\u{1B}[17~", .function(6)),
        ("\u{1B}[21~", .function(10)), ("\u{1B}[24~", .function(12)), ("\u{1B}[1;2P", .function(1)),
    ])
    func escapeSequences(sequence: String, key: Key) {
        #expect(keys(sequence) == [key], "\(Array(sequence.utf8))")
    }

    @Test func unknownSequencesAreSwallowedWhole() {
        // Focus reports, Insert, a private sequence: none of their bytes may act as a key ('2', '~', 'I').
        #expect(keys("\u{1B}[I\u{1B}[2~\u{1B}[?2004hq") == [.character("q")])
    }

    @Test func escapeAloneOnlyAfterTheDelay() {
        var decoder = KeyDecoder()
        decoder.feed([0x1B])
        #expect(decoder.next() == .incomplete)
        #expect(decoder.next(delayPassed: true) == .key(.escape))
        #expect(decoder.next() == .empty)
    }

    @Test func aSequenceSplitAcrossReadsIsOneKey() {
        var decoder = KeyDecoder()
        decoder.feed(Array("\u{1B}[".utf8))
        #expect(decoder.next() == .incomplete)
        decoder.feed(Array("6~".utf8))
        #expect(decoder.next() == .key(.pageDown))
        decoder.feed([0xE2, 0x82])
        #expect(decoder.next() == .incomplete)
        decoder.feed([0xAC])
        #expect(decoder.next() == .key(.character("€")))
    }

    @Test func cutOffSequenceReadsAsTypedKeys() {
        // Esc then [ typed by hand, nothing after: Esc and [, as curses reads them.
        #expect(keys("\u{1B}[") == [.escape, .character("[")])
        #expect(keys("\u{1B}q") == [.escape, .character("q")])
    }

    @Test func invalidUTF8IsDropped() {
        #expect(keys([0xFF, 0x61, 0xC3, 0x28, 0x80]) == [.character("a"), .character("(")])
    }

    @Test func sgrMouseReports() {
        #expect(keys("\u{1B}[<0;11;5M") == [.mouse(MouseEvent(kind: .click, row: 4, column: 10))])
        #expect(
            keys("\u{1B}[<64;1;1M\u{1B}[<65;300;200M") == [
                .mouse(MouseEvent(kind: .wheelUp, row: 0, column: 0)),
                .mouse(MouseEvent(kind: .wheelDown, row: 199, column: 299)),
            ])
        // Releases, drags and the right button mean nothing to swtop.
        #expect(keys("\u{1B}[<0;11;5m\u{1B}[<32;2;2M\u{1B}[<2;2;2M").isEmpty)
    }

    @Test func x10MouseReports() {
        let click: [UInt8] = [0x1B, 0x5B, 0x4D, 32, 32 + 11, 32 + 5]
        #expect(keys(click) == [.mouse(MouseEvent(kind: .click, row: 4, column: 10))])
        let release: [UInt8] = [0x1B, 0x5B, 0x4D, 32 + 3, 33, 33]
        #expect(keys(release + Array("x".utf8)) == [.character("x")])
    }
}

/// Whatever the bytes, decoding ends, consumes everything, and does not depend on
/// how the bytes were split across reads.
struct KeyDecoderRandomInputTests {
    /// Bytes that form sequences often: Esc, [, O, <, digits, ;, finals, UTF-8 leads.
    private static let alphabet: [UInt8] = [
        0x1B, 0x1B, 0x5B, 0x5B, 0x4F, 0x3C, 0x31, 0x35, 0x3B, 0x7E, 0x41, 0x4D,
        0x6D, 0x50, 0x61, 0x0D, 0x7F, 0x20, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0xFF, 0x00,
    ]

    /// Keys from `chunks` fed one by one; the delay passes only after the last.
    private func decode(_ chunks: [[UInt8]]) -> [Key] {
        var decoder = KeyDecoder()
        var keys: [Key] = []
        var steps = 0
        for (index, chunk) in chunks.enumerated() {
            decoder.feed(chunk)
            let last = index == chunks.count - 1
            loop: while true {
                steps += 1
                switch decoder.next(delayPassed: last) {
                case .key(let key): keys.append(key)
                case .ignored: continue
                case .incomplete, .empty: break loop
                }
            }
        }
        #expect(decoder.isEmpty)
        #expect(steps <= chunks.joined().count + chunks.count)
        return keys
    }

    @Test func splittingTheBytesChangesNothing() {
        var random = SplitMix(state: 42)
        for _ in 0..<3000 {
            let bytes = (0..<Int.random(in: 1...24, using: &random)).map { _ in
                Self.alphabet.randomElement(using: &random)!
            }
            var chunks: [[UInt8]] = []
            var rest = bytes[...]
            while !rest.isEmpty {
                let size = Int.random(in: 1...rest.count, using: &random)
                chunks.append(Array(rest.prefix(size)))
                rest = rest.dropFirst(size)
            }
            #expect(decode(chunks) == decode([bytes]), "\(bytes) split as \(chunks)")
        }
    }
}
