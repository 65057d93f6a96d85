/// The lines of `/proc/PID/status` swtop uses: who the process is (ids, groups),
/// its swapped-out memory and its signal masks. One parse serves the scanner, the
/// on-screen reader, the inspector and the output follower.
public struct ProcessStatus: Equatable, Sendable {
    /// `Uid:`: real, effective, saved, filesystem.
    public var userIDs: [UInt32] = []
    /// `Gid:`: real, effective, saved, filesystem.
    public var groupIDs: [UInt32] = []
    /// `Groups:`, the supplementary groups.
    public var groups: [UInt32] = []
    public var umask: UInt32?
    public var cpusAllowedList: String?
    /// `VmSwap:` in bytes; nil for kernel threads (no such line).
    public var swapBytes: UInt64?
    public var pendingThread: UInt64 = 0
    public var pendingShared: UInt64 = 0
    public var blocked: UInt64 = 0
    public var ignored: UInt64 = 0
    public var caught: UInt64 = 0
    public var sawSignalMasks = false

    public init() {}

    /// Real and effective uid; nil unless `Uid:` has both.
    public var realAndEffectiveUID: (real: UInt32, effective: UInt32)? {
        userIDs.count >= 2 ? (userIDs[0], userIDs[1]) : nil
    }

    /// What the kernel checks the process's file accesses against; nil unless `Uid:`
    /// and `Gid:` both have their four ids.
    public var credentials: ProcessCredentials? {
        guard userIDs.count == 4, groupIDs.count == 4 else { return nil }
        return ProcessCredentials(filesystemUID: userIDs[3], filesystemGID: groupIDs[3], groups: groups)
    }
}

/// The filesystem uid and gid (the fourth of `Uid:` and `Gid:`) and the groups.
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

public enum StatusParser {
    /// nil for an empty file.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ProcessStatus? {
        guard !bytes.isEmpty else { return nil }
        var status = ProcessStatus()
        var cursor = ByteCursor(bytes)
        repeat {
            if cursor.consume("Uid:") {
                status.userIDs = ids(&cursor, count: 4)
            } else if cursor.consume("Gid:") {
                status.groupIDs = ids(&cursor, count: 4)
            } else if cursor.consume("Groups:") {
                status.groups = ids(&cursor, count: Int.max)
            } else if cursor.consume("Umask:") {
                status.umask = octal(&cursor)
            } else if cursor.consume("Cpus_allowed_list:") {
                status.cpusAllowedList = restOfLine(&cursor)
            } else if cursor.consume("VmSwap:") {
                cursor.skipBlanks()
                status.swapBytes = cursor.unsigned().map {
                    $0.multipliedReportingOverflow(by: 1024).overflow ? .max : $0 * 1024
                }
            } else if cursor.consume("SigPnd:") {
                status.pendingThread = hex(&cursor) ?? 0
                status.sawSignalMasks = true
            } else if cursor.consume("ShdPnd:") {
                status.pendingShared = hex(&cursor) ?? 0
            } else if cursor.consume("SigBlk:") {
                status.blocked = hex(&cursor) ?? 0
            } else if cursor.consume("SigIgn:") {
                status.ignored = hex(&cursor) ?? 0
            } else if cursor.consume("SigCgt:") {
                status.caught = hex(&cursor) ?? 0
            }
        } while cursor.nextLine()
        return status
    }

    /// Signal numbers in a mask: bit n-1 is signal n.
    static func signals(in mask: UInt64) -> SignalSet {
        SignalSet(numbers: (0..<64).filter { mask & (1 << UInt64($0)) != 0 }.map { Int32($0 + 1) })
    }

    /// Up to `count` decimal ids on the rest of the line (never the next line's).
    private static func ids(_ cursor: inout ByteCursor, count: Int) -> [UInt32] {
        var values: [UInt32] = []
        while values.count < count {
            cursor.skipBlanks()
            guard !cursor.isAtEnd, cursor.bytes[cursor.index] &- 0x30 < 10,
                let value = cursor.unsigned(), value <= UInt64(UInt32.max)
            else { break }
            values.append(UInt32(value))
        }
        return values
    }

    private static func octal(_ cursor: inout ByteCursor) -> UInt32? {
        cursor.skipBlanks()
        var value: UInt32 = 0
        let start = cursor.index
        while !cursor.isAtEnd, case let digit = cursor.bytes[cursor.index] &- 0x30, digit < 8, cursor.index - start < 11
        {
            value = value << 3 | UInt32(digit)
            cursor.index += 1
        }
        return cursor.index > start ? value : nil
    }

    /// A 64-bit signal mask in hexadecimal (`0000000000014a02`).
    private static func hex(_ cursor: inout ByteCursor) -> UInt64? {
        cursor.skipBlanks()
        var value: UInt64 = 0
        let start = cursor.index
        while !cursor.isAtEnd, cursor.index - start < 16, let digit = hexDigit(cursor.bytes[cursor.index]) {
            value = value << 4 | UInt64(digit)
            cursor.index += 1
        }
        return cursor.index > start ? value : nil
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        case 0x41...0x46: byte - 0x41 + 10
        default: nil
        }
    }

    private static func restOfLine(_ cursor: inout ByteCursor) -> String {
        cursor.skipBlanks()
        let start = cursor.index
        while !cursor.isAtEnd, cursor.bytes[cursor.index] != 0x0A { cursor.index += 1 }
        return LosslessText.decode(UnsafeBufferPointer(rebasing: cursor.bytes[start..<cursor.index]))
    }
}
