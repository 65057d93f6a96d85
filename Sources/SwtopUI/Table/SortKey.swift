import SwtopCore

/// A column the process list can be ordered by.
public enum SortKey: String, CaseIterable, Sendable {
    case pid, ppid, user, uid, priority, nice, virt, res, shr, state, cpu, mem, time, threads, start, tty, processor,
        command, comm, pgrp, session, exe
    case cgroup, container, unit
    /// Storage I/O from `/proc/PID/io`: read+write per second, each per second, each total.
    case io
    case ioRead = "io_read"
    case ioWrite = "io_write"
    case ioReadTotal = "io_read_total"
    case ioWriteTotal = "io_write_total"
    /// TCP payload bytes per second of the process's sockets (sock_diag).
    case netReceive = "net_rx"
    case netSend = "net_tx"
    /// GPU engine time and memory of its DRM clients (fdinfo).
    case gpu
    case gpuMemory = "gpu_mem"

    /// Accepts the column's name as printed in the header and the usual aliases
    /// from ps, top and htop (`%cpu`, `rss`, `vsz`, `ni`, `cmd` …), in any case.
    public init?(name: String) {
        let lowered = name.lowercased()
        if let key = SortKey(rawValue: lowered) {
            self = key
            return
        }
        switch lowered {
        case "pri", "prio": self = .priority
        case "ni": self = .nice
        case "vsz", "vsize", "virtual": self = .virt
        case "rss", "resident": self = .res
        case "share", "shared": self = .shr
        case "s", "stat": self = .state
        case "cpu%", "%cpu", "pcpu": self = .cpu
        case "mem%", "%mem", "pmem", "memory": self = .mem
        case "time+", "cputime": self = .time
        case "nlwp", "thr": self = .threads
        case "start_time", "started", "age": self = .start
        case "cmd", "args", "cmdline": self = .command
        case "name": self = .comm
        case "cpu#", "psr": self = .processor
        case "user_name", "owner": self = .user
        case "pgid", "processgroup": self = .pgrp
        case "sid", "sess": self = .session
        case "executable", "exe_path": self = .exe
        case "cg", "control_group": self = .cgroup
        case "ctr", "container_id": self = .container
        case "systemd_unit", "service": self = .unit
        case "io/s", "disk": self = .io
        case "read/s", "rbytes": self = .ioRead
        case "write/s", "wbytes": self = .ioWrite
        case "read": self = .ioReadTotal
        case "write": self = .ioWriteTotal
        case "net_rx/s", "rx", "netrx": self = .netReceive
        case "net_tx/s", "tx", "nettx": self = .netSend
        case "gpu%": self = .gpu
        case "gpu_memory", "vram": self = .gpuMemory
        default: return nil
        }
    }

    /// A rate or total from `/proc/PID/io`.
    public var isIO: Bool { [.io, .ioRead, .ioWrite, .ioReadTotal, .ioWriteTotal].contains(self) }

    /// A rate from the process's TCP sockets (`ScanOptions.readsNetwork`).
    public var isNetwork: Bool { self == .netReceive || self == .netSend }

    /// GPU use of its DRM clients (`ScanOptions.readsGPU`).
    public var isGPU: Bool { self == .gpu || self == .gpuMemory }

    /// Amounts sort largest first, as in htop; names and ids smallest first.
    public var descendingByDefault: Bool {
        switch self {
        case .virt, .res, .shr, .cpu, .mem, .time, .threads: return true
        case .io, .ioRead, .ioWrite, .ioReadTotal, .ioWriteTotal: return true
        case .netReceive, .netSend, .gpu, .gpuMemory: return true
        default: return false
        }
    }

