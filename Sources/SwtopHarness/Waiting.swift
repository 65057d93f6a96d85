import Glibc
import SwtopCore

// The one monotonic clock of the tests, the bench and swtop itself: SwtopCore's.
extension MonotonicClock {
    /// The monotonic clock in seconds, for deadlines and durations given in seconds.
    public static func seconds() -> Double {
        Double(nanoseconds()) / 1e9
    }

    /// Polls `condition` every `interval` seconds until it holds or `seconds` pass;
    /// returns its last value.
    public static func wait(upTo seconds: Double, every interval: Double = 0.01, until condition: () -> Bool) -> Bool {
        let deadline = self.seconds() + seconds
        while true {
            if condition() { return true }
            if self.seconds() >= deadline { return false }
            usleep(useconds_t(interval * 1e6))
        }
    }
}
