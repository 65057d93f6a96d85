/// /proc/PID/net/unix: `Num RefCount Protocol Flags Type St Inode Path`, the
/// path (absent when unbound, `@…` when abstract) running to the end of the line.
///
/// The kernel prints a bound path as it is, newlines included, so a process can
/// bind a socket whose path carries whole lines that look like rows, for another
/// process's socket inode. Two defences, since a forged line may copy the layout
/// exactly and the kernel's own rows cannot be told from it:
/// - a row is only a line of the kernel's fixed layout (`%pK: %08X %08X %08X %04X
///   %02X %5lu`); any other line continues the path of the row above;
/// - an inode listed twice (every socket is listed once) is ambiguous: neither
///   row's path is believed.
/// Resolving paths through sock_diag would need the target's network namespace
/// entered (setns) for one page of text; the table read as the process sees it,
/// with these rules, cannot be made to show a path that a socket does not have.
enum UnixSocketTableParser {
    struct Row: Equatable {
        var inode: UInt64
        var path: String
        /// `__SO_ACCEPTCON` in Flags: a listening socket.
        var isListening: Bool
        /// SS_UNCONNECTED 1, SS_CONNECTING 2, SS_CONNECTED 3, SS_DISCONNECTING 4.
        var state: UInt8
        /// The inode has more than one row: one was forged through a path with newlines.
        var isAmbiguous = false
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [Row] {
        var rows: [Row] = []
        var pathBytes: [[UInt8]] = []
        var start = 0
        var isHeader = true
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if isHeader {
                isHeader = false
            } else if let (row, path) = row(line) {
                rows.append(row)
                pathBytes.append(path)
            } else if !pathBytes.isEmpty, end < bytes.count || !line.isEmpty {
                // Not a row: the rest of the path above, after a newline in it.
                pathBytes[pathBytes.count - 1] += [0x0A] + Array(line)
            }
            start = end + 1
        }
        var rowsPerInode: [UInt64: Int] = [:]
        for row in rows { rowsPerInode[row.inode, default: 0] += 1 }
        for index in rows.indices {
            if rowsPerInode[rows[index].inode, default: 0] > 1 {
                rows[index].isAmbiguous = true
            } else {
                rows[index].path = pathBytes[index].withUnsafeBufferPointer { LosslessText.decode($0) }
            }
        }
        return rows
    }

    /// One line in the kernel's layout, and its path's bytes; nil for any other line.
    private static func row(_ line: UnsafeBufferPointer<UInt8>) -> (Row, [UInt8])? {
        var index = 0
        func hex(_ digits: Int) -> UInt64? {
            guard index + digits <= line.count else { return nil }
            var value: UInt64 = 0
            for byte in line[index..<(index + digits)] {
                guard let digit = hexDigit(byte) else { return nil }
                value = value << 4 | UInt64(digit)
            }
            index += digits
            return value
        }
        func space() -> Bool {
            guard index < line.count, line[index] == UInt8(ascii: " ") else { return false }
            index += 1
            return true
        }
        // The socket's address, as wide as a kernel pointer (16 hex digits, 8 on 32-bit).
        var slotDigits = 0
        while slotDigits < line.count, hexDigit(line[slotDigits]) != nil { slotDigits += 1 }
        guard slotDigits == 16 || slotDigits == 8 else { return nil }
        index = slotDigits
        guard index < line.count, line[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        guard space(), hex(8) != nil, space(), hex(8) != nil, space(), let flags = hex(8), space(), hex(4) != nil,
            space(), let state = hex(2), space()
        else { return nil }
        while index < line.count, line[index] == UInt8(ascii: " ") { index += 1 } // %5lu pads with spaces
        var inode: UInt64 = 0
        var inodeDigits = 0
        while index < line.count, let digit = decimalDigit(line[index]) {
            let (shifted, overflow) = inode.multipliedReportingOverflow(by: 10)
            guard !overflow, inodeDigits < 20 else { return nil }
            inode = shifted &+ UInt64(digit)
            inodeDigits += 1
            index += 1
        }
        guard inodeDigits > 0 else { return nil }
        var path: [UInt8] = []
        if index < line.count {
            guard space() else { return nil }
            path = Array(line[index...])
        }
        return (Row(inode: inode, path: "", isListening: flags & 0x0001_0000 != 0, state: UInt8(state)), path)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    private static func decimalDigit(_ byte: UInt8) -> UInt8? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : nil
    }

    static func stateName(_ row: Row) -> String {
        if row.isAmbiguous { return "listed twice in net/unix (path withheld)" }
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
