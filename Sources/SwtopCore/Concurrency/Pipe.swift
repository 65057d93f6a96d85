import Glibc

/// A non-blocking pipe used as a wake-up signal between threads: a byte means
/// "look again"; several pending signals collapse into one.
public final class Pipe: Sendable {
    let readEnd: Int32
    let writeEnd: Int32

    init() {
        guard let ends = Self.openNonBlocking() else {
            fatalError("swtop: cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        (readEnd, writeEnd) = ends
    }

    /// A bare pipe, close-on-exec and non-blocking at both ends, for callers that
    /// must hold plain descriptors (a signal handler cannot touch a Swift object).
    public static func openNonBlocking() -> (readEnd: Int32, writeEnd: Int32)? {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        return (ends[0], ends[1])
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    func signal() {
        var byte: UInt8 = 1
        // EAGAIN means the pipe is full of signals already: nothing lost.
        _ = write(writeEnd, &byte, 1)
    }

    func drain() {
        var scratch = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &scratch, { read(readEnd, $0.baseAddress, $0.count) }) > 0 {}
    }
}
