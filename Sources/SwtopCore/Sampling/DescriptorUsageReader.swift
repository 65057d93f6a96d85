import Glibc

/// Network and GPU use per process, found through its open descriptors: the TCP
/// sockets among `/proc/PID/fd` (matched by inode against the kernel's socket
/// diagnostics) and the DRM devices (whose `/proc/PID/fdinfo/FD` counts the GPU
/// time of that client). Only readlink and proc files: nothing a process holds is
/// opened. Rates come from each socket's and each client's own counters between
/// two passes, so a socket that closes or opens in between does not make a process's
/// total step. Single-threaded: the sampling thread owns it.
final class DescriptorUsageReader {
    /// Descriptors examined per process, so one with a million open files costs a
    /// bounded pass (the rest are not counted).
    static let maximumDescriptors = 65536

    private let procFS: ProcFS
    private let reader = ProcFileReader(initialCapacity: 1024)
    private let socketTable: () -> [UInt32: TCPCounters]?
    /// The last pass: when, what it read, and each socket's and client's counters.
    private var previousSeconds: Double?
    private var previousKinds: (network: Bool, gpu: Bool) = (false, false)
    private var previousSockets: [UInt32: TCPCounters] = [:]
    private var previousClients: [String: UInt64] = [:]

    init(procFS: ProcFS, socketTable: @escaping () -> [UInt32: TCPCounters]? = TCPSocketTable.read) {
        self.procFS = procFS
        self.socketTable = socketTable
    }

    /// Fills `networkRates` and `gpuUse` of every process (threads share their
    /// process's descriptors and get none), and returns the GPUs' totals (nil when
    /// `gpu` is off). A socket several processes hold counts once, for the one with
    /// the lowest PID.
    func annotate(_ processes: inout [ProcessEntry], network: Bool, gpu: Bool, monotonicSeconds: Double)
        -> [GPUDevice]?
    {
        let sockets = network ? socketTable() : nil
        let ownNamespace = network ? namespace(of: procFS.root + "/self") : nil
        let interval = previousSeconds.map { monotonicSeconds - $0 } ?? 0
        let networkRated = previousKinds.network && interval > 0
        let gpuRated = previousKinds.gpu && interval > 0
        var claimed = Set<UInt32>()
        var devices: [String: (busy: UInt64, memory: UInt64?, clients: Int)] = [:]
        var countedClients = Set<String>()
        var clients: [String: UInt64] = [:]

        for index in processes.indices where !processes[index].isThread && !processes[index].isKernelThread {
            let directory = procFS.root + "/\(processes[index].pid)"
            guard let found = descriptors(under: directory, sockets: sockets != nil, gpu: gpu) else {
                processes[index].networkRates = nil
                processes[index].gpuUse = nil
                continue
            }
            if let sockets {
                var received: UInt64 = 0
                var sent: UInt64 = 0
                for inode in found.sockets where claimed.insert(inode).inserted {
                    guard let now = sockets[inode] else { continue } // a UNIX or UDP socket
                    let before = previousSockets[inode] ?? TCPCounters(receivedBytes: 0, sentBytes: 0)
                    received &+=
                        now.receivedBytes >= before.receivedBytes ? now.receivedBytes - before.receivedBytes : 0
                    sent &+= now.sentBytes >= before.sentBytes ? now.sentBytes - before.sentBytes : 0
                }
                // Another network namespace's sockets are not in this one's table; a process
                // without sockets sends nothing in any namespace (and costs no readlink).
                let sameNamespace =
                    found.sockets.isEmpty || ownNamespace == nil || namespace(of: directory) == ownNamespace
                processes[index].networkRates =
                    networkRated && sameNamespace
                    ? NetworkRates(
                        receivePerSecond: Double(received) / interval, sendPerSecond: Double(sent) / interval)
                    : nil
            } else {
                processes[index].networkRates = nil // not asked for, or no socket table: unknown
            }
            if gpu {
                var busy: UInt64 = 0
                var memory: UInt64?
                var seen = Set<String>()
                for client in found.clients {
                    let key = client.device + "#" + String(client.clientID)
                    guard seen.insert(key).inserted else { continue }
                    let now = client.busyNanoseconds
                    let gained = now &- min(now, previousClients[key] ?? 0)
                    busy &+= gained
                    clients[key] = now
                    if let bytes = client.memoryBytes { memory = (memory ?? 0) &+ bytes }
                    // A client shared by two processes (fork, SCM_RIGHTS) counts once for its device.
                    guard countedClients.insert(key).inserted else { continue }
                    var device = devices[client.device] ?? (0, nil, 0)
                    device.busy &+= gained
                    device.clients += 1
                    if let bytes = client.memoryBytes { device.memory = (device.memory ?? 0) &+ bytes }
                    devices[client.device] = device
                }
                processes[index].gpuUse =
                    found.clients.isEmpty
                    ? GPUUse(percent: gpuRated ? 0 : nil, memoryBytes: nil)
                    : GPUUse(percent: gpuRated ? Self.percent(busy, interval) : nil, memoryBytes: memory)
            }
        }
        previousSeconds = monotonicSeconds
        previousKinds = (sockets != nil, gpu)
        previousSockets = sockets ?? [:]
        previousClients = clients
        guard gpu else { return nil }
        return devices.keys.sorted().map { name in
            let device = devices[name]!
            return GPUDevice(
                name: name.isEmpty ? "-" : name, busyPercent: gpuRated ? Self.percent(device.busy, interval) : nil,
                memoryBytes: device.memory, clients: device.clients)
        }
    }

