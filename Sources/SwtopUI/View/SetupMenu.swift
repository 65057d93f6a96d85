/// Where the setup screen (F2, `S`) is: which page, which entry is highlighted.
public struct SetupState: Sendable, Equatable {
    public enum Page: Int, CaseIterable, Sendable {
        case columns, meters, colors, display

        public var title: String {
            switch self {
            case .columns: "Columns"
            case .meters: "Meters"
            case .colors: "Colors"
            case .display: "Display"
            }
        }
    }

    public var page = Page.columns
    public var index = 0

    public init(page: Page = .columns, index: Int = 0) {
        self.page = page
        self.index = index
    }
}

/// The entries of each setup page, shared by the reducer (what a key changes) and
/// the renderer (what is listed): chosen items first in their order, then the rest.
enum SetupMenu {
    /// Columns shown, then the others; the GPU ones only on a machine with a DRM device.
    static func columns(_ state: ViewState) -> [TableColumn] {
        let preferences = state.preferences
        return preferences.columns
            + TableColumn.allCases.filter { !preferences.columns.contains($0) && (state.hasGPU || !$0.readsGPU) }
    }

    /// Meters shown, then the others, with a disk meter for each mounted file system.
    static func meters(_ state: ViewState) -> [Meter.Kind] {
        let offered =
            Meter.offered.filter { $0.mountPoint == nil && (state.hasGPU || $0 != .gpu) }
            + state.mountPoints.map { Meter.Kind.disk($0) }
        let preferences = state.preferences
        return preferences.meters.map(\.kind)
            + offered.filter { kind in !preferences.meters.contains { $0.kind == kind } }
    }

    static func count(of page: SetupState.Page, _ state: ViewState) -> Int {
        switch page {
        case .columns: columns(state).count
        case .meters: meters(state).count
        case .colors: ColorScheme.allCases.count
        case .display: DisplayOption.allCases.count
        }
    }
}

/// The on/off choices of the Display page.
enum DisplayOption: CaseIterable {
    case tree, kernelThreads, userlandThreads, highlightChanges, updateNames, fullPaths

    var title: String {
        switch self {
        case .tree: "Tree view"
        case .kernelThreads: "Show kernel threads"
        case .userlandThreads: "Show userland threads"
        case .highlightChanges: "Highlight new and exited processes"
        case .updateNames: "Update process names every refresh"
        case .fullPaths: "Show full program paths"
        }
    }

    func isOn(_ state: ViewState) -> Bool {
        switch self {
        case .tree: state.ordering.tree
        case .kernelThreads: state.showsKernelThreads
        case .userlandThreads: state.showsThreads
        case .highlightChanges: state.preferences.highlightsChanges
        case .updateNames: state.preferences.updatesProcessNames
        case .fullPaths: state.preferences.showsFullPaths
        }
    }

    func toggle(_ state: inout ViewState) {
        switch self {
        case .tree: state.ordering.tree.toggle()
        case .kernelThreads: state.showsKernelThreads.toggle()
        case .userlandThreads: state.showsThreads.toggle()
        case .highlightChanges: state.preferences.highlightsChanges.toggle()
        case .updateNames: state.preferences.updatesProcessNames.toggle()
        case .fullPaths: state.preferences.showsFullPaths.toggle()
        }
    }
}
