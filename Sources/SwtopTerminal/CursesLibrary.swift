import CNCurses

/// Facts about the curses library swtop is linked against.
public enum CursesLibrary {
    /// For example `ncurses 6.4.20221231`.
    public static var version: String { String(cString: curses_version()) }
}
