import Glibc
import SwtopUI

/// The real terminal. Takes it over in full-screen mode, sends the cells of each
/// `Frame` that changed since the last one, decodes keys and mouse reports, and
/// gives the terminal back exactly as it was on `close()`.
///
/// swtop draws by itself rather than through curses: curses keeps three copies of
/// the screen at 28 bytes a cell (840 KiB at 200x50), where the previous frame is
/// all a comparison needs. The terminfo database still says how the terminal spells
/// each sequence. All calls come from the main thread.
public final class TerminalScreen {
    public enum OpenError: Error, CustomStringConvertible {
        case notATerminal
        case dumbTerminal(String)
        case cannotInitialize(String)

        /// TERM comes from whoever set up the environment (sudo -E, su -m): it is shown escaped.
        public var description: String {
            switch self {
            case .notATerminal:
                return "standard input and output must be a terminal for the interactive view; use --batch or --json"
            case .dumbTerminal(let term):
                return
                    "the terminal type '\(TerminalText.escape(term))' cannot show the interactive view; use --batch or --json"
            case .cannotInitialize(let term):
                return "cannot start the terminal (TERM=\(TerminalText.escape(term))); use --batch or --json"
            }
        }
    }

    private let capabilities: TerminalCapabilities
    private let modes: TerminalModes
    private var encoder: FrameEncoder
    private var decoder = KeyDecoder()
    private var previous: Frame?
    public let usesUnicode: Bool
    public let usesColor: Bool
    /// Colors the terminal has (0 without color): 256 gives the schemes finer shades.
    private let colors: Int
    public private(set) var colorScheme = ColorScheme.default
    private let reportsMouse: Bool
    /// How long the rest of an escape sequence may take before Esc counts as the Esc key.
    private let escapeDelayMilliseconds: Int32
    public private(set) var width: Int
    public private(set) var height: Int
    /// A resize arrived; `readKey` reports it first.
    private var resizePending = false
    private var isOpen = true

    /// - Parameters:
    ///   - wantsColor: false for `--no-color` or `NO_COLOR`.
    ///   - wantsMouse: false for `--no-mouse`.
    public init(wantsColor: Bool, wantsMouse: Bool) throws(OpenError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1, let modes = TerminalModes() else {
            throw .notATerminal
        }
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !term.isEmpty, term != "dumb" else { throw .dumbTerminal(term.isEmpty ? "(unset)" : term) }
        guard let capabilities = Terminfo.load(term: term) else { throw .cannotInitialize(term) }
        self.capabilities = capabilities
        self.modes = modes
        usesUnicode = LocaleEnvironment.usesUTF8()
        usesColor = wantsColor && capabilities.colors >= 8
        colors = usesColor ? capabilities.colors : 0
        reportsMouse = wantsMouse && capabilities.reportsMouse
        // Esc alone should not feel sluggish (curses waits 1 s by default); an
        // ESCDELAY in the environment still wins, for slow links.
        escapeDelayMilliseconds = getenv("ESCDELAY").flatMap { Int32(String(cString: $0)) }.map { max(0, $0) } ?? 25
        (width, height) = TerminalModes.windowSize() ?? (80, 24)
        encoder = FrameEncoder(
            capabilities: capabilities,
            palette: StylePalette(scheme: .default, colors: colors, capabilities: capabilities),
            usesUnicode: usesUnicode)
        enter()
    }

    deinit { close() }

    /// Leaves full-screen mode and gives the terminal back as it was. Idempotent.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        leave()
    }

    /// Sends what changed since the last drawn frame.
    public func draw(_ frame: Frame) {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        encoder.encode(frame, over: previous, into: &output)
        send(output)
        previous = frame
    }

    /// Switches to another color scheme and repaints with it.
    public func use(_ scheme: ColorScheme) {
        guard scheme != colorScheme else { return }
        colorScheme = scheme
        encoder.palette = StylePalette(scheme: scheme, colors: colors, capabilities: capabilities)
        invalidate()
    }

    /// Forgets what is on screen so the next draw clears and repaints everything (Ctrl-L).
    public func invalidate() {
        previous = nil
        encoder.forgetStyle()
    }

    /// Ctrl-Z: gives the terminal back, stops until `fg`, then takes it again and
    /// draws the whole screen anew, at its new size if it changed meanwhile.
    public func suspend() {
        leave()
        TerminationSignals.suspendUntilContinued()
        enter()
        noteResize()
    }

    /// SIGWINCH: the next key is the new size. The whole screen is drawn again,
    /// since terminals rewrap or clip what they showed.
    public func noteResize() {
        (width, height) = TerminalModes.windowSize() ?? (width, height)
        resizePending = true
        invalidate()
    }

    /// The next pending key, or nil when there is none.
    public func readKey() -> Key? {
        if resizePending {
            resizePending = false
            return .resize(width: width, height: height)
        }
        var delayPassed = false
        while true {
            switch decoder.next(delayPassed: delayPassed) {
            case .key(let key):
                return key
            case .ignored:
                delayPassed = false
            case .empty:
                guard readInput() else { return nil }
            case .incomplete:
                if readInput() { continue }
                // The rest of a sequence may still be on its way.
                if !delayPassed, waitForInput(milliseconds: escapeDelayMilliseconds), readInput() { continue }
                delayPassed = true
            }
        }
    }

    // MARK: - The terminal's state

    private func enter() {
        modes.enterViewMode()
        var output = capabilities.enterFullScreen + capabilities.keypadOn + capabilities.hideCursor
        if reportsMouse { output += Self.mouseReportsOn }
        send(output)
        TerminalRestore.arm(modes: modes.original, leaving: leavingSequence())
        invalidate()
    }

    private func leave() {
        send(leavingSequence())
        modes.restore()
        TerminalRestore.disarm()
    }

    /// Plain text, no mouse reports, normal keypad, a visible cursor at the bottom
    /// left, and the shell's screen back.
    private func leavingSequence() -> [UInt8] {
        var output = capabilities.resetAttributes
        if reportsMouse { output += Self.mouseReportsOff }
        output += capabilities.keypadOff + capabilities.showCursor
        output += capabilities.moveCursor(max(0, height - 1), 0)
        output += capabilities.exitFullScreen
        return output
    }

    /// Button presses and the wheel (1000), reported in SGR form (1006), which has
    /// no limit of 223 on rows and columns and tells a press from a release.
    private static let mouseReportsOn = Array("\u{1B}[?1000h\u{1B}[?1006h".utf8)
    private static let mouseReportsOff = Array("\u{1B}[?1006l\u{1B}[?1000l".utf8)

    // MARK: - Bytes in and out

    /// Writes all of `bytes`, through interrupted and partial writes.
    private func send(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else if written < 0, errno == EAGAIN {
                    var descriptor = pollfd(fd: STDOUT_FILENO, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&descriptor, 1, 100)
                } else {
                    return // the terminal is gone: the run loop sees the hangup
                }
            }
        }
    }

    /// Reads what is waiting on standard input into the decoder; false when nothing was.
    private func readInput() -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { buffer in
            let count = read(STDIN_FILENO, buffer.baseAddress!, buffer.count)
            guard count > 0 else { return false }
            decoder.feed(buffer[..<count])
            return true
        }
    }

    private func waitForInput(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, milliseconds) > 0 && descriptor.revents & Int16(POLLIN) != 0
    }
}
