/// The ids the kernel checks a process's file accesses against: the filesystem uid
/// and gid (the fourth of `Uid:` and `Gid:` in /proc/PID/status) and `Groups:`.
public struct ProcessCredentials: Equatable, Sendable {
    public var filesystemUID: UInt32
    public var filesystemGID: UInt32
    public var groups: [UInt32]

    public init(filesystemUID: UInt32, filesystemGID: UInt32, groups: [UInt32]) {
        self.filesystemUID = filesystemUID
        self.filesystemGID = filesystemGID
        self.groups = groups
    }
}

public enum CredentialsParser {
    /// Nil unless `Uid:` and `Gid:` both have their four ids; no `Groups:` line is no groups.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ProcessCredentials? {
        var uid: UInt32?
        var gid: UInt32?
        var groups: [UInt32] = []
        var cursor = ByteCursor(bytes)
        repeat {
            if cursor.consume("Uid:") {
                uid = fourth(&cursor)
            } else if cursor.consume("Gid:") {
                gid = fourth(&cursor)
            } else if cursor.consume("Groups:") {
                cursor.skipBlanks()
                while cursor.index < cursor.bytes.count, cursor.bytes[cursor.index] != 0x0A {
                    guard let group = cursor.unsigned(), group <= UInt64(UInt32.max) else { return nil }
                    groups.append(UInt32(group))
                    cursor.skipBlanks()
                }
            }
        } while cursor.nextLine()
        guard let uid, let gid else { return nil }
        return ProcessCredentials(filesystemUID: uid, filesystemGID: gid, groups: groups)
    }

    /// The last of the four ids on a `Uid:` or `Gid:` line.
    private static func fourth(_ cursor: inout ByteCursor) -> UInt32? {
        var last: UInt64 = 0
        for _ in 0..<4 {
            cursor.skipBlanks()
            // `unsigned` would go on to the next line for a missing id.
            guard !cursor.isAtEnd, cursor.bytes[cursor.index] &- 0x30 < 10,
                  let id = cursor.unsigned(), id <= UInt64(UInt32.max) else { return nil }
            last = id
        }
        return UInt32(last)
    }
}
