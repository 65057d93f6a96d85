import SwtopCore

/// A page of labelled text for the inspect views: what to show, before it is
/// wrapped to a width. Strings may hold anything a process wrote; the page layout
/// escapes them all before they reach a Frame.
public struct TextPage: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// Left column ("Command", "fd 3"); empty for a row of text alone.
        public var label: String
        public var value: String
        public var style: Style

        public init(_ label: String, _ value: String, style: Style = .normal) {
            self.label = label
            self.value = value
            self.style = style
        }
    }

    public struct Section: Sendable, Equatable {
        /// Shown in bold above the rows; nil for none.
        public var heading: String?
        public var rows: [Row]

        public init(_ heading: String?, _ rows: [Row]) {
            self.heading = heading
            self.rows = rows
        }
    }

    /// The title bar ("PID 812 (sshd) — details").
    public var title: String
    public var sections: [Section] {
        didSet { laidOut = LayoutCache() } // other text, other lines
    }
    /// A line above the bottom bar in the warning style (the process has exited).
    public var notice: String?
    /// A line above the bottom bar when there is no notice (what the page is showing).
    public var status: String?

    public init(title: String, sections: [Section], notice: String? = nil, status: String? = nil) {
        self.title = title
        self.sections = sections
        self.notice = notice
        self.status = status
    }

    /// The lines of the last width the page was laid out for, shared by its copies:
    /// a page of 19,000 descriptors is laid out once per refresh (or resize), not at
    /// every key that scrolls it.
    private(set) var laidOut = LayoutCache()

    public static func == (left: TextPage, right: TextPage) -> Bool {
        left.title == right.title && left.sections == right.sections && left.notice == right.notice
            && left.status == right.status
    }
}

/// `TextPageLayout`'s lines of one page, for the width they were made for.
final class LayoutCache: Sendable {
    private let stored = Locked<(width: Int, lines: [TextPageLayout.Line])?>(nil)

    func lines(width: Int, layOut: () -> [TextPageLayout.Line]) -> [TextPageLayout.Line] {
        if let stored = stored.withLock({ $0 }), stored.width == width { return stored.lines }
        let lines = layOut()
        stored.withLock { $0 = (width, lines) }
        return lines
    }
}
