import Glibc

/// Every TCP socket of swtop's network namespace with its byte counters, by
/// socket inode, from one netlink sock_diag dump per address family. No file is
/// opened and nothing needs privileges: unprivileged `ss -ti` reads the same.
public enum TCPSocketTable {
    /// A dump larger than this is cut (and the rates of the sockets left out are
    /// then unknown), so a user who opens a million sockets cannot make swtop
    /// hold a million entries.
    public static let maximumSockets = 262_144

    /// nil when the kernel has no sock_diag for TCP (or refused it).
    public static func read() -> [UInt32: TCPCounters]? {
        let netlinkSockDiag: Int32 = 4
        let fd = socket(AF_NETLINK, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), netlinkSockDiag)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // The kernel answers at once; the timeout only guards against the unforeseen.
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var table: [UInt32: TCPCounters] = [:]
        var answered = false
        for family in [AF_INET, AF_INET6] {
            guard request(family: UInt8(family), on: fd) else { continue }
            if receive(on: fd, into: &table) { answered = true }
        }
        return answered ? table : nil
    }

    /// `nlmsghdr` + `inet_diag_req_v2` for the states a socket with a descriptor can be
    /// in, asking for `tcp_info`.
    private static func request(family: UInt8, on fd: Int32) -> Bool {
        var message = [UInt8](repeating: 0, count: 16 + 56)
        func put32(_ value: UInt32, at offset: Int) {
            withUnsafeBytes(of: value) { for (index, byte) in $0.enumerated() { message[offset + index] = byte } }
        }
        func put16(_ value: UInt16, at offset: Int) {
            withUnsafeBytes(of: value) { for (index, byte) in $0.enumerated() { message[offset + index] = byte } }
        }
        put32(UInt32(message.count), at: 0)
        put16(20, at: 4) // SOCK_DIAG_BY_FAMILY
        put16(0x1 | 0x300, at: 6) // NLM_F_REQUEST | NLM_F_DUMP
        message[16] = family
        message[17] = UInt8(IPPROTO_TCP)
        message[18] = 1 << (2 - 1) // INET_DIAG_INFO
        // idiag_states: all but SYN_RECV, TIME_WAIT and NEW_SYN_RECV, which no descriptor
        // holds (a busy server has tens of thousands in TIME_WAIT, each a reply to skip).
        let withoutDescriptor: UInt32 = 1 << 3 | 1 << 6 | 1 << 12
        put32(~withoutDescriptor, at: 20)
        // An unconnected netlink socket sends to the kernel (port 0).
        let sent = message.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        return sent == message.count
    }

    /// Reads replies until the dump is done; false when it failed.
    private static func receive(on fd: Int32, into table: inout [UInt32: TCPCounters]) -> Bool {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            let batch = SockDiagParser.parse(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            for socket in batch.sockets where table.count < maximumSockets {
                table[socket.inode] = socket.counters
            }
            if batch.error != nil { return false }
            if batch.isDone { return true }
        }
    }
}
