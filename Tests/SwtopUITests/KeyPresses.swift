import SwtopCore

@testable import SwtopUI

/// Applies keys the way the run loop does: the rows are rebuilt before each one.
/// Returns the effect of the last key.
func press(_ keys: [Key], _ state: inout ViewState, snapshot: Snapshot) -> ViewEffect {
    var effect = ViewEffect.none
    for key in keys {
        let rows = DisplayTable.rows(of: snapshot, state: state)
        ViewReducer.keepSelectionVisible(&state, rows: rows, cpuCount: 1)
        effect = ViewReducer.handle(key, state: &state, rows: rows, snapshot: snapshot)
    }
    return effect
}
