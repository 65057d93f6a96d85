import Glibc
import SwtopCore

/// What the run loop must do after a key.
public enum ViewEffect: Sendable, Equatable {
    case none
    case quit
    /// Repaint every cell (Ctrl-L, after a resize).
    case redrawAll
    /// Carry out an action on processes (the run loop owns the system calls).
    case perform(PendingAction)
    /// Esc during a graceful stop: no SIGKILL.
    case cancelGracefulStop
    /// Pause, step through the samples kept, or go back to the live view.
    case travel(HistoryMove)
}

/// The keymap: one entry per key, each changing `ViewState` and never drawing.
public enum ViewReducer {
    public static func handle(_ key: Key, state: inout ViewState, rows: [DisplayRow], snapshot: Snapshot?) -> ViewEffect
    {
        if case .resize(let width, let height) = key {
            state.width = width
            state.height = height
            keepSelectionVisible(&state, rows: rows, cpuCount: snapshot?.system.cpuMeterCount ?? 1)
            return .redrawAll
        }
        state.message = nil
        let cpuCount = snapshot?.system.cpuMeterCount ?? 1
        let effect: ViewEffect
        switch state.mode {
        case .browsing: effect = browse(key, &state, rows, snapshot)
        case .help:
            state.mode = .browsing
            effect = .none
        case .searching: effect = search(key, &state, rows, snapshot)
        case .filtering: effect = filter(key, &state)
        case .sortMenu(let highlighted): effect = sortMenu(key, highlighted, &state)
        case .groupSortMenu(let highlighted): effect = groupSortMenu(key, highlighted, &state)
        case .choosingTime: effect = chooseTime(key, &state)
        case .userMenu(let highlighted): effect = userMenu(key, highlighted, &state, snapshot)
        case .confirming(let action): effect = confirm(key, action, &state)
        case .signalMenu(let index, let targets): effect = signalMenu(key, index, targets, &state)
        case .gracefulStop: effect = key == .escape ? .cancelGracefulStop : .none
        case .setup(let setup): effect = Self.setup(key, setup, &state)
        case .inspecting(let view): effect = inspect(key, view, &state)
        }
        keepSelectionVisible(&state, rows: rows, cpuCount: cpuCount)
        return effect
    }

    // MARK: Browsing

    private static func browse(_ key: Key, _ state: inout ViewState, _ rows: [DisplayRow], _ snapshot: Snapshot?)
        -> ViewEffect
    {
        if let handled = browseHistory(key, &state) { return handled }
        if state.grouping != nil, let handled = browseGroups(key, &state, rows, snapshot) { return handled }
        let page = max(1, Layout(state: state, cpuCount: snapshot?.system.cpuMeterCount ?? 1).tableHeight)
        switch key {
        case .character("q"), .function(10): return .quit
        case .up: moveSelection(by: -1, &state, rows)
        case .down: moveSelection(by: 1, &state, rows)
        case .pageUp: moveSelection(by: -page, &state, rows)
        case .pageDown: moveSelection(by: page, &state, rows)
        case .home: select(0, &state, rows)
        case .end: select(rows.count - 1, &state, rows)
        case .left: state.commandScroll = max(0, state.commandScroll - 8)
        case .right: state.commandScroll += 8
        case .function(6): state.mode = .sortMenu(state.ordering.key)
        case .character("<"), .character(","): cycleSortKey(by: -1, &state)
        case .character(">"), .character("."): cycleSortKey(by: 1, &state)
        case .character("I"): state.ordering.inverted.toggle()
        case .character("P"): sort(by: .cpu, &state)
        case .character("M"): sort(by: .mem, &state)
        case .character("T"): sort(by: .time, &state)
        case .character("N"): sort(by: .pid, &state)
        case .character("i"): toggleIOView(&state)
        case .character("t"), .function(5): state.ordering.tree.toggle()
        case .character("-"): setCollapsed(true, &state)
        case .character("+"), .character("="): setCollapsed(false, &state)
        case .character("*"): state.collapsed.removeAll()
        case .character("u"): state.mode = .userMenu(nil)
        case .character("/"), .function(3): state.mode = .searching
        case .character("\\"), .function(4): state.mode = .filtering
        case .character("K"):
            state.showsKernelThreads.toggle()
            state.message = state.showsKernelThreads ? "Showing kernel threads" : "Hiding kernel threads"
        case .character("H"):
            state.showsThreads.toggle()
            state.message =
                state.showsThreads ? "Showing userland threads (from the next refresh)" : "Hiding userland threads"
        case .character("g"): cycleGrouping(&state)
        case .character("h"), .character("?"), .function(1): state.mode = .help
        case .character("S"), .function(2): state.mode = .setup(SetupState())
        case .control("l"): return .redrawAll
        case .character(" "):
            toggleTag(&state, snapshot)
            moveSelection(by: 1, &state, rows)
        case .character("c"): tagWithDescendants(&state, snapshot)
        case .character("U"): state.tagged.removeAll()
        case .character("z"): return act(.signal(SIGSTOP), &state, snapshot, confirm: false)
        case .character("r"): return act(.signal(SIGCONT), &state, snapshot, confirm: false)
        case .character("x"): return act(.signal(SIGTERM), &state, snapshot, confirm: true)
        case .character("X"): return act(.signal(SIGKILL), &state, snapshot, confirm: true)
        case .character("G"): return act(.gracefulStop, &state, snapshot, confirm: true)
        case .character("k"), .function(9): openSignalMenu(&state, snapshot)
        case .enter: openInspect(.detail, &state, snapshot)
        case .character("e"): openInspect(.environment, &state, snapshot)
        case .character("l"): openInspect(.descriptors, &state, snapshot)
        case .character("o"): openInspect(.output, &state, snapshot)
        case .character("]"), .function(7): return renice(by: -1, &state, snapshot)
        case .character("["), .function(8): return renice(by: 1, &state, snapshot)
        case .escape: break
        case .mouse(let event): mouse(event, &state, rows, snapshot)
        default: break
        }
        return .none
    }

