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
    public var sections: [Section]
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
}
