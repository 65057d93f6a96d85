import SwtopCore

/// The memory meter inside a container: the cgroup's use against its `memory.max`,
/// said to be the cgroup's limit; the host's numbers follow in the text form.
extension HeaderRenderer {
    func drawLimitedMemory(
        _ limited: (used: UInt64, limit: UInt64), host: MemoryInfo, style: Meter.Style,
        row: Int, column: Int, width: Int, into frame: inout Frame
    ) {
        let amounts = Units.compactSize(limited.used) + "/" + Units.compactSize(limited.limit) + " (cgroup limit)"
        switch style {
        case .bar:
            drawBar(
                into: &frame, row: row, column: column, width: width, label: "Mem",
                segments: [(Double(limited.used) / Double(max(1, limited.limit)), .memoryUsed)], text: amounts)
        case .text:
            text(
                "Mem: ", amounts, ", host " + Units.compactSize(host.used) + "/" + Units.compactSize(host.total),
                row: row, column: column, width: width, into: &frame)
        }
    }
}
