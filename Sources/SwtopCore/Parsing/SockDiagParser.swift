/// Byte counters of one TCP socket from the kernel's socket diagnostics.
public struct TCPCounters: Sendable, Equatable {
    /// `tcpi_bytes_received`: payload bytes received.
    public var receivedBytes: UInt64
    /// `tcpi_bytes_acked`: payload bytes sent and acknowledged by the peer.
    public var sentBytes: UInt64

    public init(receivedBytes: UInt64, sentBytes: UInt64) {
        self.receivedBytes = receivedBytes
        self.sentBytes = sentBytes
    }
}

/// The replies of a netlink `SOCK_DIAG_BY_FAMILY` dump for TCP with the
/// `INET_DIAG_INFO` extension: `nlmsghdr`, `inet_diag_msg` (the socket's inode at
/// offset 68), then attributes, of which `INET_DIAG_INFO` holds a `struct tcp_info`
/// (`tcpi_bytes_acked` at offset 120, `tcpi_bytes_received` at 128, since Linux 4.2).
public enum SockDiagParser {
    /// What one buffer of replies said.
    public struct Batch: Sendable, Equatable {
        public var sockets: [(inode: UInt32, counters: TCPCounters)] = []
        /// `NLMSG_DONE` seen: the dump is complete.
        public var isDone = false
        /// `NLMSG_ERROR` with a non-zero code (a negated errno).
        public var error: Int32?

        public static func == (a: Batch, b: Batch) -> Bool {
            a.isDone == b.isDone && a.error == b.error && a.sockets.count == b.sockets.count
                && zip(a.sockets, b.sockets).allSatisfy { $0.inode == $1.inode && $0.counters == $1.counters }
        }
    }

    static let headerSize = 16
    static let messageSize = 72
    static let done: UInt16 = 3
    static let errorType: UInt16 = 2
    static let diagInfo: UInt16 = 2
    static let bytesAckedOffset = 120
    static let bytesReceivedOffset = 128

    /// Sockets with an inode (TIME_WAIT ones have none) and a tcp_info long enough
    /// to hold both counters; anything malformed ends the batch there.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Batch {
        var batch = Batch()
        var offset = 0
        while offset + headerSize <= bytes.count {
            let length = Int(load(UInt32.self, bytes, offset))
            let type = load(UInt16.self, bytes, offset + 4)
            guard length >= headerSize, offset + length <= bytes.count else { break }
            if type == done {
                batch.isDone = true
                break
            }
            if type == errorType {
                let code = length >= headerSize + 4 ? load(Int32.self, bytes, offset + headerSize) : -1
                if code != 0 { batch.error = code }
                break
            }
            if let socket = socket(in: bytes, from: offset + headerSize, to: offset + length) {
                batch.sockets.append(socket)
            }
            offset += align(length)
        }
        return batch
    }

    private static func socket(in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> (
        inode: UInt32, counters: TCPCounters
    )? {
        guard end - start >= messageSize else { return nil }
        let inode = load(UInt32.self, bytes, start + 68)
        guard inode != 0 else { return nil }
        var attribute = start + messageSize
        while attribute + 4 <= end {
            let length = Int(load(UInt16.self, bytes, attribute))
            let type = load(UInt16.self, bytes, attribute + 2)
            guard length >= 4, attribute + length <= end else { return nil }
            if type == diagInfo, length - 4 >= bytesReceivedOffset + 8 {
                let info = attribute + 4
                return (
                    inode,
                    TCPCounters(
                        receivedBytes: load(UInt64.self, bytes, info + bytesReceivedOffset),
                        sentBytes: load(UInt64.self, bytes, info + bytesAckedOffset))
                )
            }
            attribute += align(length)
        }
        return nil
    }

    private static func align(_ length: Int) -> Int { (length + 3) & ~3 }

    private static func load<T: FixedWidthInteger>(_: T.Type, _ bytes: UnsafeRawBufferPointer, _ offset: Int) -> T {
        // Netlink speaks the host's byte order.
        bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
    }
}
