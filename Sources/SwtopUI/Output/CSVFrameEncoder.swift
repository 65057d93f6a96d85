import SwtopCore

/// `--csv`: RFC 4180 records (CRLF line ends, a field with a comma, a quote or a
/// line end in double quotes, quotes doubled), one per process and frame, after
/// one header record. Each record starts with the frame's timestamp, so that the
/// frames of a run stay apart in one table.
public struct CSVFrameEncoder: Sendable {
    public var ordering: ProcessOrdering
    public var selection: RowSelection
    public var fields: [OutputField]

    public init(
        ordering: ProcessOrdering, selection: RowSelection = RowSelection(),
        fields: [OutputField] = OutputField.batchDefault
    ) {
        self.ordering = ordering
        self.selection = selection
        self.fields = fields
    }

    public var header: String { record(["timestamp"] + fields.map(\.rawValue)) }

    public func encode(_ snapshot: Snapshot) -> String {
        var text = ""
        let timestamp = Units.fixed(snapshot.timestamp, fractionDigits: 3)
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
