import Glibc
import SwtopCore

/// A recording on disk, appended to by `--record`: created O_CREAT|O_EXCL|O_NOFOLLOW in
/// a directory reached through `TrustedDirectory` (swtop often runs as root), or, if
/// it exists, reopened only when it is a regular file of ours that nobody else can
/// write and that already is a recording. A torn tail left by a crash is cut off
/// before the first new record. `maximumBytes` rotates to FILE.1 (one old file kept).
public final class RecordingFile {
    private let directory: TrustedDirectory
    private let name: String
    private let shownPath: String
    private let maximumBytes: UInt64?
    private var descriptor: Int32
    private var size: UInt64
    private var encoder = RecordingEncoder()

    public init(path: String, maximumBytes: UInt64?) throws(UsageError) {
        shownPath = path
        self.maximumBytes = maximumBytes
        let absolute = path.hasPrefix("/") ? path : Self.workingDirectory() + "/" + path
        var parts = absolute.split(separator: "/").map(String.init)
        guard let last = parts.popLast(), last != ".", last != ".." else {
            throw UsageError("--record: '\(path)' names no file")
        }
        name = last
        do {
            directory = try TrustedDirectory.reach("/" + parts.joined(separator: "/"), creating: true)
        } catch {
            throw UsageError("--record: \(path): \(Self.explain(error))")
        }
        (descriptor, size) = try Self.open(name, in: directory.descriptor, shown: path)
    }

    deinit {
        fsync(descriptor)
        close(descriptor)
    }

    /// Appends one sample; on a write error returns the one line that says why.
    public func append(_ snapshot: Snapshot) -> String? {
        var record = encoder.record(snapshot)
        if let maximumBytes, size + UInt64(record.count) > maximumBytes, size > UInt64(RecordingFormat.headerSize) {
            if let problem = rotate() { return problem }
            encoder.restart()
            record = encoder.record(snapshot)
        }
        guard Self.writeAll(record, to: descriptor) else { return "\(shownPath): \(String(cString: strerror(errno)))" }
        size += UInt64(record.count)
        return nil
    }

    /// FILE becomes FILE.1 (replacing the old one: a name in our own directory), and a new FILE starts.
    private func rotate() -> String? {
        fsync(descriptor)
        guard renameat(directory.descriptor, name, directory.descriptor, name + ".1") == 0 else {
            return "\(shownPath): cannot rotate: \(String(cString: strerror(errno)))"
        }
        close(descriptor)
        do {
            (descriptor, size) = try Self.open(name, in: directory.descriptor, shown: shownPath)
        } catch {
            descriptor = -1
            return error.description
        }
        fsync(directory.descriptor)
        return nil
    }

    private static func open(_ name: String, in folder: Int32, shown: String) throws(UsageError) -> (Int32, UInt64) {
        let created = openat(folder, name, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if created >= 0 {
            let header = RecordingFormat.fileHeader()
            guard writeAll(header, to: created) else {
                let reason = String(cString: strerror(errno))
                close(created)
                throw UsageError("--record: \(shown): \(reason)")
            }
            return (created, UInt64(header.count))
        }
        guard errno == EEXIST else { throw UsageError("--record: \(shown): \(String(cString: strerror(errno)))") }
        // O_NONBLOCK: a FIFO put there must not hang the open; it fails the check below.
        let existing = openat(folder, name, O_RDWR | O_APPEND | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard existing >= 0 else {
            let reason = errno == ELOOP ? "is a symbolic link" : String(cString: strerror(errno))
            throw UsageError("--record: \(shown): \(reason)")
        }
        do {
            return (existing, try adopt(existing, shown: shown))
        } catch {
            close(existing)
            throw error
        }
    }

    /// An existing file may be appended to when it is ours, regular, linked once,
    /// writable by nobody else and a recording of a version we write.
    private static func adopt(_ descriptor: Int32, shown: String) throws(UsageError) -> UInt64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw UsageError("--record: \(shown): \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw UsageError("--record: \(shown) is not a regular file") }
        guard info.st_uid == geteuid() else {
            throw UsageError("--record: \(shown) is owned by uid \(info.st_uid), not by this user")
        }
        guard info.st_nlink == 1 else { throw UsageError("--record: \(shown) has other hard links") }
        guard info.st_mode & (S_IWGRP | S_IWOTH) == 0 else {
            throw UsageError("--record: \(shown) is writable by others")
        }
        let file = RecordingDescriptorBytes(descriptor: descriptor, size: Int(info.st_size))
        if info.st_size == 0 {
            guard writeAll(RecordingFormat.fileHeader(), to: descriptor) else {
                throw UsageError("--record: \(shown): \(String(cString: strerror(errno)))")
            }
            return UInt64(RecordingFormat.headerSize)
        }
        let reader: RecordingReader
        do {
            reader = try RecordingReader(file)
        } catch {
            throw UsageError("--record: \(shown): \(error.description); not appending to it")
        }
        // A record torn by a crash (or garbage after the last whole one) is cut off.
        let end = reader.frames.last?.end ?? RecordingFormat.headerSize
        if end < file.size, ftruncate(descriptor, off_t(end)) != 0 {
            throw UsageError("--record: \(shown): cannot cut its torn tail: \(String(cString: strerror(errno)))")
        }
        return UInt64(end)
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            written += count
        }
        return true
    }

    private static func workingDirectory() -> String {
        guard let path = getcwd(nil, 0) else { return "/" }
        defer { free(path) }
        return String(cString: path)
    }

    static func explain(_ failure: TrustedDirectory.Failure) -> String {
        switch failure {
        case .untrusted(let why): why
        case .system(let code): String(cString: strerror(code))
        case .missing: "a directory on the way does not exist"
        }
    }
}

/// A recording read through its descriptor with pread.
public struct RecordingDescriptorBytes: RecordingBytes {
    let descriptor: Int32
    public let size: Int

    public func read(at offset: Int, count: Int) -> [UInt8] {
        let wanted = max(0, min(count, size - offset))
        var bytes = [UInt8](repeating: 0, count: wanted)
        var done = 0
        while done < wanted {
            let got = bytes.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + done, wanted - done, off_t(offset + done))
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            done += got
        }
        bytes.removeSubrange(done...)
        return bytes
    }
}
