import Glibc

/// A regular file that a process writes, opened by swtop for reading from the
/// process's descriptor (a `DescriptorHandle`): swtop's own open file description,
/// so nothing is taken from the process or anyone else. Reads use pread at swtop's
/// own offset.
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
        case failed(errno: Int32)
    }

    /// What one read brought, in file order.
    enum Piece: Equatable {
        case line(AssembledLine)
        /// Bytes passed over unread: holes of a sparse file, or what did not fit the
        /// budget of a reader that skips (`--watch-output`).
        case skipped(Int64)
    }

    struct Reading {
        /// The file shrank below what was read (or was rewritten): read again from 0.
        var wasTruncated = false
        var pieces: [Piece] = []
        /// Bytes read, out of the budget; skipped ones do not count.
        var bytesRead = 0
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

    private init(descriptor: Int32, device: UInt64, inode: UInt64, offset: Int64, lines: LineAssembler) {
        self.descriptor = descriptor
        self.device = device
        self.inode = inode
        self.offset = offset
        self.lines = lines
    }

    /// Opens the regular file `handle` holds for reading, through the handle's own
    /// /proc/self/fd link: the same inode, whatever the process does meanwhile
    /// with its descriptor.
    static func open(_ handle: DescriptorHandle, at position: Position, lines: LineAssembler) -> Opening {
        guard handle.kind == .file else { return .failed(errno: EINVAL) }
        let descriptor = Glibc.open(handle.ownLink, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failed(errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
            info.st_dev == handle.info.st_dev, info.st_ino == handle.info.st_ino
        else {
            Glibc.close(descriptor)
            return .failed(errno: ESTALE)
        }
        let size = Int64(info.st_size)
        let file = FollowedFile(
            descriptor: descriptor, device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
            offset: 0, lines: lines)
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

    /// The last `count` complete lines before `size`; a last line without its
    /// newline stays pending until the rest is written. Holes are left out.
    private func readTail(lines count: Int, size: Int64) -> [AssembledLine] {
        // One byte before the window too: when it is a newline, the window starts
        // on a whole line, and the piece dropped below is the empty rest of the one before.
        let from = max(0, size - Int64(Self.tailWindow) - 1)
        offset = from
        var pieces = readAvailable(upTo: size, budget: Self.tailWindow + 1, skipsBeyondBudget: false).pieces
        // Started in the middle of a line: that piece is not a line.
        if from > 0, case .line = pieces.first { pieces.removeFirst() }
        let tail = pieces.compactMap { piece -> AssembledLine? in
            if case .line(let line) = piece { line } else { nil }
        }
        return Array(tail.suffix(max(0, count)))
    }

    /// What was written since the last read, at most `budget` bytes of it; the rest
    /// waits for the next read, or is skipped when `skipsBeyondBudget`.
    func readNew(budget: Int, skipsBeyondBudget: Bool = false) -> Reading {
        var info = stat()
        guard descriptor >= 0, fstat(descriptor, &info) == 0 else { return Reading() }
        let size = Int64(info.st_size)
        if size < offset || (size > offset && !stillEndsWithLastBytesRead()) {
            offset = 0
            lastBytesRead = []
            lines.reset()
            var reading = readAvailable(upTo: size, budget: budget, skipsBeyondBudget: skipsBeyondBudget)
            reading.wasTruncated = true
            return reading
        }
        return readAvailable(upTo: size, budget: budget, skipsBeyondBudget: skipsBeyondBudget)
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
        let read = bytes.withUnsafeMutableBytes {
            pread(descriptor, $0.baseAddress!, count, off_t(offset - Int64(count)))
        }
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

    /// Reads from `offset` to `size` (at most `budget` bytes) into lines, going
    /// past holes (LinuxFileFlags.seekData) without reading them: a sparse file of gigabytes
    /// costs a seek, not gigabytes of zeros.
    private func readAvailable(upTo size: Int64, budget: Int, skipsBeyondBudget: Bool) -> Reading {
        var reading = Reading()
        guard offset < size else { return reading }
        var remaining = budget
        var skipped: Int64 = 0
        var chunk = [UInt8](repeating: 0, count: min(Self.chunkSize, max(1, budget)))
        while offset < size {
            let dataEnd = nextData(before: size)
            if dataEnd.start > offset {
                skipped += dataEnd.start - offset
                offset = dataEnd.start
                continue
            }
            guard remaining > 0 else {
                if skipsBeyondBudget {
                    skipped += size - offset
                    offset = size
                }
                break
            }
            if skipped > 0 {
                pass(skipped, into: &reading)
                skipped = 0
            }
            let wanted = Int(min(Int64(min(chunk.count, remaining)), dataEnd.end - offset))
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, wanted, off_t(offset)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            offset += Int64(count)
            remaining -= count
            reading.bytesRead += count
            remember(chunk[..<count])
            chunk.withUnsafeBufferPointer {
                reading.pieces += lines.feed(UnsafeBufferPointer(rebasing: $0[..<count])).map(Piece.line)
            }
        }
        if skipped > 0 { pass(skipped, into: &reading) }
        return reading
    }

    /// Records a gap: the line it interrupts ends as a cut piece, and what comes
    /// after starts a new one.
    private func pass(_ skipped: Int64, into reading: inout Reading) {
        if let rest = lines.flush() { reading.pieces.append(.line(AssembledLine(text: rest.text, isCut: true))) }
        reading.pieces.append(.skipped(skipped))
        rememberBytesBeforeOffset()
    }

    /// Where the next data from `offset` starts and ends (the next hole or `size`);
    /// all of it data where the file system cannot tell.
    private func nextData(before size: Int64) -> (start: Int64, end: Int64) {
        let start = lseek(descriptor, off_t(offset), LinuxFileFlags.seekData)
        if start < 0 { return errno == ENXIO ? (size, size) : (offset, size) }
        let clampedStart = min(Int64(start), size)
        let hole = lseek(descriptor, off_t(clampedStart), LinuxFileFlags.seekHole)
        let end = hole < 0 ? size : min(Int64(hole), size)
        return (clampedStart, max(end, clampedStart))
    }

    func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
    }

    deinit { close() }
}
