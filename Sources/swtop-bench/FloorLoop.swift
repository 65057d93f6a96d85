import Glibc

/// The floor: the least work that can produce top's default columns. Per PID
/// directory, one stat(2) of the directory (owner) and one read each of `stat`
/// and `statm`; no parsing, no allocation. Whatever a monitor does beyond this is
/// its own overhead; the rest is the kernel rendering /proc text.
final class FloorLoop {
    private let root: String
    /// One buffer for every read. stat and statm are a single short line, so one
    /// read(2) returns all of it and a second read to see EOF would only add a syscall.
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
    /// "PID/statm\0" relative to the root's fd; PIDs have at most 10 digits.
    private let path = UnsafeMutablePointer<CChar>.allocate(capacity: 32)

    struct Result {
        var processes = 0
        /// Summed so the reads have an observable effect.
        var bytes = 0
    }

    init(root: String) {
        self.root = root
    }

    deinit {
        buffer.deallocate()
        path.deallocate()
    }

    func run() -> Result {
        var result = Result()
        guard let directory = opendir(root) else { return result }
        defer { closedir(directory) }
        let rootFD = dirfd(directory)
        var info = stat()
        while let entry = readdir(directory) {
            guard let name = ProcEntries.pidName(entry) else { continue }
            // A process that exits between readdir and here is skipped, as a monitor would.
            guard fstatat(rootFD, name, &info, 0) == 0 else { continue }
            let length = strlen(name)
            guard length < 16 else { continue }
            memcpy(path, name, length)
            result.bytes += readFile(rootFD, suffix: "/stat", at: length)
            result.bytes += readFile(rootFD, suffix: "/statm", at: length)
            result.processes += 1
        }
        return result
    }

    /// Appends `suffix` to the PID in `path` and reads that file once; 0 when it is gone.
    @inline(__always)
    private func readFile(_ rootFD: Int32, suffix: StaticString, at offset: Int) -> Int {
        memcpy(path + offset, suffix.utf8Start, suffix.utf8CodeUnitCount)
        path[offset + suffix.utf8CodeUnitCount] = 0
        let fd = openat(rootFD, path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        let count = read(fd, buffer.baseAddress, buffer.count)
        close(fd)
        return max(0, count)
    }
}
