import Glibc

/// A file by device and inode, whatever name it has now.
public struct FileIdentity: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64

    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    /// The file open on `descriptor`, nil if it is not open.
    public init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}

/// The files a group of followers read, so that each is read by one of them:
/// a script and the commands it runs share their stdout, and every line would
/// otherwise come once per process. The first follower to open a file keeps it
/// until it stops following it. Not thread-safe.
public final class OutputFileRegistry {
    private var holders: [FileIdentity: ObjectIdentifier] = [:]
    private var reserved: Set<FileIdentity> = []
    /// Where the last holder of a file stopped reading, for the next one to go on from.
    private var releasedAt: [FileIdentity: Int64] = [:]

    public init() {}

    /// A file no follower may read, such as swtop's own output: following it would
    /// feed every printed line back in.
    public func reserve(_ file: FileIdentity) {
        reserved.insert(file)
    }

    /// False when another holder or a reservation has `file`.
    func isAvailable(_ file: FileIdentity, to holder: ObjectIdentifier) -> Bool {
        !reserved.contains(file) && (holders[file] ?? holder) == holder
    }

    func claim(_ file: FileIdentity, by holder: ObjectIdentifier) -> Bool {
        guard isAvailable(file, to: holder) else { return false }
        holders[file] = holder
        releasedAt[file] = nil
        return true
    }

    func release(_ file: FileIdentity, by holder: ObjectIdentifier, readUpTo offset: Int64) {
        guard holders[file] == holder else { return }
        holders[file] = nil
        // Bounded: a watch that runs for months sees many files come and go.
        if releasedAt.count >= Self.rememberedReleases { releasedAt.removeAll(keepingCapacity: true) }
        releasedAt[file] = offset
    }

    static let rememberedReleases = 4096

    /// Where the file's last holder stopped, if another follower read it before.
    func resumeOffset(of file: FileIdentity) -> Int64? {
        releasedAt[file]
    }
}
