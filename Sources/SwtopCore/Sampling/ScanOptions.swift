/// What a sample reads beyond `/proc/PID/stat`. Every extra file per process costs a
/// kernel text render per refresh, so each one is opt-in.
public struct ScanOptions: Sendable, Equatable {
    /// Read `statm` for SHR.
    public var readsSharedMemory: Bool
    /// List /proc/PID/task and read each thread's stat (the view's `H`).
    public var readsThreads: Bool

    public init(readsSharedMemory: Bool = false, readsThreads: Bool = false) {
        self.readsSharedMemory = readsSharedMemory
        self.readsThreads = readsThreads
    }
}
