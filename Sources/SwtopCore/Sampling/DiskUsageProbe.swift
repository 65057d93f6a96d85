import Glibc

/// statvfs(3) for the disk meters, off the sampling thread: on a hard-mounted NFS
/// share whose server is gone it never returns, and the sampler must go on.
///
/// Each mount point has at most one call outstanding, on a detached thread of its
/// own: a stuck mount holds one thread, not one more per refresh. A round waits a
/// short while for the calls it started; a meter shows the last answer its mount
/// gave, and is marked stalled while a call has been outstanding for a second.
final class DiskUsageProbe {
    typealias Query = @Sendable (String) -> DiskUsage
    /// How long a round waits for the calls it started: a healthy statvfs takes microseconds.
    static let roundWaitNanoseconds: UInt64 = 100_000_000
    private let query: Query
    private let calls: OutstandingCalls

    /// - Parameter stallNanoseconds: an outstanding call older than this marks its
    ///   meter as not responding.
    init(stallNanoseconds: UInt64 = 1_000_000_000, query: @escaping Query) {
        self.query = query
        calls = OutstandingCalls(stallNanoseconds: stallNanoseconds)
    }

    /// Usage of each of `mounts`, in order.
    func usage(of mounts: [String]) -> [DiskUsage] {
        let started = calls.begin(mounts, at: MonotonicClock.nanoseconds())
        var running: [String] = []
        for mount in started {
            let (query, calls) = (query, calls)
            if ThreadLauncher.startDetached({ calls.finish(mount, with: query(mount)) }) {
                running.append(mount)
            } else {
                calls.abandon(mount)
            }
        }
        let deadline = MonotonicClock.nanoseconds() + Self.roundWaitNanoseconds
        while !calls.haveFinished(running) {
            let now = MonotonicClock.nanoseconds()
            guard now < deadline, MonotonicClock.waitReadable(calls.finished.readEnd, forNanoseconds: deadline - now)
            else { break }
            calls.finished.drain()
        }
        return calls.report(mounts, at: MonotonicClock.nanoseconds())
    }
}

/// What the probe threads and the sampling thread share, under one lock.
private final class OutstandingCalls: Sendable {
    private struct Mount {
        /// When the outstanding call started; nil when none is.
        var startedAt: UInt64?
        var last: DiskUsage?
    }

    private let mounts = Locked<[String: Mount]>([:])
    private let stallNanoseconds: UInt64
    /// A byte per finished call, so the round can sleep until one finishes.
    let finished = Pipe()

    init(stallNanoseconds: UInt64) {
        self.stallNanoseconds = stallNanoseconds
    }

    /// Marks a call outstanding for each of `wanted` that has none; returns those.
    /// Mounts no longer wanted are forgotten once their call, if any, is over.
    func begin(_ wanted: [String], at now: UInt64) -> [String] {
        mounts.withLock { mounts in
            mounts = mounts.filter { wanted.contains($0.key) || $0.value.startedAt != nil }
            var started: [String] = []
            for mount in wanted where mounts[mount]?.startedAt == nil && !started.contains(mount) {
                mounts[mount, default: Mount()].startedAt = now
                started.append(mount)
            }
            return started
        }
    }

    func finish(_ mount: String, with usage: DiskUsage) {
        mounts.withLock { $0[mount] = Mount(startedAt: nil, last: usage) }
        finished.signal()
    }

    /// No thread could be started for it: it is tried again next round.
    func abandon(_ mount: String) {
        mounts.withLock { $0[mount]?.startedAt = nil }
    }

    func haveFinished(_ wanted: [String]) -> Bool {
        mounts.withLock { mounts in wanted.allSatisfy { mounts[$0]?.startedAt == nil } }
    }

    func report(_ wanted: [String], at now: UInt64) -> [DiskUsage] {
        mounts.withLock { mounts in
            wanted.map { mount in
                var usage = mounts[mount]?.last ?? DiskUsage(mountPoint: mount, totalBytes: nil)
                if let startedAt = mounts[mount]?.startedAt, now &- startedAt >= stallNanoseconds {
                    usage.isStalled = true
                }
                return usage
            }
        }
    }
}
