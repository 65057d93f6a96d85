import Glibc

/// Hands finished snapshots from the sampling thread to readers: the value under
/// a mutex, and a byte in a pipe so a reader can sleep in poll(2) until the next one.
final class SnapshotChannel: Sendable {
    private struct State {
        var latest: Snapshot?
        var closed = false
    }

    private let state = Locked(State())
    let pipe = Pipe()

    var latest: Snapshot? { state.withLock { $0.latest } }

    var isClosed: Bool { state.withLock { $0.closed } }

    func publish(_ snapshot: Snapshot) {
        state.withLock { $0.latest = snapshot }
        pipe.signal()
    }

    func close() {
        state.withLock { $0.closed = true }
        pipe.signal()
    }

    func wait(newerThan generation: UInt64) -> Snapshot? {
        while true {
            let (snapshot, closed) = state.withLock { ($0.latest, $0.closed) }
            if let snapshot, snapshot.generation > generation { return snapshot }
            if closed { return nil }
            _ = MonotonicClock.waitReadable(pipe.readEnd, forNanoseconds: nil)
            pipe.drain()
        }
    }
}
