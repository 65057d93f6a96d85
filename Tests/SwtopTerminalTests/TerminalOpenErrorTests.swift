import SwtopTerminal
import Testing

/// TERM is set by whoever prepared the environment: the error that names it must
/// not let it drive the terminal it is printed on.
struct TerminalOpenErrorTests {
    @Test func anUnknownTerminalIsNamedEscaped() {
        let hostile = "xterm\u{1B}]2;owned\u{07}\n\u{9B}31m"
        let message = TerminalScreen.OpenError.cannotInitialize(hostile).description
        #expect(message == "cannot start the terminal (TERM=xterm\\e]2;owned\\x07\\n\\u009b31m); use --batch or --json")
        #expect(
            !TerminalScreen.OpenError.dumbTerminal(hostile).description.unicodeScalars.contains {
                $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
            })
    }
}