    /// Strict order of two processes under this key, ties left to the caller.
    func compare(_ a: ProcessEntry, _ b: ProcessEntry) -> Int {
        switch self {
        case .pid: return order(a.pid, b.pid)
        case .ppid: return order(a.ppid, b.ppid)
        case .user: return order(a.details.effectiveUser, b.details.effectiveUser)
        case .uid: return order(a.details.effectiveUID, b.details.effectiveUID)
        case .priority: return order(a.priority, b.priority)
        case .nice: return order(a.nice, b.nice)
        case .virt: return order(a.virtualBytes, b.virtualBytes)
        case .res, .mem: return order(a.residentBytes, b.residentBytes)
        case .shr: return order(a.sharedBytes ?? 0, b.sharedBytes ?? 0)
        case .state: return order(a.state, b.state)
        // A process without a CPU% yet sorts below one at 0%.
        case .cpu: return order(a.cpuPercent ?? -1, b.cpuPercent ?? -1)
        case .time: return order(a.cpuTicks, b.cpuTicks)
        case .threads: return order(a.threadCount, b.threadCount)
        case .start: return order(a.startTicks, b.startTicks)
        case .tty: return order(a.ttyNumber, b.ttyNumber)
        case .processor: return order(a.processor, b.processor)
        case .command: return order(CommandSortText(a), CommandSortText(b))
        case .comm: return order(a.details.comm, b.details.comm)
        case .pgrp: return order(a.processGroup, b.processGroup)
        case .session: return order(a.session, b.session)
        case .exe: return order(a.details.executable ?? "", b.details.executable ?? "")
        case .cgroup: return order(a.details.cgroup?.path ?? "", b.details.cgroup?.path ?? "")
        case .container:
            return order(a.details.cgroup?.container?.shortName ?? "", b.details.cgroup?.container?.shortName ?? "")
        case .unit: return order(a.details.cgroup?.unit ?? "", b.details.cgroup?.unit ?? "")
        // Unknown (unreadable, or no previous sample) sorts below any known amount, 0 included.
        case .io:
            return order(
                a.ioRates.map { $0.readPerSecond + $0.writePerSecond } ?? -1,
                b.ioRates.map { $0.readPerSecond + $0.writePerSecond } ?? -1)
        case .ioRead: return order(a.ioRates?.readPerSecond ?? -1, b.ioRates?.readPerSecond ?? -1)
        case .ioWrite: return order(a.ioRates?.writePerSecond ?? -1, b.ioRates?.writePerSecond ?? -1)
        case .ioReadTotal:
            return order(
                a.ioCounters.map { Int64(clamping: $0.readBytes) } ?? -1,
                b.ioCounters.map { Int64(clamping: $0.readBytes) } ?? -1)
        case .ioWriteTotal:
            return order(
                a.ioCounters.map { Int64(clamping: $0.writtenBytes) } ?? -1,
                b.ioCounters.map { Int64(clamping: $0.writtenBytes) } ?? -1)
        case .netReceive:
            return order(a.networkRates?.receivePerSecond ?? -1, b.networkRates?.receivePerSecond ?? -1)
        case .netSend: return order(a.networkRates?.sendPerSecond ?? -1, b.networkRates?.sendPerSecond ?? -1)
        case .gpu: return order(a.gpuUse?.percent ?? -1, b.gpuUse?.percent ?? -1)
        case .gpuMemory:
            return order(
                a.gpuUse?.memoryBytes.map { Int64(clamping: $0) } ?? -1,
                b.gpuUse?.memoryBytes.map { Int64(clamping: $0) } ?? -1)
        }
    }

    private func order<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
}

/// Orders command lines as displayed (kernel threads by `[name]`) without building
/// the display string for every comparison.
private struct CommandSortText: Comparable {
    let text: String
    let bracketed: Bool

    init(_ process: ProcessEntry) {
        bracketed = process.isKernelThread
        text =
            process.details.rawCommandLine.isEmpty || bracketed ? process.details.comm : process.details.rawCommandLine
    }

    static func < (a: Self, b: Self) -> Bool {
        // "[" sorts after "/" and letters' capitals alike: keep kernel threads together, last.
        a.bracketed != b.bracketed ? !a.bracketed : a.text < b.text
    }
}