    /// htop's I/O tab: the I/O columns ordered by IO/s; pressed again, the table as it was.
    static func toggleIOView(_ state: inout ViewState) {
        if let before = state.beforeIOView {
            state.preferences.columns = before.columns
            state.ordering.key = before.key
            state.beforeIOView = nil
        } else {
            state.beforeIOView = ViewState.TableBeforeIOView(
                columns: state.preferences.columns, key: state.ordering.key)
            state.preferences.columns = TableColumn.ioArrangement
            state.ordering.key = .io
            state.ordering.inverted = false
        }
    }

    static func sort(by key: SortKey, _ state: inout ViewState) {
        // Asking again for the current column flips it, as a second click on a header does.
        if state.ordering.key == key {
            state.ordering.inverted.toggle()
        } else {
            state.ordering.key = key
            state.ordering.inverted = false
        }
    }

    private static func cycleSortKey(by step: Int, _ state: inout ViewState) {
        let keys = TableColumn.sortable
        let current = keys.firstIndex(of: state.ordering.key) ?? 0
        state.ordering.key = keys[(current + step + keys.count) % keys.count]
        state.ordering.inverted = false
    }

    private static func setCollapsed(_ collapsed: Bool, _ state: inout ViewState) {
        guard state.ordering.tree, let pid = state.selectedPID else { return }
        if collapsed { state.collapsed.insert(pid) } else { state.collapsed.remove(pid) }
    }

    private static func mouse(
        _ event: MouseEvent, _ state: inout ViewState, _ rows: [DisplayRow], _ snapshot: Snapshot?
    ) {
        let layout = Layout(state: state, cpuCount: snapshot?.system.cpuMeterCount ?? 1)
        switch event.kind {
        case .wheelUp: moveSelection(by: -3, &state, rows)
        case .wheelDown: moveSelection(by: 3, &state, rows)
        case .click where event.row == layout.tableHeaderRow:
            let columns = TableColumn.fitting(state.preferences.columns, width: state.width)
            if let column = TableColumn.at(cell: event.column, in: columns), let key = column.sortKey {
                sort(by: key, &state)
            }
        case .click where event.row >= layout.tableTop && event.row < layout.tableTop + layout.tableHeight:
            select(state.scrollTop + event.row - layout.tableTop, &state, rows)
        case .click: break
        }
    }

    // MARK: Selection

    static func selectedIndex(_ state: ViewState, _ rows: [DisplayRow]) -> Int? {
        if let key = state.selectedGroup { return rows.firstIndex { $0.group?.key == key } }
        guard let pid = state.selectedPID else { return nil }
        return rows.firstIndex { $0.pid == pid && $0.group == nil }
    }

    private static func moveSelection(by delta: Int, _ state: inout ViewState, _ rows: [DisplayRow]) {
        select((selectedIndex(state, rows) ?? 0) + delta, &state, rows)
    }

    static func select(_ index: Int, _ state: inout ViewState, _ rows: [DisplayRow]) {
        guard !rows.isEmpty else { return }
        selectRow(rows[min(max(0, index), rows.count - 1)], &state)
    }

    /// A group row is selected by its key, any other row by its PID.
    static func selectRow(_ row: DisplayRow, _ state: inout ViewState) {
        state.selectedGroup = row.group?.key
        state.selectedPID = row.group == nil ? row.pid : nil
    }

    /// Scrolls so the selected row is on screen; selects the first row when the
    /// selected process is gone from the table.
    public static func keepSelectionVisible(_ state: inout ViewState, rows: [DisplayRow], cpuCount: Int) {
        let height = Layout(state: state, cpuCount: cpuCount).tableHeight
        guard !rows.isEmpty else {
            state.scrollTop = 0
            return
        }
        let index: Int
        if let found = selectedIndex(state, rows) {
            index = found
        } else {
            index = min(max(0, state.scrollTop), rows.count - 1)
            selectRow(rows[index], &state)
        }
        if index < state.scrollTop { state.scrollTop = index }
        if height > 0, index >= state.scrollTop + height { state.scrollTop = index - height + 1 }
        state.scrollTop = max(0, min(state.scrollTop, max(0, rows.count - height)))
    }

