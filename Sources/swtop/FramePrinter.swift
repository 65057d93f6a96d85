import SwtopCore
import SwtopUI

/// One frame of `--batch`, `--json`, `--csv` or `--openmetrics`, the same for a live
/// sample and a recorded one.
struct FramePrinter {
    enum Format { case text, json, csv, openMetrics }

    let format: Format
    private let text: BatchTextRenderer
    private let json: JSONFrameEncoder
    private let metrics: OpenMetricsEncoder
    private let csv: CSVFrameEncoder

    init(
        format: Format, ordering: ProcessOrdering, grouping: GroupKind?, selection: RowSelection,
        fields: [OutputField]?
    ) {
        self.format = format
        text = BatchTextRenderer(ordering: ordering, grouping: grouping, selection: selection, fields: fields)
        json = JSONFrameEncoder(ordering: ordering, grouping: grouping, selection: selection, fields: fields)
        metrics = OpenMetricsEncoder(ordering: ordering, selection: selection, grouping: grouping)
        csv = CSVFrameEncoder(
            ordering: ordering, selection: selection, fields: fields ?? OutputField.batchDefault, grouping: grouping)
    }

    /// - Parameter index: how many frames came before: the first text frame has no
    ///   blank line before it, the first CSV frame brings the header.
    func frame(_ snapshot: Snapshot, index: Int) -> String {
        switch format {
        case .text: (index > 0 ? "\n" : "") + text.render(snapshot)
        case .json: json.encode(snapshot) + "\n"
        case .csv: (index == 0 ? csv.header : "") + csv.encode(snapshot)
        case .openMetrics: metrics.encode(snapshot)
        }
    }
}
