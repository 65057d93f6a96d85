import SwtopCore

/// The keys of the grouped view (`g`): cycling the grouping, expanding groups,
/// ordering the group table and tagging whole groups.
extension ViewReducer {
    /// none → program → user → container → unit → cgroup → none.
    static func cycleGrouping(_ state: inout ViewState) {
        let kinds = GroupKind.allCases
        if let current = state.grouping, let index = kinds.firstIndex(of: current) {
            state.grouping = index + 1 < kinds.count ? kinds[index + 1] : nil
        } else {
            state.grouping = kinds[0]
        }
        state.expandedGroups.removeAll()
        state.selectedGroup = nil
        state.message = state.grouping.map { "Grouped by \($0.rawValue)" } ?? "Not grouped"
    }

    /// The keys that mean something else while grouped; nil hands the key to the process view.
    static func browseGroups(_ key: Key, _ state: inout ViewState, _ rows: [DisplayRow], _ snapshot: Snapshot?)
        -> ViewEffect?
    {
        let selected = selectedIndex(state, rows).map { rows[$0] }
        switch key {
        case .enter:
            guard let group = selected?.group else { return nil }
            if state.expandedGroups.remove(group.key) == nil { state.expandedGroups.insert(group.key) }
        case .character("+"), .character("="):
            guard let group = selected?.group else { return ViewEffect.none }
            state.expandedGroups.insert(group.key)
        case .character("-"):
            // On a member row, folds the group it is listed under and selects the group.
            guard let key = selected?.group?.key ?? selected?.memberOf else { return ViewEffect.none }
            state.expandedGroups.remove(key)
            state.selectedGroup = key
            state.selectedPID = nil
        case .character("*"): state.expandedGroups.removeAll()
        case .character("P"): sortGroups(by: .cpu, &state)
        case .character("M"): sortGroups(by: .res, &state)
        case .character("T"): sortGroups(by: .time, &state)
        case .character("N"): sortGroups(by: .key, &state)
        case .character("I"): state.groupOrdering.inverted.toggle()
        case .function(6): state.mode = .groupSortMenu(state.groupOrdering.column)
        case .character("<"), .character(","): cycleGroupColumn(by: -1, &state)
        case .character(">"), .character("."): cycleGroupColumn(by: 1, &state)
        case .character(" "):
            guard let group = selected?.group, let snapshot else { return nil }
            let members = group.members.map { snapshot.processes[$0].identity }
            if members.allSatisfy(state.tagged.contains) {
                state.tagged.subtract(members)
            } else {
                state.tagged.formUnion(members)
            }
            select((selectedIndex(state, rows) ?? 0) + 1, &state, rows)
        case .mouse(let event)
        where event.kind == .click
            && event.row == Layout(state: state, cpuCount: snapshot?.system.cpuMeterCount ?? 1).tableHeaderRow:
            // A click on a group column's title sorts by it (again: inverts).
            guard let column = GroupColumn.at(cell: event.column) else { return ViewEffect.none }
            sortGroups(by: column, &state)
        default: return nil
        }
        return ViewEffect.none
    }

    /// F6 while grouped: the menu lists the group table's columns, not the process columns.
    static func groupSortMenu(_ key: Key, _ highlighted: GroupColumn, _ state: inout ViewState) -> ViewEffect {
        let columns = GroupColumn.allCases
        let index = columns.firstIndex(of: highlighted) ?? 0
        if let position = menuPosition(after: key, from: index, count: columns.count) {
            state.mode = .groupSortMenu(columns[position])
            return .none
        }
        switch key {
        case .enter:
            state.groupOrdering = GroupOrdering(column: highlighted)
            state.mode = .browsing
            state.message = "Groups sorted by \(highlighted.title)"
        case .escape, .function(6), .character("q"): state.mode = .browsing
        default: break
        }
        return .none
    }

    private static func sortGroups(by column: GroupColumn, _ state: inout ViewState) {
        if state.groupOrdering.column == column {
            state.groupOrdering.inverted.toggle()
        } else {
            state.groupOrdering = GroupOrdering(column: column)
        }
        state.message = "Groups sorted by \(column.title)"
    }

    private static func cycleGroupColumn(by step: Int, _ state: inout ViewState) {
        let columns = GroupColumn.allCases
        let current = columns.firstIndex(of: state.groupOrdering.column) ?? 0
        state.groupOrdering = GroupOrdering(column: columns[(current + step + columns.count) % columns.count])
        state.message = "Groups sorted by \(state.groupOrdering.column.title)"
    }
}
