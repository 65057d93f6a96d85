import Glibc

/// Samples the system on a thread of its own every `interval` seconds and publishes
/// each `Snapshot` for any thread to pick up. The sampling thread owns all the
/// mutable state (previous counters, caches); readers only ever see finished,
/// immutable snapshots, handed over under a mutex.
///
/// A reader can wait for the next snapshot with `waitForSnapshot(newerThan:)`, or
/// poll `notificationDescriptor` together with its own input (the interactive view).
public final class Sampler: Sendable {
    private let channel: SnapshotChannel
    private let stopPipe: Pipe
    private let nudgePipe: Pipe
    private let thread = Locked<LaunchedThread?>(nil)
    /// Made on the sampling thread, which then owns it.
    private let makeSource: @Sendable (ScanOptions) -> any SnapshotSource
    private let options: SharedScanOptions
    public let interval: Double

    public convenience init(procFS: ProcFS, interval: Double, options: ScanOptions = ScanOptions()) {
        self.init(interval: interval, options: options) { SnapshotReader(procFS: procFS, options: $0) }
    }

    /// Samples what `makeSource` makes (tests pass a source that blocks).
    init(
        interval: Double, options: ScanOptions = ScanOptions(),
        makeSource: @escaping @Sendable (ScanOptions) -> any SnapshotSource
    ) {
        precondition(interval > 0, "the sampling interval must be positive")
        self.makeSource = makeSource
        self.interval = interval
        self.options = SharedScanOptions(options)
        channel = SnapshotChannel()
        stopPipe = Pipe()
        nudgePipe = Pipe()
    }

    deinit { stop() }

    /// The newest snapshot, nil before the first one is ready.
    public var latest: Snapshot? { channel.latest }

    /// Readable whenever a snapshot was published since it was last drained.
    public var notificationDescriptor: Int32 { channel.pipe.readEnd }

    /// Changes what the next samples read (the view sorts by SHR, say).
    public var scanOptions: ScanOptions {
        get { options.value }
        set { options.value = newValue }
    }

    /// Brings the next sample forward to about a tenth of a second from now, so
    /// that what an action did (a process stopped, ended, reniced) shows at once
    /// rather than at the next tick, which may be seconds away.
    public func sampleSoon() { nudgePipe.signal() }

    /// Empties `notificationDescriptor` after it polled readable.
    public func drainNotifications() { channel.pipe.drain() }

    public func start() {
        thread.withLock { thread in
            guard thread == nil, !channel.isClosed else { return }
            let body = SamplingLoop(
                makeSource: makeSource, interval: interval, channel: channel,
                stop: stopPipe, nudge: nudgePipe, options: options)
            thread = ThreadLauncher.start { body.run() }
        }
    }

    /// Ends the sampling thread and waits for it. A waiting reader then gets nil;
    /// a stopped sampler stays stopped.
    public func stop() {
        stop(waitingAtMost: nil)
    }

    /// Ends the sampling thread, waiting at most `seconds` (nil: as long as it takes).
    /// False when the thread did not end in time: it is stuck in a read that does not
    /// return (a file system that stopped answering, a process's locked memory),
    /// and is left to end with the process, which may then exit regardless.
    @discardableResult
    public func stop(waitingAtMost seconds: Double?) -> Bool {
        guard
            let running = thread.withLock({ thread -> LaunchedThread? in
                defer { thread = nil }
                return thread
            })
        else { return true }
        stopPipe.signal()
        let ended = ThreadLauncher.join(running, waitingAtMost: seconds)
        channel.close()
        return ended
    }

    /// Blocks until a snapshot newer than `generation` is published; nil once stopped.
    public func waitForSnapshot(newerThan generation: UInt64) -> Snapshot? {
        channel.wait(newerThan: generation)
    }
}

/// The sampling thread's body: sample, publish, sleep to the next tick. It holds
/// its pipes itself: a thread left stuck by a timed stop may outlive the `Sampler`.
private struct SamplingLoop: Sendable {
    let makeSource: @Sendable (ScanOptions) -> any SnapshotSource
    let interval: Double
    let channel: SnapshotChannel
    let stop: Pipe
    let nudge: Pipe
    let options: SharedScanOptions

    /// How soon a nudged sample comes: a signalled process needs a moment to act on
    /// it, and CPU% measured over a few milliseconds would be noise.
    static let nudgeDelayNanoseconds: UInt64 = 100_000_000

    func run() {
        let reader = makeSource(options.value)
        let intervalNanoseconds = UInt64(interval * 1e9)
        var deadline = MonotonicClock.nanoseconds()
        var samples = 0
        while true {
            reader.options = options.value
            channel.publish(reader.read())
            samples &+= 1
            if samples % Self.samplesPerTrim == 0 { Self.returnFreedMemory() }
            // Ticks stay on a fixed grid; after a sample that overran, or a nudge,
            // the grid starts again from there.
            deadline += intervalNanoseconds
            var now = MonotonicClock.nanoseconds()
            if deadline < now { deadline = now }
            while deadline > now {
                switch MonotonicClock.waitReadable([stop.readEnd, nudge.readEnd], forNanoseconds: deadline - now) {
                case 0?: return
                case 1?:
                    nudge.drain()
                    deadline = min(deadline, MonotonicClock.nanoseconds() + Self.nudgeDelayNanoseconds)
                default: break
                }
                now = MonotonicClock.nanoseconds()
            }
        }
    }
}

extension SamplingLoop {
    static let samplesPerTrim = 50

    /// Gives the pages of freed allocations back to the kernel. Every sample
    /// allocates and frees arrays and strings whose sizes follow the process count,
    /// on two threads; glibc keeps what they free inside its heaps, and under
    /// process churn the resident size crept up by about 2 MiB over 10,000 samples
    /// while the memory in use stayed under 1 MiB. Trimming a heap that small takes
    /// microseconds.
    static func returnFreedMemory() {
        _ = mallocTrim?(0)
    }

    /// glibc's malloc_trim(3), looked up at run time: Swift's Glibc module does not
    /// show <malloc.h>, and another C library may not have it (then nothing is trimmed).
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        // RTLD_DEFAULT is a null handle in glibc.
        guard let address = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(address, to: (@convention(c) (Int) -> Int32).self)
    }()
}

/// Scan options the reader thread may change while the sampling thread runs.
private final class SharedScanOptions: Sendable {
    private let storage: Locked<ScanOptions>

    init(_ options: ScanOptions) { storage = Locked(options) }

    var value: ScanOptions {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
