import SwtopUI

/// How each `Style` looks under a color scheme, as the escape sequence that sets
/// it: colors on color terminals (256 where the terminal has them, the 8 basic ones
/// otherwise), attributes alone in monochrome (the scheme, `--no-color`, `NO_COLOR`,
/// a terminal without colors). Each sequence starts from plain text, so a style
/// never inherits anything from the one before.
struct StylePalette {
    private var sequences: [[UInt8]]

    /// - Parameter colors: the number of colors to use; 0 when color is off.
    init(scheme: ColorScheme, colors: Int, capabilities: TerminalCapabilities) {
        let colored = colors >= 8 && scheme != .monochrome
        let table = colors >= 256 ? ColorTable.extended : ColorTable.basic
        sequences = Style.allCases.map { style in
            var sequence = capabilities.resetAttributes
            let attributes = colored ? Self.coloredAttributes(style, scheme: scheme) : Self.monochromeAttributes(style)
            if attributes.contains(.bold) { sequence += capabilities.bold }
            if attributes.contains(.dim) { sequence += capabilities.dim }
            if attributes.contains(.reverse) { sequence += capabilities.reverse }
            if attributes.contains(.underline) { sequence += capabilities.underline }
            guard colored else { return sequence }
            // -1 is the terminal's own color, which resetting the attributes gave back.
            sequence += capabilities.defaultColors
            let (foreground, background) = scheme == .light ? table.light(style) : table.dark(style)
            if foreground >= 0 { sequence += capabilities.foreground(foreground) }
            if background >= 0 { sequence += capabilities.background(background) }
            return sequence
        }
    }

    func sequence(for style: Style) -> [UInt8] { sequences[Int(style.rawValue)] }

    private struct Attributes: OptionSet {
        let rawValue: UInt8
        static let bold = Attributes(rawValue: 1)
        static let dim = Attributes(rawValue: 2)
        static let reverse = Attributes(rawValue: 4)
        static let underline = Attributes(rawValue: 8)
    }

    private static func coloredAttributes(_ style: Style, scheme: ColorScheme) -> Attributes {
        switch style {
        case .bold, .meterLabel, .warning, .sortColumn, .functionKey, .taggedRow, .newProcess: return .bold
        // The light scheme's grays are colors of their own; dim would wash them out.
        case .dim, .treeGuide, .kernelThread, .meterBracket, .exitedProcess: return scheme == .light ? [] : .dim
        default: return []
        }
    }

    private static func monochromeAttributes(_ style: Style) -> Attributes {
        switch style {
        case .tableHeader, .functionLabel, .prompt: return .reverse
        case .selectedRow, .promptActive: return [.reverse, .bold]
        case .sortColumn: return [.reverse, .bold, .underline]
        case .taggedRow, .newProcess: return [.bold, .underline]
        case .bold, .meterLabel, .functionKey, .warning, .processRunning, .processZombie, .processStopped: return .bold
        case .dim, .kernelThread, .treeGuide, .exitedProcess: return .dim
        default: return []
        }
    }
}

/// Foreground and background per style, for dark and light backgrounds. The
/// extended table uses the 256-color cube for what 8 colors do badly: readable
/// grays instead of dim text, and darker shades on a light background.
private struct ColorTable {
    let black: Int, red: Int, green: Int, yellow: Int, blue: Int, magenta: Int, cyan: Int, white: Int
    /// Mid gray for guides and kernel threads; the default color on 8-color terminals (dimmed instead).
    let gray: Int
    /// Colors readable on white: dark green, dark yellow (brown), dark cyan.
    let darkGreen: Int, brown: Int, darkCyan: Int
    /// The header and selection bar background.
    let barBackground: Int
    let plain: Int = -1

    /// The eight ANSI colors, numbered as setaf numbers them.
    static let basic = ColorTable(
        black: 0, red: 1, green: 2, yellow: 3, blue: 4, magenta: 5, cyan: 6, white: 7,
        gray: -1, darkGreen: 2, brown: 5, darkCyan: 4, barBackground: 6)

    static let extended = ColorTable(
        black: 16, red: 160, green: 34, yellow: 178, blue: 33, magenta: 127, cyan: 37, white: 255,
        gray: 244, darkGreen: 28, brown: 130, darkCyan: 30, barBackground: 38)

    func dark(_ style: Style) -> (Int, Int) {
        switch style {
        case .normal, .bold, .meterText, .status: (plain, plain)
        case .dim, .treeGuide, .kernelThread, .meterBracket: (gray, plain)
        case .meterLabel, .cpuSteal: (cyan, plain)
        case .cpuUser, .memoryUsed, .processRunning, .thread: (green, plain)
        case .cpuNice, .memoryBuffers: (blue, plain)
        case .cpuSystem, .swapUsed, .processZombie, .warning: (red, plain)
        case .cpuIowait, .memoryShared: (magenta, plain)
        case .memoryCache, .processStopped, .taggedRow: (yellow, plain)
        case .tableHeader: (black, green)
        case .sortColumn, .selectedRow, .functionLabel, .prompt: (black, barBackground)
        case .functionKey: (white, black)
        case .promptActive: (black, yellow)
        case .newProcess: (black, green)
        case .exitedProcess: (black, red)
        }
    }

    func light(_ style: Style) -> (Int, Int) {
        switch style {
        case .normal, .bold, .meterText, .status: (plain, plain)
        case .dim, .treeGuide, .kernelThread, .meterBracket: (gray, plain)
        case .meterLabel, .cpuNice, .memoryBuffers: (blue, plain)
        case .cpuUser, .memoryUsed, .processRunning, .thread: (darkGreen, plain)
        case .cpuSystem, .swapUsed, .processZombie, .warning: (red, plain)
        case .cpuIowait, .memoryShared: (magenta, plain)
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
