#if canImport(Glibc)
import Glibc
#endif
import CNCurses
import SwtopCore
import SwtopUI

/// The real terminal, through ncursesw. Opens full-screen mode, copies the rows of
/// a `Frame` that changed to the screen, decodes keys, and restores the terminal
/// on `close()`. All calls must come from the main thread: curses is not thread-safe.
public final class TerminalScreen {
    public enum OpenError: Error, CustomStringConvertible {
        case notATerminal
        case dumbTerminal(String)
        case cannotInitialize(String)

        public var description: String {
            switch self {
            case .notATerminal:
                return "standard input and output must be a terminal for the interactive view; use --batch or --json"
            case let .dumbTerminal(term):
                return "the terminal type '\(term)' cannot show the interactive view; use --batch or --json"
            case let .cannotInitialize(term):
                return "cannot start the terminal (TERM=\(term)); use --batch or --json"
            }
        }
    }

    private let screen: OpaquePointer
    private var palette: StylePalette
    private var previous: Frame?
    public let usesUnicode: Bool
    public let usesColor: Bool
    /// Colors the terminal has (0 without color): 256 gives the schemes finer shades.
    private let colors: Int
    public private(set) var colorScheme = ColorScheme.default
    private var isOpen = true

    /// - Parameters:
    ///   - wantsColor: false for `--no-color` or `NO_COLOR`.
    ///   - wantsMouse: false for `--no-mouse`.
    public init(wantsColor: Bool, wantsMouse: Bool) throws(OpenError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !term.isEmpty, term != "dumb" else { throw .dumbTerminal(term.isEmpty ? "(unset)" : term) }
        // Only the character set matters to the view; the other categories cost a file
        // each to load, and LC_NUMERIC could put commas into numbers.
        setlocale(LC_CTYPE, "")
        usesUnicode = swtop_locale_is_utf8() != 0
        // A static glibc converts only UTF-8 and ASCII by itself; any other character
        // set would load a shared converter (see Linkage). ASCII is what such a
        // terminal gets: escapes for everything else.
        if !usesUnicode && Linkage.isStatic { setlocale(LC_CTYPE, "C") }
        // newterm, unlike initscr, returns NULL instead of exiting on an unknown TERM.
        guard let screen = swtop_newterm() else { throw .cannotInitialize(term) }
        self.screen = screen
        _ = set_term(screen)
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(swtop_stdscr(), true)
        _ = nodelay(swtop_stdscr(), true)
        _ = curs_set(0)
        // Esc alone should not feel sluggish (curses waits 1 s by default); an
        // ESCDELAY in the environment still wins, for slow links.
        if getenv("ESCDELAY") == nil { _ = set_escdelay(25) }
        usesColor = wantsColor && has_colors()
        if usesColor { _ = start_color() }
        // COLORS is known only after start_color(); 256-color schemes need 256 of them.
        colors = usesColor ? Int(swtop_colors()) : 0
        if usesColor { StylePalette.defineColorPairs(.default, colors: colors) }
        palette = StylePalette(scheme: .default, colors: colors)
        if wantsMouse {
            _ = mousemask(SWTOP_BUTTON1_PRESSED | SWTOP_BUTTON1_CLICKED | SWTOP_BUTTON1_RELEASED | SWTOP_WHEEL_UP | SWTOP_WHEEL_DOWN, nil)
            _ = mouseinterval(0)
        }
    }

    deinit { close() }

    public var width: Int { Int(swtop_cols()) }
    public var height: Int { Int(swtop_lines()) }

    /// Leaves full-screen mode and gives the terminal back as it was. Idempotent.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        _ = endwin()
        delscreen(screen)
    }

    /// Copies the rows that differ from the last drawn frame; curses then sends only
    /// the characters that changed.
    public func draw(_ frame: Frame) {
        let window = swtop_stdscr()
        for row in frame.changedRows(since: previous) {
            _ = wmove(window, Int32(row), 0)
            var run: [wchar_t] = []
            var runStyle = Style.normal
            func flush() {
                guard !run.isEmpty else { return }
                _ = wattrset(window, Int32(bitPattern: UInt32(truncatingIfNeeded: palette.attribute(for: runStyle))))
                run.append(0)
                _ = waddnwstr(window, run, Int32(run.count - 1))
                run.removeAll(keepingCapacity: true)
            }
            for column in 0..<frame.width {
                let cell = frame[row, column]
                if cell.isContinuation { continue }
                // The bottom-right cell would scroll some terminals; leave it blank.
                if row == frame.height - 1, column == frame.width - 1 { break }
                if cell.style != runStyle { flush(); runStyle = cell.style }
                for scalar in cell.character.unicodeScalars { run.append(wchar_t(bitPattern: scalar.value)) }
            }
            flush()
        }
        _ = wnoutrefresh(window)
        _ = doupdate()
        previous = frame
    }

    /// Switches to another color scheme and repaints with it.
    public func use(_ scheme: ColorScheme) {
        guard scheme != colorScheme else { return }
        colorScheme = scheme
        if usesColor { StylePalette.defineColorPairs(scheme, colors: colors) }
        palette = StylePalette(scheme: scheme, colors: colors)
        invalidate()
    }

    /// Forgets what is on screen so the next draw repaints everything (Ctrl-L).
    /// Ctrl-Z: gives the terminal back, stops until `fg`, then takes it again and
    /// draws the whole screen anew.
    public func suspend() {
        _ = endwin()
        TerminationSignals.suspendUntilContinued()
        _ = refresh()
        invalidate()
    }

    public func invalidate() {
        previous = nil
        _ = clearok(swtop_stdscr(), true)
    }

    /// The next pending key, or nil when there is none.
    public func readKey() -> Key? {
        var input: wint_t = 0
        let status = wget_wch(swtop_stdscr(), &input)
        switch status {
        case ERR: return nil
        case KEY_CODE_YES: return KeyDecoder.decodeFunctionKey(Int32(bitPattern: input), width: width, height: height)
        default: return KeyDecoder.decodeCharacter(UInt32(input))
        }
    }
}
