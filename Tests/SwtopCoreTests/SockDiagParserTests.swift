import Testing

@testable import SwtopCore

/// Netlink sock_diag replies, laid out byte by byte as the kernel sends them.
@Suite struct SockDiagParserTests {
    /// One `inet_diag_msg` with an `INET_DIAG_INFO` attribute of `infoLength` bytes.
    static func message(inode: UInt32, received: UInt64, acked: UInt64, infoLength: Int = 232) -> [UInt8] {
        var info = [UInt8](repeating: 0, count: infoLength)
        func put<T: FixedWidthInteger>(_ value: T, at offset: Int, in bytes: inout [UInt8]) {
            withUnsafeBytes(of: value) { for (index, byte) in $0.enumerated() { bytes[offset + index] = byte } }
        }
        if infoLength >= 136 {
            put(acked, at: 120, in: &info)
            put(received, at: 128, in: &info)
        }
        var diag = [UInt8](repeating: 0, count: 72)
        diag[0] = 2 // AF_INET
        diag[1] = 1 // TCP_ESTABLISHED
        put(inode, at: 68, in: &diag)
        var attribute = [UInt8](repeating: 0, count: 4)
        put(UInt16(4 + infoLength), at: 0, in: &attribute)
        put(UInt16(2), at: 2, in: &attribute) // INET_DIAG_INFO
        attribute += info + [UInt8](repeating: 0, count: (4 - infoLength % 4) % 4)
        var header = [UInt8](repeating: 0, count: 16)
        put(UInt32(16 + diag.count + attribute.count), at: 0, in: &header)
        put(UInt16(20), at: 4, in: &header)
        return header + diag + attribute
    }

    static let done: [UInt8] = [20, 0, 0, 0, 3, 0, 2, 0] + [UInt8](repeating: 0, count: 12)

    private func parse(_ bytes: [UInt8]) -> SockDiagParser.Batch {
        bytes.withUnsafeBytes { SockDiagParser.parse($0) }
    }

    @Test func readsEachSocketsInodeAndCounters() {
        let batch = parse(
            Self.message(inode: 4242, received: 7_000_000, acked: 123) + Self.message(inode: 0, received: 1, acked: 1)
                + Self.message(inode: 77, received: 5, acked: 6, infoLength: 104) + Self.done)
        #expect(batch.isDone)
        #expect(batch.error == nil)
        // The TIME_WAIT socket (inode 0) and the one with a pre-4.2 tcp_info are left out.
        #expect(batch.sockets.map(\.inode) == [4242])
        #expect(batch.sockets.first?.counters == TCPCounters(receivedBytes: 7_000_000, sentBytes: 123))
    }

    @Test func aKernelErrorOrATornReplyEndsTheBatch() {
        var error: [UInt8] = [36, 0, 0, 0, 2, 0, 0, 0] + [UInt8](repeating: 0, count: 8)
        error += withUnsafeBytes(of: Int32(-22)) { Array($0) } + [UInt8](repeating: 0, count: 16)
        #expect(parse(error).error == -22)
        let whole = Self.message(inode: 9, received: 1, acked: 2)
        for cut in [0, 3, 16, 40, whole.count - 1] {
            let batch = parse(Array(whole[..<cut]))
            #expect(batch.sockets.isEmpty && !batch.isDone, "cut at \(cut)")
        }
        // A length field pointing past the buffer, or shorter than a header.
        var lying = whole
        lying[0] = 0xFF
        #expect(parse(lying).sockets.isEmpty)
        lying[0] = 4
        lying[1] = 0
        #expect(parse(lying + Self.done).sockets.isEmpty)
    }
}
