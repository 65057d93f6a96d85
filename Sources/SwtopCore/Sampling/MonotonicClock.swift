import Glibc

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
        waitReadable([descriptor], forNanoseconds: duration) != nil
    }

    /// Sleeps until one of `descriptors` is readable or the time is up (nil: no
    /// limit). Returns the index of the first readable one; nil when the time is up.
    static func waitReadable(_ descriptors: [Int32], forNanoseconds duration: UInt64?) -> Int? {
        var requests = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let end = duration.map { nanoseconds() + $0 }
        while true {
            var timeout: Int32 = -1
            if let end {
                let now = nanoseconds()
                let left = end > now ? end - now : 0
                timeout = Int32(clamping: (left + 999_999) / 1_000_000)
            }
            let result = poll(&requests, nfds_t(requests.count), timeout)
            if result > 0 { return requests.firstIndex { $0.revents != 0 } }
            if result == 0 { return nil }
            if errno != EINTR { return nil }
        }
    }
}
