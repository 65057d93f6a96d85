import SwtopCore
// Spawning, tmux sessions and the tests' own reading of /proc come from the
// harness the bench shares; every test file sees them through this import.
@_exported import SwtopHarness

/// The monotonic clock under the names the tests use.
enum Clock {
    /// Seconds on the monotonic clock.
    static func now() -> Double { MonotonicClock.seconds() }

    /// Polls `condition` every 10 ms until it holds or `seconds` pass; returns its last value.
    static func wait(upTo seconds: Double, until condition: () -> Bool) -> Bool {
        MonotonicClock.wait(upTo: seconds, until: condition)
    }
}
