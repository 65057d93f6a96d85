import SwtopCore

/// The columns the interactive table can show: title, width, alignment, sort key,
/// and how important they are when the terminal is too narrow for all of them.
/// Which ones are shown, and in what order, is the user's choice (setup, config file).
public enum TableColumn: CaseIterable, Sendable {
    case pid, ppid, processGroup, session, tty, user, uid, priority, nice, virt, res, shr, state
    case cpu, normalizedCPU, mem, time, threads, start, elapsed, processor, command, comm, exe
    case ioRead, ioWrite, swap
    case ioTotal, ioReadTotal, ioWriteTotal
    case cgroup, container, unit
    case netReceive, netSend, gpu, gpuMemory

    /// htop's default table.
    public static let defaults: [TableColumn] = [
        .pid, .user, .priority, .nice, .virt, .res, .shr, .state, .cpu, .mem, .time, .command,
    ]

    /// The header text, also the column's name in the config file.
    public var title: String {
        switch self {
        case .pid: "PID"
        case .ppid: "PPID"
        case .processGroup: "PGRP"
        case .session: "SESSION"
        case .tty: "TTY"
        case .user: "USER"
        case .uid: "UID"
        case .priority: "PRI"
        case .nice: "NI"
        case .virt: "VIRT"
        case .res: "RES"
        case .shr: "SHR"
        case .state: "S"
        case .cpu: "CPU%"
        case .normalizedCPU: "NCPU%"
        case .mem: "MEM%"
        case .time: "TIME+"
        case .threads: "THR"
        case .start: "START"
        case .elapsed: "ELAPSED"
        case .processor: "CPU"
        case .command: "Command"
        case .comm: "COMM"
        case .exe: "EXE"
        case .ioRead: "READ/s"
        case .ioWrite: "WRITE/s"
        case .swap: "SWAP"
        case .ioTotal: "IO/s"
        case .ioReadTotal: "READ"
        case .ioWriteTotal: "WRITE"
        case .cgroup: "CGROUP"
        case .container: "CONTAINER"
        case .unit: "UNIT"
        case .netReceive: "NET RX/s"
        case .netSend: "NET TX/s"
        case .gpu: "GPU%"
        case .gpuMemory: "GPU MEM"
        }
    }

    /// What the setup screen says about the column.
    public var summary: String {
        switch self {
        case .pid: "process id"
        case .ppid: "parent's process id"
        case .processGroup: "process group id"
        case .session: "session id"
        case .tty: "controlling terminal"
        case .user: "effective user"
        case .uid: "effective user id"
        case .priority: "kernel priority (RT: real-time)"
        case .nice: "nice value"
        case .virt: "virtual memory size"
        case .res: "resident memory"
        case .shr: "shared memory (reads statm)"
        case .state: "state letter"
        case .cpu: "CPU usage, 100% = one core"
        case .normalizedCPU: "CPU usage over all CPUs, 100% = all busy"
        case .mem: "resident memory over MemTotal"
        case .time: "CPU time used"
        case .threads: "number of threads"
        case .start: "time the process started"
        case .elapsed: "time since the process started"
        case .processor: "CPU it last ran on"
        case .command: "command line"
        case .comm: "the kernel's task name"
        case .exe: "path of the executable"
        case .ioRead: "storage read per second (io)"
        case .ioWrite: "storage written per second (io)"
        case .swap: "memory swapped out (status)"
        case .ioTotal: "storage read+written per second (io)"
        case .ioReadTotal: "storage read since start (io)"
        case .ioWriteTotal: "storage written since start (io)"
        case .cgroup: "cgroup path (reads cgroup)"
        case .container: "docker, podman, containerd, CRI-O id"
        case .unit: "systemd unit or slice"
        case .netReceive: "TCP only: received per second (sock_diag)"
        case .netSend: "TCP only: sent, acked per s; a shared socket counts once"
        case .gpu: "GPU engine time, all engines (DRM fdinfo)"
        case .gpuMemory: "GPU memory of its DRM clients"
        }
    }

    /// The name in the config file: the title, with `_` for a space (`NET_RX/s`),
    /// since the config lists columns separated by spaces.
    public var name: String { String(title.map { $0 == " " ? "_" : $0 }) }

    /// The column named `name` (see `name`, any case).
    public init?(name: String) {
        let lowered = name.lowercased()
        guard let found = Self.allCases.first(where: { $0.name.lowercased() == lowered }) else { return nil }
        self = found
    }

