import Glibc

/// CPU time of this process (user + system, all threads), not wall time: a monitor's
/// cost is the CPU it takes from the machine, and most of it is system time spent
/// by the kernel rendering /proc text. Wall time would also count waiting.
enum CPUClock {
    static func nanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// CPU milliseconds `body` took.
    @inline(never)
    static func milliseconds(_ body: () -> Void) -> Double {
        let start = nanoseconds()
        body()
        return Double(nanoseconds() - start) / 1e6
    }
}

/// Repeated timings of one operation, summarised as median (typical) and minimum
/// (least disturbed by the rest of the machine).
struct Timings {
    private(set) var values: [Double] = []

    mutating func append(_ milliseconds: Double) {
        values.append(milliseconds)
    }

    var median: Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    var minimum: Double { values.min() ?? .nan }
}
