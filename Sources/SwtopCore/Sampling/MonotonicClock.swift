#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

public enum MonotonicClock {
    public static func nanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Sleeps until `descriptor` is readable or the time is up (nil: no limit).
    /// True when it became readable. The wait is rounded up to whole milliseconds
    /// (poll's unit) so it never wakes before the deadline.
    static func waitReadable(_ descriptor: Int32, forNanoseconds duration: UInt64?) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let end = duration.map { nanoseconds() + $0 }
        while true {
            var timeout: Int32 = -1
            if let end {
                let now = nanoseconds()
                let left = end > now ? end - now : 0
                timeout = Int32(clamping: (left + 999_999) / 1_000_000)
            }
            let result = poll(&request, 1, timeout)
            if result > 0 { return true }
            if result == 0 { return false }
            if errno != EINTR { return false }
        }
    }
}
