import SwtopCore

/// `--csv`: RFC 4180 records (CRLF line ends, a field with a comma, a quote or a
/// line end in double quotes, quotes doubled), one per process and frame, after
/// one header record. Each record starts with the frame's timestamp, so that the
/// frames of a run stay apart in one table. With `--group`, one record per group
/// (the names of the JSON group object) instead.
public struct CSVFrameEncoder: Sendable {
    public var ordering: ProcessOrdering
    public var selection: RowSelection
    public var fields: [OutputField]
    public var grouping: GroupKind?

    public init(
        ordering: ProcessOrdering, selection: RowSelection = RowSelection(),
        fields: [OutputField] = OutputField.batchDefault, grouping: GroupKind? = nil
    ) {
        self.ordering = ordering
        self.selection = selection
        self.fields = fields
        self.grouping = grouping
    }

    static let groupColumns = [
        "group_by", "key", "count", "cpu_percent", "memory_percent", "res_bytes", "res_min", "res_mean", "res_median",
        "res_max", "cpu_ticks", "threads",
    ]

    public var header: String { record(["timestamp"] + (grouping == nil ? fields.map(\.rawValue) : Self.groupColumns)) }

    public func encode(_ snapshot: Snapshot) -> String {
        var text = ""
        let timestamp = Units.fixed(snapshot.timestamp, fractionDigits: 3)
        if let grouping {
            for group in selection.groups(of: snapshot, by: grouping, userID: ordering.userID) {
                let statistics = group.resident
                text += record([
                    timestamp, grouping.rawValue, TerminalText.escape(group.key), String(group.count),
                    group.cpuPercent.map { Units.fixed($0, fractionDigits: 2) } ?? "",
                    Units.fixed(group.memoryPercent, fractionDigits: 2), String(group.residentBytes),
                    String(statistics.minimum), Units.fixed(statistics.mean, fractionDigits: 1),
                    Units.fixed(statistics.median, fractionDigits: 1), String(statistics.maximum),
                    String(group.cpuTicks), String(group.threads),
                ])
            }
            return text
        }
        for row in selection.rows(of: snapshot, ordering: ordering) {
            let process = snapshot.processes[row.index]
            text += record([timestamp] + fields.map { $0.plainValue(process, snapshot.system) })
        }
        return text
    }

    private func record(_ values: [String]) -> String {
        values.map(Self.quoted).joined(separator: ",") + "\r\n"
    }

    static func quoted(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return value
        }
        var text = "\""
        for character in value { text += character == "\"" ? "\"\"" : String(character) }
        return text + "\""
    }
}
