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

    /// As `free` and `top` of procps-ng 4 and psutil count it: MemTotal − MemAvailable,
    /// the memory the kernel could not give to a new program without swapping.
    /// Without MemAvailable (kernels before 3.14), the classic estimate: what is
    /// neither free nor buffers nor cache (total − free where those exceed the total,
    /// as procps did).
    public var used: UInt64 {
        if let available { return total - min(total, available) }
        let notUsed = free &+ buffers &+ cache
        return total > notUsed ? total - notUsed : total - min(total, free)
    }

    /// MemAvailable when the kernel gives it, else the classic estimate.
    public var availableOrEstimate: UInt64 { available ?? min(total, free &+ buffers &+ cache) }

    /// The memory meter's parts, which add up to what is not free (MemTotal −
    /// MemFree): `used` split into shared memory (tmpfs, shm: Shmem, which the kernel
    /// cannot reclaim, so it is inside `used`) and the rest, then buffers, then the
    /// reclaimable cache. Each part is cut to what is left, so a counter that
    /// disagrees with the others cannot make the parts overlap.
    public var composition: (usedOther: UInt64, shared: UInt64, buffers: UInt64, cache: UInt64) {
        let notFree = total - min(total, free)
        let used = min(self.used, notFree)
        let shared = min(self.shared, used)
        let buffers = min(self.buffers, notFree - used)
        return (used - shared, shared, buffers, notFree - used - buffers)
    }

    /// As `free` of procps-ng 4 and psutil count it: SwapTotal − SwapFree. Part of
    /// it may also be in memory (`swapCached`), which the meter shows apart.
    public var swapUsed: UInt64 { swapTotal - min(swapTotal, swapFree) }
}
