/// Everything the config file keeps: the view's preferences plus the parts of the
/// view state a user expects back next time (sort, tree, which threads are shown).
public struct Settings: Sendable, Equatable {
    public var preferences = Preferences()
    public var sortKey = SortKey.cpu
    public var sortInverted = false
    public var tree = false
    public var showsKernelThreads = false
    public var showsThreads = false
    /// Seconds between samples.
    public var delay = 1.0

    public init() {}

    /// What a view state would save.
    public init(state: ViewState, delay: Double) {
        preferences = state.preferences
        sortKey = state.ordering.key
        sortInverted = state.ordering.inverted
        tree = state.ordering.tree
        showsKernelThreads = state.showsKernelThreads
        showsThreads = state.showsThreads
        self.delay = delay
    }

    public func apply(to state: inout ViewState) {
        state.preferences = preferences
        state.ordering.key = sortKey
        state.ordering.inverted = sortInverted
        state.ordering.tree = tree
        state.showsKernelThreads = showsKernelThreads
        state.showsThreads = showsThreads
    }

    /// The file's settings with the command line's flags on top, for one run.
    public func overridden(by options: LaunchOptions) -> Settings {
        var settings = self
        if options.given.contains(.sort) { settings.sortKey = options.sort }
        if options.given.contains(.reverse) { settings.sortInverted = options.reverse }
        if options.given.contains(.tree) { settings.tree = options.tree }
        if options.given.contains(.delay) { settings.delay = options.delay }
        return settings
    }

    /// What to write at exit: the run's final settings, except that a value a flag
    /// set for this run and the user left alone stays as the file had it.
    public static func toSave(final: Settings, atStart start: Settings, inFile file: Settings) -> Settings {
        var saved = final
        if final.sortKey == start.sortKey, final.sortInverted == start.sortInverted {
            saved.sortKey = file.sortKey
            saved.sortInverted = file.sortInverted
        }
        if final.tree == start.tree { saved.tree = file.tree }
        if final.delay == start.delay { saved.delay = file.delay }
        return saved
    }
}
