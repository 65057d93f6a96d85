import SwtopCore

/// Everything the interactive view remembers between key presses. Plain data:
/// the reducer changes it, the renderer reads it, nothing else touches it.
public struct ViewState: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        case browsing
        case help
        /// Typing a search (`/`): each key jumps to the next match.
        case searching
        /// Typing a filter (`\`): the table narrows as you type.
        case filtering
        /// Choosing a sort column (F6): the highlighted column, kept by key so it
        /// can never point at another entry than the menu lists.
        case sortMenu(SortKey)
        /// Choosing the group table's sort column (F6 while grouped).
        case groupSortMenu(GroupColumn)
        /// Typing a time to go to (`@`) while looking at the past.
        case choosingTime
        /// Choosing a user (`u`): the highlighted uid, nil for "all users". Kept by
        /// uid, not by position: the list changes as processes come and go.
        case userMenu(UInt32?)
        /// Waiting for y/n before an action.
        case confirming(PendingAction)
        /// Choosing a signal (F9/`k`) for the captured targets; the index is in `SignalCatalog.all`.
        case signalMenu(Int, [ProcessTarget])
        /// A graceful stop is counting down; Esc cancels the SIGKILL.
        case gracefulStop(GracefulProgress)
        /// The setup screen (F2, `S`): columns, meters, colors, display options.
        case setup(SetupState)
        /// Looking at one process: its details (Enter), environment (`e`), open
        /// descriptors (`l`) or what it writes (`o`).
        case inspecting(InspectView)
    }

    public var mode: Mode = .browsing
    public var ordering: ProcessOrdering
    public var showsKernelThreads = false
    /// Userland threads (`H`), listed under their process.
    public var showsThreads = false
    /// PIDs whose subtree is folded in tree view.
    public var collapsed: Set<Int32> = []
    /// The selection follows a process, not a row number, across refreshes and re-sorts.
    public var selectedPID: Int32?
    /// Grouping (`g`): one row per program, user, container, unit or cgroup; nil for none.
    public var grouping: GroupKind?
    public var groupOrdering = GroupOrdering()
    /// Groups shown with their members under them, by key.
    public var expandedGroups: Set<String> = []
    /// A selected group row, by key (then `selectedPID` is nil): it follows the group.
    public var selectedGroup: String?
    /// First table row shown.
    public var scrollTop = 0
    /// Cells the Command column is scrolled right.
    public var commandScroll = 0
    /// The `\` filter as typed; it takes effect whenever it parses.
    public var filter = ""
    /// The filter in force: the last text that parsed (a malformed edit keeps the old one).
    public var activeFilter = FilterExpression.everything
    /// Why the typed filter does not parse, shown in the bottom bar while typing.
    public var filterError: String?
    /// `-p/--pid`: only these processes and their threads.
    public var onlyPIDs: Set<Int32>?
    public var search = ""
    /// A one-line message shown above the function bar until the next key.
    public var message: String?
    public var width: Int
    public var height: Int
    public var usesColor = true
    public var usesUnicode = true
    /// Tagged processes: actions apply to all of them.
    public var tagged: Set<ProcessIdentity> = []
    /// The past sample on screen: the live view paused (`Z`), or a recording replayed.
    /// nil for the live view.
    public var history: HistoryPosition?
    /// The time being typed after `@`.
    public var timeEntry = ""
    /// `--readonly`: no key sends anything to a process.
    public var readonly = false
    /// The signal the F9 menu offers first: SIGTERM, then the last one chosen.
    public var lastMenuSignal: Int32 = 15
    /// Columns, meters, colors and display options (setup screen, config file).
    public var preferences = Preferences()
    /// While the `i` I/O arrangement is on: the columns and sort key to go back to.
    public var beforeIOView: TableBeforeIOView?
    /// File systems the setup screen offers disk meters for.
    public var mountPoints = ["/"]
    /// A DRM device exists (`DRMDevices`): the GPU columns and meter are offered.
    public var hasGPU = false

    public struct TableBeforeIOView: Equatable, Sendable {
        public var columns: [TableColumn]
        public var key: SortKey
    }

    public init(ordering: ProcessOrdering = ProcessOrdering(), width: Int = 80, height: Int = 24) {
        self.ordering = ordering
        self.width = width
        self.height = height
    }

    /// True when both states show the same rows in the same order (they may differ
    /// in selection, scrolling, mode or size).
    public func hasSameTable(as other: ViewState) -> Bool {
        ordering == other.ordering && activeFilter == other.activeFilter && onlyPIDs == other.onlyPIDs
            && collapsed == other.collapsed
            && showsKernelThreads == other.showsKernelThreads && showsThreads == other.showsThreads
            && grouping == other.grouping && groupOrdering == other.groupOrdering
            && expandedGroups == other.expandedGroups
    }
}

/// What the graceful-stop countdown shows.
public struct GracefulProgress: Sendable, Equatable {
    public var secondsLeft: Int
    public var stillRunning: [ProcessTarget]

    public init(secondsLeft: Int, stillRunning: [ProcessTarget]) {
        self.secondsLeft = secondsLeft
        self.stillRunning = stillRunning
    }
}
