import Glibc

/// Lists /proc/PID/fd, naming each descriptor's kind and target, and resolves
/// sockets through the process's own /proc/PID/net tables (its network namespace).
struct DescriptorLister {
    let procFS: ProcFS
    let files: InspectionFiles
    /// Reads one fd link; nil with `errno` set when it cannot (a parameter for tests).
    var probe: (String) -> DescriptorProbe? = DescriptorProbe.probe(path:)

    func descriptors(of pid: Int32) -> Readable<[OpenDescriptor]> {
        let numbers: [Int32]
        switch files.numberedEntries(pid: pid, "fd") {
        case .value(let found): numbers = found
        case .notPermitted: return .notPermitted
        case .unavailable: return .unavailable
        }
        var sockets: SocketTables?
        var descriptors: [OpenDescriptor] = []
        var refused: [Int32] = []
        for number in numbers {
            let path = files.path(pid, "fd/\(number)")
            guard let probe = probe(path) else {
                // Closed since the listing: leave it out. Refused: the directory can be
                // listed but its links not read (some containers, for PID 1).
                if errno == EACCES || errno == EPERM { refused.append(number) }
                continue
            }
            var descriptor = OpenDescriptor(number: number, kind: probe.kind, target: probe.target)
            if probe.kind == .socket {
                if sockets == nil { sockets = SocketTables(files: files, pid: pid) }
                descriptor.socket = sockets?.endpoint(inode: probe.inode)
            }
            descriptors.append(descriptor)
        }
        if descriptors.isEmpty && !refused.isEmpty { return .notPermitted }
        for number in refused {
            descriptors.append(OpenDescriptor(number: number, kind: .unknown, target: "not permitted"))
        }
        return .value(descriptors.sorted { $0.number < $1.number })
    }
}

/// The socket tables of one process's network namespace, read once per listing.
struct SocketTables {
    private var endpoints: [UInt64: SocketEndpoint] = [:]

    init(files: InspectionFiles, pid: Int32) {
        let inet: [(String, SocketEndpoint.Family)] = [("tcp", .tcp), ("tcp6", .tcp6), ("udp", .udp), ("udp6", .udp6)]
        for (name, family) in inet {
            guard case .value(let rows) = files.read(pid: pid, "net/\(name)", { InetSocketTableParser.parse($0) })
            else { continue }
            let isTCP = family == .tcp || family == .tcp6
            for row in rows where endpoints[row.inode] == nil && row.inode != 0 {
                let state: String? = isTCP ? InetSocketTableParser.tcpStateName(row.state) : nil
                endpoints[row.inode] = SocketEndpoint(
                    family: family, local: row.local,
                    remote: row.remoteIsUnset ? nil : row.remote, state: state)
            }
        }
        if case .value(let rows) = files.read(pid: pid, "net/unix", { UnixSocketTableParser.parse($0) }) {
            for row in rows where endpoints[row.inode] == nil {
                endpoints[row.inode] = SocketEndpoint(
                    family: .unix, local: row.path, remote: nil,
                    state: UnixSocketTableParser.stateName(row))
            }
        }
    }

    func endpoint(inode: UInt64) -> SocketEndpoint? { endpoints[inode] }
}
