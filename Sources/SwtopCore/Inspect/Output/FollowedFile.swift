#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A regular file that a process writes, opened by swtop for reading through
/// /proc/PID/fd/N: swtop's own open file description, so nothing is taken from
/// the process or anyone else. Reads use pread at swtop's own offset.
final class FollowedFile {
    enum Position {
        case start, end
        case lastLines(Int)
        /// Where another follower stopped; from the start if the file is shorter now.
        case offset(Int64)
    }

    enum Opening {
        /// With the tail asked for (empty unless `lastLines`).
        case opened(FollowedFile, tail: [AssembledLine])
        /// The descriptor was replaced by a non-file between the look and the open:
        /// closed unread.
        case notRegular(DescriptorKind)
        case failed(errno: Int32)
    }

    enum Reading {
        case lines([AssembledLine])
        /// The file shrank below what was read: read again from 0.
        case truncated([AssembledLine])
    }

    /// The most read back from the end for a tail.
    static let tailWindow = 256 << 10
    private static let chunkSize = 64 << 10
    private static let lastBytesKept = 32

    let device: UInt64
    let inode: UInt64
    let lines: LineAssembler
    private var descriptor: Int32
    private var offset: Int64
    /// The last bytes read, ending at `offset`: see `stillEndsWithLastBytesRead`.
    private var lastBytesRead: [UInt8] = []

    private init(descriptor: Int32, device: UInt64, inode: UInt64, offset: Int64, lineLimit: Int) {
        self.descriptor = descriptor
        self.device = device
        self.inode = inode
        self.offset = offset
        lines = LineAssembler(limit: lineLimit)
    }

    static func open(path: String, at position: Position, lineLimit: Int) -> Opening {
        let descriptor = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failed(errno: errno) }
        var info = stat()
        // The one check that counts: what was opened, not what the link showed a moment ago.
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            let kind = DescriptorProbe.kind(of: info, target: [])
            Glibc.close(descriptor)
            return .notRegular(kind)
        }
        let size = Int64(info.st_size)
        let file = FollowedFile(descriptor: descriptor, device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
                                offset: 0, lineLimit: lineLimit)
        switch position {
        case .start:
            return .opened(file, tail: [])
        case .end:
            file.offset = size
            file.rememberBytesBeforeOffset()
            return .opened(file, tail: [])
        case .lastLines(let count):
            return .opened(file, tail: file.readTail(lines: count, size: size))
        case .offset(let offset):
            file.offset = offset <= size ? offset : 0
            file.rememberBytesBeforeOffset()
            return .opened(file, tail: [])
        }
    }

    /// How far the file has been read.
    var readOffset: Int64 { offset }

    var identity: FileIdentity { FileIdentity(device: device, inode: inode) }

    func isSame(as probe: DescriptorProbe) -> Bool {
        probe.kind == .file && probe.device == device && probe.inode == inode
    }

    /// The last `count` complete lines before `size`; a last line without its
    /// newline stays pending until the rest is written.
    private func readTail(lines count: Int, size: Int64) -> [AssembledLine] {
        let from = max(0, size - Int64(Self.tailWindow))
        offset = from
        var tail = readAvailable(upTo: size, budget: Self.tailWindow)
        // Started in the middle of a line: that piece is not a line.
        if from > 0, !tail.isEmpty { tail.removeFirst() }
        return Array(tail.suffix(max(0, count)))
    }

    func readNew(budget: Int) -> Reading {
        var info = stat()
        guard descriptor >= 0, fstat(descriptor, &info) == 0 else { return .lines([]) }
        let size = Int64(info.st_size)
        if size < offset || (size > offset && !stillEndsWithLastBytesRead()) {
            offset = 0
            lastBytesRead = []
            lines.reset()
            return .truncated(readAvailable(upTo: size, budget: budget))
        }
        return .lines(readAvailable(upTo: size, budget: budget))
    }

    /// True when the bytes just before `offset` are still the ones read there. A
    /// log truncated and rewritten past the old offset between two polls has the
    /// same size check as one that grew; its old last bytes are gone, though.
    private func stillEndsWithLastBytesRead() -> Bool {
        guard !lastBytesRead.isEmpty else { return true }
        var current = [UInt8](repeating: 0, count: lastBytesRead.count)
        let count = current.withUnsafeMutableBytes {
            pread(descriptor, $0.baseAddress!, $0.count, off_t(offset - Int64(lastBytesRead.count)))
        }
        return count != current.count || current == lastBytesRead
    }

    /// For a file not read up to `offset` by this object (it started at the end).
    private func rememberBytesBeforeOffset() {
        let count = Int(min(offset, Int64(Self.lastBytesKept)))
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, count, off_t(offset - Int64(count))) }
        lastBytesRead = read == count ? bytes : []
    }

    /// Remembers up to `lastBytesKept` bytes before the new offset.
    private func remember(_ chunk: ArraySlice<UInt8>) {
        if chunk.count >= Self.lastBytesKept {
            lastBytesRead = Array(chunk.suffix(Self.lastBytesKept))
        } else {
            lastBytesRead = Array((lastBytesRead + chunk).suffix(Self.lastBytesKept))
        }
    }

    /// Reads from `offset` to `size` (at most `budget` bytes) into lines.
    private func readAvailable(upTo size: Int64, budget: Int) -> [AssembledLine] {
        var result: [AssembledLine] = []
        var remaining = budget
        var chunk = [UInt8](repeating: 0, count: min(Self.chunkSize, max(1, budget)))
        while offset < size, remaining > 0 {
            let wanted = Int(min(Int64(min(chunk.count, remaining)), size - offset))
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, wanted, off_t(offset)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            offset += Int64(count)
            remaining -= count
            remember(chunk[..<count])
            chunk.withUnsafeBufferPointer { result += lines.feed(UnsafeBufferPointer(rebasing: $0[..<count])) }
        }
        return result
    }

    func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
    }

    deinit { close() }
}