    private static func percent(_ nanoseconds: UInt64, _ seconds: Double) -> Double {
        Double(nanoseconds) / (seconds * 1e9) * 100
    }

    /// The socket inodes and DRM clients among a process's descriptors; nil when
    /// its `fd` directory cannot be read (another user's process, or it ended).
    private func descriptors(under directory: String, sockets: Bool, gpu: Bool) -> (
        sockets: [UInt32], clients: [DRMClient]
    )? {
        let fd = reader.open(directory + "/fd", isDirectory: true)
        guard fd >= 0 else { return nil }
        guard let stream = fdopendir(fd) else {
            close(fd)
            return nil
        }
        defer { closedir(stream) }
        var found: (sockets: [UInt32], clients: [DRMClient]) = ([], [])
        var examined = 0
        var target = [CChar](repeating: 0, count: 32)
        while examined < Self.maximumDescriptors, let entry = readdir(stream) {
            guard entry.pointee.d_name.0 != UInt8(ascii: ".") else { continue }
            examined += 1
            let name = ProcessScanner.name(of: entry)
            let length = readlinkat(fd, name, &target, target.count)
            guard length > 0, length < target.count else { continue } // longer: neither kind
            let text = target.withUnsafeBufferPointer {
                UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer($0)[..<length])
            }
            if sockets, let inode = Self.socketInode(text) {
                found.sockets.append(inode)
            } else if gpu, text.starts(with: "/dev/dri/".utf8),
                let client = reader.withContents(
                    ofPath: directory + "/fdinfo/" + String(cString: name),
                    {
                        DRMFdinfoParser.parse($0)
                    })
            {
                found.clients.append(client)
            }
        }
        return found
    }

    /// N of a `socket:[N]` link.
    static func socketInode(_ text: UnsafeRawBufferPointer) -> UInt32? {
        guard text.starts(with: "socket:[".utf8), text.last == UInt8(ascii: "]") else { return nil }
        var value: UInt32 = 0
        for byte in text.dropFirst(8).dropLast() {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(UInt32(byte - UInt8(ascii: "0")))
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }

    /// The `net:[N]` link of a process directory; nil when it cannot be read.
    private func namespace(of directory: String) -> [UInt8]? {
        SymbolicLink.target(of: directory + "/ns/net")
    }
}
