/// The header's last line while looking at the past: which sample, from when, and
/// the keys that move through them.
extension ViewRenderer {
    static func drawHistoryLine(_ history: HistoryPosition, row: Int, into frame: inout Frame) {
        let what = history.isRecording ? "Replay: " : "Paused: "
        var column = frame.put(what, row: row, column: 0, style: .meterLabel)
        column = frame.put(
            WallClock.local.dateAndTime(history.timestamp), row: row, column: column, style: .bold)
        column = frame.put(
            ", sample \(history.number) of \(history.count)   ", row: row, column: column, style: .meterText)
        let keys = "{ } sample  ( ) minute  [ ] hour  @ go to" + (history.isRecording ? "" : "  Z live")
        frame.put(keys, row: row, column: column, style: .dim, limit: max(0, frame.width - column))
    }
}
