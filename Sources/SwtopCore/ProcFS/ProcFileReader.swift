#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The only place that reads files of a proc tree. One growing buffer is reused for
/// every read, so the per-process path allocates nothing; the bytes handed to a body
/// are valid only inside it.
///
/// Not thread-safe: each sampling thread owns its reader.
final class ProcFileReader {
    private var buffer: UnsafeMutableRawBufferPointer
    /// Command lines can be huge (`ARG_MAX` is several MiB); beyond this they are cut.
    static let maximumFileSize = 8 << 20

    init(initialCapacity: Int = 4096) {
        buffer = .allocate(byteCount: initialCapacity, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Reads the whole file `name` relative to `directory` (an open directory fd, or
    /// `AT_FDCWD` with an absolute path).
    func withContents<Result>(
        of name: UnsafePointer<CChar>,
        in directory: Int32 = AT_FDCWD,
        singleLine: Bool = false,
        _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result? {
        let fd = openat(directory, name, O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return readAll(fd, singleLine: singleLine).map(body)
    }

    /// Reads a single-line proc file and hands over its owner with it: the uid of a
    /// /proc/PID file is the process's effective uid (root for non-dumpable ones),
    /// the same as its directory's, so one open file yields both.
    func withContentsAndOwner<Result>(
        of name: UnsafePointer<CChar>,
        in directory: Int32,
        _ body: (UnsafeBufferPointer<UInt8>, UInt32) -> Result
    ) -> Result? {
        let fd = openat(directory, name, O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard let bytes = readAll(fd, singleLine: true) else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return body(bytes, info.st_uid)
    }

    /// Reads `fd` to its end into the shared buffer. Nil when the read fails.
    ///
    /// `singleLine` files (stat, statm) are complete once a short read ends in a
    /// newline; skipping the read that would return 0 saves a syscall per process.
    private func readAll(_ fd: Int32, singleLine: Bool) -> UnsafeBufferPointer<UInt8>? {
        var length = 0
        while true {
            if length == buffer.count {
                guard buffer.count < Self.maximumFileSize else { break }
                grow()
            }
            let count = read(fd, buffer.baseAddress! + length, buffer.count - length)
            if count < 0 {
                if errno == EINTR { continue }
                // ESRCH: the process ended after we opened the file. Nothing to parse.
                return nil
            }
            if count == 0 { break }
            length += count
            if singleLine, length < buffer.count, buffer[length - 1] == UInt8(ascii: "\n") { break }
        }
        return UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: length)
    }

    func withContents<Result>(
        ofPath path: String,
        singleLine: Bool = false,
        _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result? {
        path.withCString { withContents(of: $0, singleLine: singleLine, body) }
    }

    /// The target of a symbolic link such as `exe`, or nil when it cannot be read
    /// (another user's process, a kernel thread, a process that just exited).
    func linkTarget(of name: UnsafePointer<CChar>, in directory: Int32) -> [UInt8]? {
        var capacity = 256
        while capacity <= 65536 {
            var target = [UInt8](repeating: 0, count: capacity)
            let count = target.withUnsafeMutableBytes { raw in
                readlinkat(directory, name, raw.baseAddress!.assumingMemoryBound(to: CChar.self), capacity)
            }
            if count < 0 { return nil }
            if count < capacity { return Array(target[..<count]) }
            capacity *= 4
        }
        return nil
    }

    private func grow() {
        let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: min(buffer.count * 2, Self.maximumFileSize), alignment: 16)
        larger.copyMemory(from: UnsafeRawBufferPointer(buffer))
        buffer.deallocate()
        buffer = larger
    }
}
