import CNCurses
import SwtopUI

/// How each `Style` looks under a color scheme: a color pair on color terminals
/// (256 colors where the terminal has them, the 8 basic ones otherwise), attributes
/// alone in monochrome (the scheme, `--no-color`, `NO_COLOR`, a terminal without colors).
struct StylePalette {
    private var attributes: [attr_t]

    /// - Parameter colors: the terminal's number of colors; 0 when color is off.
    init(scheme: ColorScheme, colors: Int) {
        let colored = colors >= 8 && scheme != .monochrome
        attributes = Style.allCases.map { colored ? Self.colored($0, scheme: scheme) : Self.monochrome($0) }
    }

    func attribute(for style: Style) -> attr_t { attributes[Int(style.rawValue)] }

    /// Declares the color pairs of `scheme`; call after start_color(), again to switch schemes.
    static func defineColorPairs(_ scheme: ColorScheme, colors: Int) {
        _ = use_default_colors() // -1: the terminal's own foreground/background
        let palette = colors >= 256 ? ColorTable.extended : ColorTable.basic
        for style in Style.allCases {
            let (foreground, background) = scheme == .light ? palette.light(style) : palette.dark(style)
            _ = init_pair(Int16(style.rawValue) + 1, foreground, background)
        }
    }

    private static func colored(_ style: Style, scheme: ColorScheme) -> attr_t {
        let pair = swtop_color_pair(Int32(style.rawValue) + 1)
        switch style {
        case .bold, .meterLabel, .warning, .sortColumn, .functionKey, .taggedRow, .newProcess: return pair | SWTOP_A_BOLD
        // The light scheme's grays are colors of their own; dim would wash them out.
        case .dim, .treeGuide, .kernelThread, .meterBracket, .exitedProcess: return scheme == .light ? pair : pair | SWTOP_A_DIM
        default: return pair
        }
    }

    private static func monochrome(_ style: Style) -> attr_t {
        switch style {
        case .tableHeader, .functionLabel, .prompt: return SWTOP_A_REVERSE
        case .selectedRow, .promptActive: return SWTOP_A_REVERSE | SWTOP_A_BOLD
        case .sortColumn: return SWTOP_A_REVERSE | SWTOP_A_BOLD | SWTOP_A_UNDERLINE
        case .taggedRow, .newProcess: return SWTOP_A_BOLD | SWTOP_A_UNDERLINE
        case .bold, .meterLabel, .functionKey, .warning, .processRunning, .processZombie, .processStopped: return SWTOP_A_BOLD
        case .dim, .kernelThread, .treeGuide, .exitedProcess: return SWTOP_A_DIM
        default: return SWTOP_A_NORMAL
        }
    }
}

/// Foreground and background per style, for dark and light backgrounds. The
/// extended table uses the 256-color cube for what 8 colors do badly: readable
/// grays instead of dim text, and darker shades on a light background.
private struct ColorTable {
    let black: Int16, red: Int16, green: Int16, yellow: Int16, blue: Int16, magenta: Int16, cyan: Int16, white: Int16
    /// Mid gray for guides and kernel threads; the default color on 8-color terminals (dimmed instead).
    let gray: Int16
    /// Colors readable on white: dark green, dark yellow (brown), dark cyan.
    let darkGreen: Int16, brown: Int16, darkCyan: Int16
    /// The header and selection bar background.
    let barBackground: Int16
    let plain: Int16 = -1

    static let basic = ColorTable(
        black: Int16(COLOR_BLACK), red: Int16(COLOR_RED), green: Int16(COLOR_GREEN), yellow: Int16(COLOR_YELLOW),
        blue: Int16(COLOR_BLUE), magenta: Int16(COLOR_MAGENTA), cyan: Int16(COLOR_CYAN), white: Int16(COLOR_WHITE),
        gray: -1, darkGreen: Int16(COLOR_GREEN), brown: Int16(COLOR_MAGENTA), darkCyan: Int16(COLOR_BLUE),
        barBackground: Int16(COLOR_CYAN))

    static let extended = ColorTable(
        black: 16, red: 160, green: 34, yellow: 178, blue: 33, magenta: 127, cyan: 37, white: 255,
        gray: 244, darkGreen: 28, brown: 130, darkCyan: 30, barBackground: 38)

    func dark(_ style: Style) -> (Int16, Int16) {
        switch style {
        case .normal, .bold, .meterText, .status: (plain, plain)
        case .dim, .treeGuide, .kernelThread, .meterBracket: (gray, plain)
        case .meterLabel, .cpuSteal: (cyan, plain)
        case .cpuUser, .memoryUsed, .processRunning, .thread: (green, plain)
        case .cpuNice, .memoryBuffers: (blue, plain)
        case .cpuSystem, .swapUsed, .processZombie, .warning: (red, plain)
        case .cpuIowait: (magenta, plain)
        case .memoryCache, .processStopped, .taggedRow: (yellow, plain)
        case .tableHeader: (black, green)
        case .sortColumn, .selectedRow, .functionLabel, .prompt: (black, barBackground)
        case .functionKey: (white, black)
        case .promptActive: (black, yellow)
        case .newProcess: (black, green)
        case .exitedProcess: (black, red)
        }
    }

    func light(_ style: Style) -> (Int16, Int16) {
        switch style {
        case .normal, .bold, .meterText, .status: (plain, plain)
        case .dim, .treeGuide, .kernelThread, .meterBracket: (gray, plain)
        case .meterLabel, .cpuNice, .memoryBuffers: (blue, plain)
        case .cpuUser, .memoryUsed, .processRunning, .thread: (darkGreen, plain)
        case .cpuSystem, .swapUsed, .processZombie, .warning: (red, plain)
        case .cpuIowait: (magenta, plain)
        case .cpuSteal: (darkCyan, plain)
        case .memoryCache, .processStopped, .taggedRow: (brown, plain)
        case .tableHeader: (white, blue)
        case .sortColumn, .selectedRow, .functionLabel, .prompt: (white, darkCyan)
        case .functionKey: (white, black)
        case .promptActive: (black, yellow)
        case .newProcess: (white, darkGreen)
        case .exitedProcess: (white, red)
        }
    }
}
