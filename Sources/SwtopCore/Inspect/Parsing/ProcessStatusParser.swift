/// The lines of /proc/PID/status the detail view shows.
struct ProcessStatusFields: Equatable {
    /// Real, effective, saved, filesystem.
    var userIDs: [UInt32] = []
    var groupIDs: [UInt32] = []
    var supplementaryGroups: [UInt32] = []
    var umask: UInt32?
    var cpusAllowedList: String?
    var pendingThread: UInt64 = 0
    var pendingShared: UInt64 = 0
    var blocked: UInt64 = 0
    var ignored: UInt64 = 0
    var caught: UInt64 = 0
    var sawSignalMasks = false
}

enum ProcessStatusParser {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ProcessStatusFields? {
        var fields = ProcessStatusFields()
        var cursor = ByteCursor(bytes)
        guard !bytes.isEmpty else { return nil }
        repeat {
            if cursor.consume("Uid:") {
                fields.userIDs = ids(&cursor, count: 4)
            } else if cursor.consume("Gid:") {
                fields.groupIDs = ids(&cursor, count: 4)
            } else if cursor.consume("Groups:") {
                fields.supplementaryGroups = ids(&cursor, count: Int.max)
            } else if cursor.consume("Umask:") {
                fields.umask = octal(&cursor)
            } else if cursor.consume("Cpus_allowed_list:") {
                fields.cpusAllowedList = restOfLine(&cursor)
            } else if cursor.consume("SigPnd:") {
                fields.pendingThread = hex(&cursor) ?? 0
                fields.sawSignalMasks = true
            } else if cursor.consume("ShdPnd:") {
                fields.pendingShared = hex(&cursor) ?? 0
            } else if cursor.consume("SigBlk:") {
                fields.blocked = hex(&cursor) ?? 0
            } else if cursor.consume("SigIgn:") {
                fields.ignored = hex(&cursor) ?? 0
            } else if cursor.consume("SigCgt:") {
                fields.caught = hex(&cursor) ?? 0
            }
        } while cursor.nextLine()
        return fields
    }

    /// Up to `count` decimal ids on the rest of the line.
    private static func ids(_ cursor: inout ByteCursor, count: Int) -> [UInt32] {
        var values: [UInt32] = []
        while values.count < count {
            cursor.skipBlanks()
            guard !cursor.isAtEnd, cursor.bytes[cursor.index] != 0x0A,
                  let value = cursor.unsigned(), value <= UInt64(UInt32.max) else { break }
            values.append(UInt32(value))
        }
        return values
    }

    private static func octal(_ cursor: inout ByteCursor) -> UInt32? {
        cursor.skipBlanks()
        var value: UInt32 = 0
        let start = cursor.index
        while !cursor.isAtEnd, case let digit = cursor.bytes[cursor.index] &- 0x30, digit < 8, cursor.index - start < 11 {
            value = value << 3 | UInt32(digit)
            cursor.index += 1
        }
        return cursor.index > start ? value : nil
    }

    /// A 64-bit signal mask in hexadecimal (`0000000000014a02`).
    static func hex(_ cursor: inout ByteCursor) -> UInt64? {
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

    /// Signal numbers in a mask: bit n-1 is signal n.
    static func signals(in mask: UInt64) -> SignalSet {
        SignalSet(numbers: (0..<64).filter { mask & (1 << UInt64($0)) != 0 }.map { Int32($0 + 1) })
    }
}
