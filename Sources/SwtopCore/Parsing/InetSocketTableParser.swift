/// /proc/PID/net/{tcp,tcp6,udp,udp6}: one socket per line after a header,
/// `sl local_address rem_address st … uid timeout inode …`. Addresses are the
/// kernel's 32-bit words printed in hex in host byte order, ports in hex.
enum InetSocketTableParser {
    struct Row: Equatable {
        var inode: UInt64
        var local: String
        var remote: String
        var remoteIsUnset: Bool
        var state: UInt8
    }

    /// The sockets of one table; lines that do not parse are skipped.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [Row] {
        ByteCursor.tableRows(bytes, row: row)
    }

    private static func row(_ cursor: inout ByteCursor) -> Row? {
        guard let slot = cursor.word(), cursor.bytes[slot.upperBound - 1] == UInt8(ascii: ":"),
            let local = address(&cursor), let remote = address(&cursor),
            let stateWord = cursor.word(), let state = hexValue(cursor.bytes, stateWord), state <= 0xFF
        else { return nil }
        for _ in 0..<5 { guard cursor.word() != nil else { return nil } } // queues, timer, retransmits, uid, timeout
        guard let inode = cursor.unsigned() else { return nil }
        return Row(
            inode: inode, local: local.text, remote: remote.text, remoteIsUnset: remote.isUnset, state: UInt8(state))
    }

    /// `0100007F:1F90` → `127.0.0.1:8080`; 32 hex digits make an IPv6 address.
    private static func address(_ cursor: inout ByteCursor) -> (text: String, isUnset: Bool)? {
        guard let word = cursor.word() else { return nil }
        let bytes = cursor.bytes
        guard let colon = bytes[word].firstIndex(of: UInt8(ascii: ":")),
            let port = hexValue(bytes, (colon + 1)..<word.upperBound), port <= 0xFFFF
        else { return nil }
        let hostDigits = word.lowerBound..<colon
        var octets: [UInt8] = []
        guard hostDigits.count == 8 || hostDigits.count == 32 else { return nil }
        for start in stride(from: hostDigits.lowerBound, to: colon, by: 8) {
            guard let value = hexValue(bytes, start..<(start + 8)) else { return nil }
            // The kernel printed the address word as a host-order integer: its bytes
            // in memory on this machine are the address bytes in network order.
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: value)) { octets.append(contentsOf: $0) }
        }
        let isUnset = port == 0 && octets.allSatisfy { $0 == 0 }
        let host = octets.count == 4 ? octets.map(String.init).joined(separator: ".") : "[" + ipv6Text(octets) + "]"
        return (host + ":" + String(port), isUnset)
    }

    /// RFC 5952 text: lower-case hex groups, the longest run of two or more zero
    /// groups as `::`, and IPv4-mapped addresses as `::ffff:1.2.3.4`.
    static func ipv6Text(_ octets: [UInt8]) -> String {
        let groups = (0..<8).map { UInt16(octets[$0 * 2]) << 8 | UInt16(octets[$0 * 2 + 1]) }
        if groups[0..<5].allSatisfy({ $0 == 0 }), groups[5] == 0xFFFF {
            return "::ffff:" + octets[12...].map(String.init).joined(separator: ".")
        }
        var best = (start: -1, length: 0)
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            let start = index
            while index < 8, groups[index] == 0 { index += 1 }
            if index - start > best.length { best = (start, index - start) }
        }
        func text(_ range: Range<Int>) -> String { groups[range].map { String($0, radix: 16) }.joined(separator: ":") }
        guard best.length >= 2 else { return text(0..<8) }
        return text(0..<best.start) + "::" + text((best.start + best.length)..<8)
    }

    private static func hexValue(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        guard !range.isEmpty, range.count <= 16 else { return nil }
        var value: UInt64 = 0
        for index in range {
            let byte = bytes[index] | 0x20 // lower-case letters; digits are unchanged
            switch byte {
            case 0x30...0x39: value = value << 4 | UInt64(byte - 0x30)
            case 0x61...0x66: value = value << 4 | UInt64(byte - 0x61 + 10)
            default: return nil
            }
        }
        return value
    }

    /// include/net/tcp_states.h.
    static func tcpStateName(_ state: UInt8) -> String {
        let names = [
            "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE",
            "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV",
        ]
        return state >= 1 && Int(state) <= names.count ? names[Int(state) - 1] : "state \(state)"
    }
}
