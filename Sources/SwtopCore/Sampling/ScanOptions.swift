/// What a sample reads beyond `/proc/PID/stat`. Every extra file per process costs a
/// kernel text render per refresh, so each one is opt-in.
public struct ScanOptions: Sendable, Equatable {
    /// Read `statm` for SHR.
    public var readsSharedMemory: Bool

    public init(readsSharedMemory: Bool = false) {
        self.readsSharedMemory = readsSharedMemory
    }
}
