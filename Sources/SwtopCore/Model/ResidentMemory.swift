/// RES and SHR of one process from `/proc/PID/statm`, in bytes.
///
/// Exact: `statm` (like `status`) sums the kernel's per-CPU memory counters,
/// while the rss field of `stat` reads their approximate global total, which can
/// be off by the counter batch times the number of CPUs (and 0 for small
/// processes on machines with many CPUs). Both come from one read, so SHR ≤ RES.
public struct ResidentMemory: Equatable, Sendable {
    public var residentBytes: UInt64
    public var sharedBytes: UInt64

    public init(residentBytes: UInt64, sharedBytes: UInt64) {
        self.residentBytes = residentBytes
        self.sharedBytes = sharedBytes
    }
}