    // MARK: Search and filter

    private static func search(_ key: Key, _ state: inout ViewState, _ rows: [DisplayRow], _ snapshot: Snapshot?)
        -> ViewEffect
    {
        switch key {
        case .character(let character):
            state.search.append(character)
            jumpToMatch(from: selectedIndex(state, rows) ?? 0, &state, rows, snapshot)
        case .backspace:
            if !state.search.isEmpty { state.search.removeLast() }
        case .function(3):
            jumpToMatch(from: (selectedIndex(state, rows) ?? -1) + 1, &state, rows, snapshot)
        case .enter: state.mode = .browsing
        case .escape:
            state.search = ""
            state.mode = .browsing
        case .up, .down, .pageUp, .pageDown, .home, .end:
            state.mode = .browsing
            return browse(key, &state, rows, snapshot)
        default: break
        }
        return .none
    }

    private static func jumpToMatch(
        from start: Int, _ state: inout ViewState, _ rows: [DisplayRow], _ snapshot: Snapshot?
    ) {
        guard !state.search.isEmpty, !rows.isEmpty, let processes = snapshot?.processes else { return }
        let matcher = ProcessFilter(state.search)
        for offset in 0..<rows.count {
            let index = (start + offset) % rows.count
            if rows[index].group == nil, matcher.matches(processes[rows[index].row.index]) {
                selectRow(rows[index], &state)
                return
            }
        }
        state.message = "No process matches \"\(state.search)\""
    }

    /// Puts the typed filter in force when it parses; otherwise keeps the old one and says why.
    public static func applyFilter(_ state: inout ViewState) {
        do {
            state.activeFilter = try FilterExpression(parsing: state.filter)
            state.filterError = nil
        } catch {
            state.filterError = error.description
        }
    }

    private static func filter(_ key: Key, _ state: inout ViewState) -> ViewEffect {
        switch key {
        case .character(let character): state.filter.append(character)
        case .backspace: if !state.filter.isEmpty { state.filter.removeLast() }
        case .enter:
            state.mode = .browsing
            // A malformed filter is not kept: the one in force stays, and says why once more.
            if let error = state.filterError { state.message = error + "; kept: " + state.activeFilter.source }
            state.filter = state.activeFilter.source
            state.filterError = nil
            return .none
        case .escape:
            state.filter = ""
            state.mode = .browsing
        default: return .none
        }
        applyFilter(&state)
        return .none
    }

    // MARK: Menus

    /// Up, Down, Home and End in a menu of `count` entries: the entry to highlight
    /// next, kept inside the menu; nil for any other key.
    static func menuPosition(after key: Key, from index: Int, count: Int) -> Int? {
        let position: Int
        switch key {
        case .up: position = index - 1
        case .down: position = index + 1
        case .home: position = 0
        case .end: position = count - 1
        default: return nil
        }
        return min(max(0, position), count - 1)
    }

    private static func sortMenu(_ key: Key, _ highlighted: SortKey, _ state: inout ViewState) -> ViewEffect {
        let keys = TableColumn.sortable
        let index = keys.firstIndex(of: highlighted) ?? 0
        if let position = menuPosition(after: key, from: index, count: keys.count) {
            state.mode = .sortMenu(keys[position])
            return .none
        }
        switch key {
        case .enter:
            state.ordering.key = highlighted
            state.ordering.inverted = false
            state.mode = .browsing
        case .escape, .function(6), .character("q"): state.mode = .browsing
        default: break
        }
        return .none
    }

    private static func userMenu(_ key: Key, _ highlighted: UInt32?, _ state: inout ViewState, _ snapshot: Snapshot?)
        -> ViewEffect
    {
        let entries = UserChoices.menu(in: snapshot)
        let index = UserChoices.position(of: highlighted, in: entries)
        if let position = menuPosition(after: key, from: index, count: entries.count) {
            state.mode = .userMenu(entries[position].uid)
            return .none
        }
        switch key {
        case .enter:
            state.ordering.userID = entries[index].uid
            state.mode = .browsing
        case .escape, .character("q"): state.mode = .browsing
        default: break
        }
        return .none
    }
}

/// The entries of the `u` menu, shared by the reducer (what Enter picks) and the
/// renderer (what is listed and highlighted).
public enum UserChoices {
    public typealias Entry = (uid: UInt32?, name: String)

    /// "All users" (uid nil), then each user that owns a process now, by name.
    public static func menu(in snapshot: Snapshot?) -> [Entry] {
        var seen: [UInt32: String] = [:]
        for process in snapshot?.processes ?? [] { seen[process.details.effectiveUID] = process.details.effectiveUser }
        let users: [Entry] = seen.map { (uid: $0.key, name: $0.value) }.sorted { $0.name < $1.name }
        return [(uid: nil, name: "All users")] + users
    }

    /// Where the highlighted uid is listed; "All users" once that user's last process
    /// has exited, so the highlight and Enter always agree on a listed entry.
    public static func position(of uid: UInt32?, in entries: [Entry]) -> Int {
        entries.firstIndex { $0.uid == uid } ?? 0
    }
}
