import SwtopCore

/// Where the inspect pages stand: which page of which process, and how far it is
/// scrolled. The process is captured with its start time when the page opens, so
/// a PID that goes to another process is never shown as the same one.
public struct InspectView: Sendable, Equatable {
    public enum Page: Sendable, Equatable, CaseIterable {
        /// Enter: everything about the process on one scrolling page.
        case detail
        /// `e`: the environment, one variable a line.
        case environment
        /// `l`: the open file descriptors.
        case descriptors
        /// `o`: the tail of the files it writes on fd 1 and 2, followed live.
        case output
    }

    public var page: Page
    public var target: ProcessTarget
    /// First line of the page shown.
    public var top = 0
    /// Keeps the last lines in view as the page grows (End; the output page opens so, like `tail -f`).
    public var followsEnd: Bool
    /// Esc from the environment, descriptor or output page returns to the detail page
    /// when that is where it was opened from; else to the table.
    public var returnsToDetail: Bool
    /// Opened on a past sample: the pages show what the sample holds, not the live process.
    public var isRecorded: Bool

    public init(page: Page, target: ProcessTarget, returnsToDetail: Bool = false, isRecorded: Bool = false) {
        self.page = page
        self.target = target
        followsEnd = page == .output
        self.returnsToDetail = returnsToDetail
        self.isRecorded = isRecorded
    }

    /// Keeps `top` within a page of `lineCount` lines shown `bodyHeight` at a time.
    public mutating func clamp(lineCount: Int, bodyHeight: Int) {
        let lastTop = max(0, lineCount - max(1, bodyHeight))
        top = followsEnd ? lastTop : max(0, min(top, lastTop))
    }
}

extension ViewState.Mode {
    /// The inspect page on screen; nil in every other mode.
    public var inspectView: InspectView? {
        if case .inspecting(let view) = self { return view }
        return nil
    }
}