    /// Cells including the space before the next column. A flexible column takes
    /// the rest of the row when it comes last, else this many cells.
    public var width: Int {
        switch self {
        case .pid, .ppid, .processGroup, .session: 8
        case .user, .tty: 9
        case .uid: 7
        case .priority, .nice, .processor: 4
        case .virt, .res, .shr: 7
        case .state: 2
        case .cpu, .mem: 6
        case .normalizedCPU: 7
        case .time: 10
        case .threads: 5
        case .start: 6
        case .elapsed: 12
        case .comm: 16
        case .command, .exe: 25
        case .ioRead, .ioWrite, .ioTotal: 9
        case .ioReadTotal, .ioWriteTotal: 8
        case .swap: 7
        case .cgroup: 31
        case .container: 24
        case .unit: 26
        case .netReceive, .netSend: 10
        case .gpu: 6
        case .gpuMemory: 8
        }
    }

    /// Command line and executable path: as wide as what is left when shown last.
    public var isFlexible: Bool { self == .command || self == .exe }

    var leftAligned: Bool {
        switch self {
        case .user, .command, .comm, .exe, .tty, .cgroup, .container, .unit: true
        default: false
        }
    }

    /// nil for columns read only for the rows on screen: sorting would need them for
    /// every process. The I/O columns sort: the sampler then reads io for all.
    public var sortKey: SortKey? {
        switch self {
        case .swap: nil
        case .ioRead: .ioRead
        case .ioWrite: .ioWrite
        case .ioTotal: .io
        case .ioReadTotal: .ioReadTotal
        case .ioWriteTotal: .ioWriteTotal
        case .pid: .pid
        case .ppid: .ppid
        case .processGroup: .pgrp
        case .session: .session
        case .tty: .tty
        case .user: .user
        case .uid: .uid
        case .priority: .priority
        case .nice: .nice
        case .virt: .virt
        case .res: .res
        case .shr: .shr
        case .state: .state
        case .cpu, .normalizedCPU: .cpu
        case .mem: .mem
        case .time: .time
        case .threads: .threads
        case .start, .elapsed: .start
        case .processor: .processor
        case .command: .command
        case .comm: .comm
        case .exe: .exe
        case .cgroup: .cgroup
        case .container: .container
        case .unit: .unit
        case .netReceive: .netReceive
        case .netSend: .netSend
        case .gpu: .gpu
        case .gpuMemory: .gpuMemory
        }
    }

    /// The table like htop's I/O tab (a preset in setup).
    public static let ioArrangement: [TableColumn] = [
        .pid, .user, .ioTotal, .ioRead, .ioWrite, .ioReadTotal, .ioWriteTotal,
        .cpu, .command,
    ]

    /// Needs `/proc/PID/cgroup` (`ScanOptions.readsCgroups`).
    public var readsCgroups: Bool { self == .cgroup || self == .container || self == .unit }

    /// Needs every process's descriptors and the TCP socket table (`ScanOptions.readsNetwork`).
    public var readsNetwork: Bool { self == .netReceive || self == .netSend }

    /// Needs the DRM clients' fdinfo (`ScanOptions.readsGPU`); offered only where a DRM device exists.
    public var readsGPU: Bool { self == .gpu || self == .gpuMemory }

    /// Lower goes first when space runs out.
    private var importance: Int {
        switch self {
        case .pid, .command, .cpu: 10
        case .user, .mem: 9
        case .state, .normalizedCPU: 8
        case .res: 7
        case .time: 6
        case .virt: 5
        case .shr: 4
        case .nice: 3
        case .priority: 2
        default: 1
        }
    }

    /// Columns offered by F6 and cycled by `<` `>`: the default table's, then the rest.
    public static let sortable: [SortKey] = {
        var keys: [SortKey] = []
        for key in defaults.compactMap(\.sortKey) + SortKey.allCases where !keys.contains(key) { keys.append(key) }
        return keys
    }()

    /// The default columns that fit in `width`.
    public static func fitting(width: Int) -> [TableColumn] { fitting(defaults, width: width) }

    /// The chosen columns that fit, in their order, dropping the least important
    /// first and leaving a flexible last column at least 8 cells.
    public static func fitting(_ chosen: [TableColumn], width: Int) -> [TableColumn] {
        var columns = chosen
        func needed(_ columns: [TableColumn]) -> Int {
            columns.enumerated().reduce(0) { sum, item in
                let (index, column) = item
                return sum + (index == columns.count - 1 && column.isFlexible ? 8 : column.width)
            }
        }
        for candidate in chosen.sorted(by: { $0.importance < $1.importance }) {
            if needed(columns) <= width || columns.count == 1 { break }
            columns.removeAll { $0 == candidate }
        }
        return columns
    }

    /// The column under a cell of the header row.
    public static func at(cell: Int, in columns: [TableColumn]) -> TableColumn? {
        var start = 0
        for (index, column) in columns.enumerated() {
            if index == columns.count - 1, column.isFlexible { return cell >= start ? column : nil }
            if cell < start + column.width { return column }
            start += column.width
        }
        return nil
    }
}
