import Glibc

/// A value shared between threads, under a pthread mutex.
///
/// Not `Synchronization.Mutex`: on Linux its contended path is a priority-inheritance
/// futex, where the kernel hands the lock to the waiter without a user-space atomic
/// that ThreadSanitizer could see, so the sanitizer reports races that are not there.
/// ThreadSanitizer intercepts pthread mutexes, and the uncontended cost is the same.
public final class Locked<Value: Sendable>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    // Only read or written with `mutex` held.
    private var value: Value

    public init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
