/// /proc/PID/net/unix: `Num RefCount Protocol Flags Type St Inode Path`, the
/// path (absent when unbound, `@…` when abstract) running to the end of the line.
enum UnixSocketTableParser {
    struct Row: Equatable {
        var inode: UInt64
        var path: String
        /// `__SO_ACCEPTCON` in Flags: a listening socket.
        var isListening: Bool
        /// SS_UNCONNECTED 1, SS_CONNECTING 2, SS_CONNECTED 3, SS_DISCONNECTING 4.
        var state: UInt8
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [Row] {
        var rows: [Row] = []
        var cursor = ByteCursor(bytes)
        guard cursor.nextLine() else { return [] } // header
        repeat {
            if let row = row(&cursor) { rows.append(row) }
        } while cursor.nextLine()
        return rows
    }

    private static func row(_ cursor: inout ByteCursor) -> Row? {
        guard let slot = cursor.word(), cursor.bytes[slot.upperBound - 1] == UInt8(ascii: ":"),
              cursor.word() != nil, cursor.word() != nil, // RefCount, Protocol
              let flags = cursor.word(), cursor.word() != nil, // Type
              let state = cursor.word(), let inode = cursor.unsigned()
        else { return nil }
        cursor.skipBlanks()
        let start = cursor.index
        var end = start
        while end < cursor.bytes.count, cursor.bytes[end] != 0x0A { end += 1 }
        cursor.index = end
        let flagText = String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[flags]), as: UTF8.self)
        let stateText = String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[state]), as: UTF8.self)
        guard let flagValue = UInt32(flagText, radix: 16), let stateValue = UInt8(stateText, radix: 16) else { return nil }
        return Row(inode: inode, path: LosslessText.decode(UnsafeBufferPointer(rebasing: cursor.bytes[start..<end])),
                   isListening: flagValue & 0x0001_0000 != 0, state: stateValue)
    }

    static func stateName(_ row: Row) -> String {
        if row.isListening { return "LISTEN" }
        switch row.state {
        case 1: return "UNCONNECTED"
        case 2: return "CONNECTING"
        case 3: return "CONNECTED"
        case 4: return "DISCONNECTING"
        default: return "state \(row.state)"
        }
    }
}
