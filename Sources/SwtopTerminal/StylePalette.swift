import CNCurses
import SwtopUI

/// How each `Style` looks: a color pair on color terminals, attributes alone in
/// monochrome (`--no-color`, `NO_COLOR`, or a terminal without colors).
struct StylePalette {
    private var attributes: [attr_t]

    init(usesColor: Bool) {
        attributes = Array(repeating: SWTOP_A_NORMAL, count: Style.allCases.count)
        for style in Style.allCases {
            attributes[Int(style.rawValue)] = usesColor ? Self.colored(style) : Self.monochrome(style)
        }
    }

    func attribute(for style: Style) -> attr_t { attributes[Int(style.rawValue)] }

    /// Declares the color pairs; call once after start_color().
    static func defineColorPairs() {
        _ = use_default_colors() // -1: the terminal's own foreground/background
        for style in Style.allCases {
            let (foreground, background) = colors(style)
            _ = init_pair(Int16(style.rawValue) + 1, foreground, background)
        }
    }

    private static func colors(_ style: Style) -> (Int16, Int16) {
        let black = Int16(COLOR_BLACK), red = Int16(COLOR_RED), green = Int16(COLOR_GREEN)
        let yellow = Int16(COLOR_YELLOW), blue = Int16(COLOR_BLUE), magenta = Int16(COLOR_MAGENTA)
        let cyan = Int16(COLOR_CYAN), white = Int16(COLOR_WHITE), plain: Int16 = -1
        switch style {
        case .normal, .bold, .meterText, .status: return (plain, plain)
        case .dim, .treeGuide, .kernelThread, .meterBracket: return (plain, plain)
        case .meterLabel: return (cyan, plain)
        case .cpuUser, .memoryUsed, .processRunning: return (green, plain)
        case .cpuNice, .memoryBuffers: return (blue, plain)
        case .thread: return (green, plain)
        case .cpuSystem, .swapUsed, .processZombie: return (red, plain)
        case .cpuIowait: return (magenta, plain)
        case .cpuSteal: return (cyan, plain)
        case .memoryCache: return (yellow, plain)
        case .processStopped, .taggedRow: return (yellow, plain)
        case .tableHeader: return (black, green)
        case .sortColumn: return (black, cyan)
        case .selectedRow: return (black, cyan)
        case .functionKey: return (white, black)
        case .functionLabel: return (black, cyan)
        case .prompt: return (black, cyan)
        case .promptActive: return (black, yellow)
        case .warning: return (red, plain)
        }
    }

    private static func colored(_ style: Style) -> attr_t {
        let pair = swtop_color_pair(Int32(style.rawValue) + 1)
        switch style {
        case .bold, .meterLabel, .warning, .sortColumn, .functionKey, .taggedRow: return pair | SWTOP_A_BOLD
        case .dim, .treeGuide, .kernelThread, .meterBracket: return pair | SWTOP_A_DIM
        default: return pair
        }
    }

    private static func monochrome(_ style: Style) -> attr_t {
        switch style {
        case .tableHeader, .functionLabel, .prompt: return SWTOP_A_REVERSE
        case .selectedRow, .promptActive: return SWTOP_A_REVERSE | SWTOP_A_BOLD
        case .sortColumn: return SWTOP_A_REVERSE | SWTOP_A_BOLD | SWTOP_A_UNDERLINE
        case .taggedRow: return SWTOP_A_BOLD | SWTOP_A_UNDERLINE
        case .bold, .meterLabel, .functionKey, .warning, .processRunning, .processZombie, .processStopped: return SWTOP_A_BOLD
        case .dim, .kernelThread, .treeGuide: return SWTOP_A_DIM
        default: return SWTOP_A_NORMAL
        }
    }
}
