/// `/proc/meminfo`, in bytes, and the derived numbers every monitor shows.
public struct MemoryInfo: Equatable, Sendable {
    public var total: UInt64 = 0
    public var free: UInt64 = 0
    /// nil on kernels older than 3.14, which do not estimate it.
    public var available: UInt64?
    public var buffers: UInt64 = 0
    public var cached: UInt64 = 0
    public var reclaimableSlab: UInt64 = 0
    public var shared: UInt64 = 0
    public var swapTotal: UInt64 = 0
    public var swapFree: UInt64 = 0
    public var swapCached: UInt64 = 0

    public init() {}

    /// Page cache plus reclaimable slab: memory the kernel gives back on demand.
    public var cache: UInt64 { cached &+ reclaimableSlab }

    /// As htop and procps count it: what is neither free nor buffers nor cache.
    public var used: UInt64 {
        let notUsed = free &+ buffers &+ cache
        return total > notUsed ? total - notUsed : (total > free ? total - free : 0)
    }

    /// MemAvailable when the kernel gives it, else the classic estimate.
    public var availableOrEstimate: UInt64 { available ?? min(total, free &+ buffers &+ cache) }

    public var swapUsed: UInt64 {
        let notUsed = swapFree &+ swapCached
        return swapTotal > notUsed ? swapTotal - notUsed : 0
    }
}
