/// Where each part of the screen goes for a terminal size and CPU count. The
/// reducer uses it for page sizes and mouse hits, the renderer for drawing.
public struct Layout: Sendable, Equatable {
    public static let minimumWidth = 40
    public static let minimumHeight = 10

    public let width: Int
    public let height: Int
    /// CPU meters per row (1, 2 or 4); 0 when only the average bar fits.
    public let cpuColumns: Int
    public let cpuRows: Int
    /// Rows of meters (memory, swap, tasks, load, uptime by default) under the CPU meters.
    public let summaryRows: Int
    public var headerHeight: Int { cpuRows + summaryRows }
    public var tableHeaderRow: Int { headerHeight }
    public var tableTop: Int { headerHeight + 1 }
    /// Process rows visible at once.
    public var tableHeight: Int { max(0, height - tableTop - 1) }
    public var footerRow: Int { height - 1 }
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    public init(width: Int, height: Int, cpuCount: Int, summaryRows: Int = 3) {
        self.width = width
        self.height = height
        self.summaryRows = summaryRows
        // Keep the header within about a third of the screen: spread the CPU meters
        // over 2 or 4 columns when needed, else show one average bar.
        let budget = max(1, height / 3 - summaryRows + 1)
        let count = max(1, cpuCount)
        var chosen: (columns: Int, rows: Int)?
        for columns in [1, 2, 4] where width / columns >= 20 {
            let rows = (count + columns - 1) / columns
            if rows <= budget {
                chosen = (columns, rows)
                break
            }
        }
        cpuColumns = chosen?.columns ?? 0
        cpuRows = chosen?.rows ?? 1
    }
}

extension Layout {
    /// The layout of `state`'s screen, with as many meter rows as its longer meter
    /// column, and one more for the sample's time while looking at the past.
    public init(state: ViewState, cpuCount: Int) {
        self.init(
            width: state.width, height: state.height, cpuCount: cpuCount,
            summaryRows: state.preferences.meterRows + (state.history == nil ? 0 : 1))
    }
}
