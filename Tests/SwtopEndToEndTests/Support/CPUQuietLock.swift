import Glibc

/// Keeps tests that measure CPU% apart from tests that load the CPU on purpose
/// (ChurnTests forks thousands of processes a second, which really does take a
/// core's time away from a busy loop, whatever its nice value). A `.serialized`
/// suite cannot order tests of two test targets, so this is an exclusive flock on a
/// fixed file: it holds across suites, targets and concurrent `swift test` runs on
/// the same machine. ChurnTests takes the same lock by the same path.
enum CPUQuietLock {
    static let path = "/tmp/swtop-tests-cpu.lock"

    static func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        // Without the file (read-only /tmp) the tests still run, just unguarded.
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
