/// What the sampling thread reads once per tick: a `SnapshotReader`, or in tests a
/// stand-in whose read blocks.
protocol SnapshotSource: AnyObject {
    var options: ScanOptions { get set }
    func read() -> Snapshot
}

extension SnapshotReader: SnapshotSource {}
