import Glibc

/// The only place that reads files of a proc tree. One growing buffer is reused for
/// every read, so the per-process path allocates nothing; the bytes handed to a body
/// are valid only inside it.
///
/// Every file is opened O_NONBLOCK: a FIFO or a device where a proc file should be
/// (a `--proc-root` tree, a bind mount) must not block the thread that reads it.
///
/// Not thread-safe: each sampling thread owns its reader.
final class ProcFileReader {
    private var buffer: UnsafeMutableRawBufferPointer
    /// Command lines can be huge (`ARG_MAX` is several MiB); beyond this they are cut.
    static let maximumFileSize = 8 << 20
    /// openat(2); tests pass one that fails as a full descriptor table does.
    typealias Opener = (_ directory: Int32, _ name: UnsafePointer<CChar>, _ flags: Int32) -> Int32
    private let opener: Opener
    /// errno of the last open that failed, 0 after one that worked.
    private(set) var lastOpenError: Int32 = 0

    init(initialCapacity: Int = 4096, opener: @escaping Opener = { openat($0, $1, $2) }) {
        buffer = .allocate(byteCount: initialCapacity, alignment: 16)
        self.opener = opener
    }

    deinit { buffer.deallocate() }

    /// True when the last open failed for want of descriptors (EMFILE, ENFILE):
    /// that says nothing about the process, which must not be taken for gone.
    var ranOutOfDescriptors: Bool { lastOpenError == EMFILE || lastOpenError == ENFILE }

    /// Opens `name` relative to `directory` for reading, close-on-exec, non-blocking,
    /// never as a controlling terminal; a directory when `isDirectory`. -1 on failure,
    /// with `lastOpenError` set.
    func open(_ name: UnsafePointer<CChar>, in directory: Int32 = AT_FDCWD, isDirectory: Bool = false) -> Int32 {
        let fd = opener(directory, name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (isDirectory ? O_DIRECTORY : 0))
        lastOpenError = fd >= 0 ? 0 : errno
        return fd
    }

    /// Reads the whole file `name` relative to `directory` (an open directory fd, or
    /// `AT_FDCWD` with an absolute path), or its first `limit` bytes, and hands them
    /// to `body`, a parser: nil when the file cannot be read or `body` finds nothing.
    func withContents<Result>(
        of name: UnsafePointer<CChar>,
        in directory: Int32 = AT_FDCWD,
        singleLine: Bool = false,
        limit: Int = maximumFileSize,
        _ body: (UnsafeBufferPointer<UInt8>) -> Result?
    ) -> Result? {
        let fd = open(name, in: directory)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return readAll(fd, singleLine: singleLine, limit: min(limit, Self.maximumFileSize)).flatMap(body)
    }

    /// Reads a single-line proc file and hands over its owner with it: the uid of a
    /// /proc/PID file is the process's effective uid (root for non-dumpable ones),
    /// the same as its directory's, so one open file yields both.
    func withContentsAndOwner<Result>(
        of name: UnsafePointer<CChar>,
        in directory: Int32,
        _ body: (UnsafeBufferPointer<UInt8>, UInt32) -> Result?
    ) -> Result? {
        let fd = open(name, in: directory)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard let bytes = readAll(fd, singleLine: true, limit: Self.maximumFileSize) else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return body(bytes, info.st_uid)
    }

    /// Reads `fd` to its end, or to `limit` bytes, into the shared buffer. Nil when
    /// the read fails (EAGAIN included: a FIFO with nothing to read).
    ///
    /// `singleLine` files (stat, statm) are complete once a short read ends in a
    /// newline; skipping the read that would return 0 saves a syscall per process.
    private func readAll(_ fd: Int32, singleLine: Bool, limit: Int) -> UnsafeBufferPointer<UInt8>? {
        var length = 0
        while length < limit {
            if length == buffer.count { grow(upTo: limit) }
            let count = read(fd, buffer.baseAddress! + length, min(buffer.count, limit) - length)
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
        limit: Int = maximumFileSize,
        _ body: (UnsafeBufferPointer<UInt8>) -> Result?
    ) -> Result? {
        path.withCString { withContents(of: $0, singleLine: singleLine, limit: limit, body) }
    }

    /// The target of a symbolic link such as `exe`, or nil when it cannot be read
    /// (another user's process, a kernel thread, a process that just exited).
    func linkTarget(of name: UnsafePointer<CChar>, in directory: Int32) -> [UInt8]? {
        SymbolicLink.target(of: name, in: directory)
    }

    private func grow(upTo limit: Int) {
        let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: min(buffer.count * 2, limit), alignment: 16)
        larger.copyMemory(from: UnsafeRawBufferPointer(buffer))
        buffer.deallocate()
        buffer = larger
    }
}
