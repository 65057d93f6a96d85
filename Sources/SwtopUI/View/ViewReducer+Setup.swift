/// The setup screen's keys: every change goes straight into the view state, so
/// the table and header behind the panel show it at once.
extension ViewReducer {
    static func setup(_ key: Key, _ setup: SetupState, _ state: inout ViewState) -> ViewEffect {
        var setup = setup
        // Lists shrink under the highlight (a disk meter for an unmounted path is no
        // longer offered once removed): every key starts and ends on a listed entry.
        let count = SetupMenu.count(of: setup.page, state)
        setup.index = clamped(setup.index, count: count)
        let pages = SetupState.Page.allCases
        switch key {
        case .escape, .function(2), .function(10), .character("q"), .character("S"):
            state.mode = .browsing
            return .none
        case .left, .right, .tab:
            let step = key == .left ? -1 : 1
            setup.page = pages[(setup.page.rawValue + step + pages.count) % pages.count]
            setup.index = 0
        case .up: setup.index = max(0, setup.index - 1)
        case .down: setup.index = min(count - 1, setup.index + 1)
        case .home: setup.index = 0
        case .end: setup.index = count - 1
        case .pageUp: setup.index = max(0, setup.index - 10)
        case .pageDown: setup.index = min(count - 1, setup.index + 10)
        case .character(" "), .enter: setup.index = toggle(setup, &state)
        case .function(7), .character("<"): setup.index = move(setup, by: -1, &state)
        case .function(8), .character(">"): setup.index = move(setup, by: 1, &state)
        case .character("s") where setup.page == .columns:
            let column = SetupMenu.columns(state)[setup.index]
            if let sortKey = column.sortKey {
                sort(by: sortKey, &state)
            } else {
                state.message = "\(column.title) is read for the rows on screen only and cannot be sorted by"
            }
        case .character("I") where setup.page == .columns: state.ordering.inverted.toggle()
        case .character("b") where setup.page == .meters:
            changeMeter(setup.index, &state) { $0.style = $0.style == .bar ? .text : .bar }
        case .character("c") where setup.page == .meters:
            changeMeter(setup.index, &state) { $0.side = $0.side == .left ? .right : .left }
        default: break
        }
        setup.index = clamped(setup.index, count: SetupMenu.count(of: setup.page, state))
        state.mode = .setup(setup)
        return .none
    }

    private static func clamped(_ index: Int, count: Int) -> Int { max(0, min(index, count - 1)) }

    /// Turns the highlighted entry on or off; returns where the highlight goes (it
    /// follows a column or meter to its new place in the list).
    private static func toggle(_ setup: SetupState, _ state: inout ViewState) -> Int {
        switch setup.page {
        case .columns:
            let column = SetupMenu.columns(state)[setup.index]
            if let position = state.preferences.columns.firstIndex(of: column) {
                // The table needs a column; the last one stays.
                guard state.preferences.columns.count > 1 else {
                    state.message = "The table needs at least one column"
                    return setup.index
                }
                state.preferences.columns.remove(at: position)
            } else {
                state.preferences.columns.append(column)
            }
            return SetupMenu.columns(state).firstIndex(of: column) ?? setup.index
        case .meters:
            let kind = SetupMenu.meters(state)[setup.index]
            if let position = state.preferences.meters.firstIndex(where: { $0.kind == kind }) {
                state.preferences.meters.remove(at: position)
            } else {
                let side: Meter.Side =
                    state.preferences.meters.filter { $0.side == .left }.count
                        <= state.preferences.meters.filter { $0.side == .right }.count ? .left : .right
                state.preferences.meters.append(Meter(kind, .bar, side))
            }
            return SetupMenu.meters(state).firstIndex(of: kind) ?? setup.index
        case .colors:
            state.preferences.colorScheme = ColorScheme.allCases[setup.index]
        case .display:
            DisplayOption.allCases[setup.index].toggle(&state)
        }
        return setup.index
    }

    /// Moves the highlighted column or meter one place; returns where the highlight goes.
    private static func move(_ setup: SetupState, by step: Int, _ state: inout ViewState) -> Int {
        switch setup.page {
        case .columns:
            return swapped(&state.preferences.columns, setup.index, step) ?? setup.index
        case .meters:
            return swapped(&state.preferences.meters, setup.index, step) ?? setup.index
        case .colors, .display:
            return setup.index
        }
    }

    /// Swaps `items[index]` with its neighbour when both exist; the neighbour's index.
    private static func swapped<T>(_ items: inout [T], _ index: Int, _ step: Int) -> Int? {
        let other = index + step
        guard items.indices.contains(index), items.indices.contains(other) else { return nil }
        items.swapAt(index, other)
        return other
    }

    private static func changeMeter(_ index: Int, _ state: inout ViewState, _ change: (inout Meter) -> Void) {
        guard state.preferences.meters.indices.contains(index) else { return }
        var meter = state.preferences.meters[index]
        change(&meter)
        guard meter.kind.hasFraction || meter.style == .text else {
            state.message = "\(meter.kind.name) is shown as text only"
            return
        }
        state.preferences.meters[index] = meter
    }
}
