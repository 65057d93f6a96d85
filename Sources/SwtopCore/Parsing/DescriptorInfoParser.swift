/// What `/proc/PID/fdinfo/N` says of one open file description: its open flags
/// (octal in the file), and the mount and inode of the file it is open on.
public struct DescriptorInfo: Equatable, Sendable {
    public var flags: UInt32
    /// Nil when the line is missing.
    public var mountID: UInt64?
    /// Nil before Linux 5.14, which added the line.
    public var inode: UInt64?

    /// Open with O_WRONLY or O_RDWR, and not an O_PATH handle (which can neither read
    /// nor write whatever its access bits say).
    public var isOpenForWriting: Bool {
        let access = flags & 3
        return (access == 1 || access == 2) && flags & UInt32(LinuxFileFlags.path) == 0
    }
}

public enum DescriptorInfoParser {
    /// Nil without a `flags:` line (a file cut short, or not fdinfo at all).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> DescriptorInfo? {
        var flags: UInt32?
        var info = DescriptorInfo(flags: 0)
        var cursor = ByteCursor(bytes)
        repeat {
            if cursor.consume("flags:") {
                flags = octal(&cursor)
            } else if cursor.consume("mnt_id:") {
                info.mountID = cursor.unsigned()
            } else if cursor.consume("ino:") {
                info.inode = cursor.unsigned()
            }
        } while cursor.nextLine()
        guard let flags else { return nil }
        info.flags = flags
        return info
    }

    /// An octal number of at most 32 bits; nil for anything else.
    static func octal(_ cursor: inout ByteCursor) -> UInt32? {
        cursor.skipBlanks()
        var value: UInt32 = 0
        let start = cursor.index
        while cursor.index < cursor.bytes.count {
            let digit = cursor.bytes[cursor.index] &- 0x30
            guard digit < 8 else { break }
            guard value >> 29 == 0 else { return nil }
            value = value << 3 | UInt32(digit)
            cursor.index += 1
        }
        return cursor.index > start ? value : nil
    }
}
