/// Where an inspect page goes on the screen: the title bar on the first row, the
/// page's text below it, a status line, and the bottom bar. Fixed rows, so the
/// reducer knows a page's height without knowing the text.
public struct InspectLayout: Sendable, Equatable {
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var titleRow: Int { 0 }
    public var bodyTop: Int { 1 }
    public var bodyHeight: Int { max(0, height - 3) }
    public var statusRow: Int { height - 2 }
}
