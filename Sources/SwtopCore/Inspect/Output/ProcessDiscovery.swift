import Glibc

/// A process found by `ProcessDiscovery`.
public struct DiscoveredProcess: Sendable, Equatable {
    public var pid: Int32
    public var startTicks: UInt64
    public var comm: String
    public var effectiveUID: UInt32
    public var isKernelThread: Bool
    public var processGroup: Int32
}

/// A light listing of processes for `--watch-output`, which only needs to notice
/// new ones: the PIDs of the proc root, and a description read for a PID only when
/// the caller does not know it yet (no per-refresh read of every process).
/// Not thread-safe.
public final class ProcessDiscovery {
    private let procFS: ProcFS
    private let reader = ProcFileReader(initialCapacity: 1024)

    public init(procFS: ProcFS) {
        self.procFS = procFS
    }

    /// The PIDs under the proc root now, ascending.
    public func pids() -> [Int32] {
        guard let directory = opendir(procFS.root) else { return [] }
        defer { closedir(directory) }
        var pids: [Int32] = []
        while let entry = readdir(directory) {
            let pid = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                InspectionFiles.number(named: raw.bindMemory(to: UInt8.self))
            }
            if let pid, pid > 0 { pids.append(pid) }
        }
        return pids.sorted()
    }

    /// Nil when the process is gone (or its files cannot be read).
    public func describe(pid: Int32) -> DiscoveredProcess? {
        let path = "\(procFS.root)/\(pid)/"
        let described = reader.withContents(ofPath: path + "stat", singleLine: true) { bytes -> DiscoveredProcess? in
            guard let stat = ProcessStatParser.parse(bytes), stat.pid == pid else { return nil }
            return DiscoveredProcess(
                pid: pid, startTicks: stat.startTicks,
                comm: LosslessText.decode(UnsafeBufferPointer(rebasing: bytes[stat.commRange])),
                effectiveUID: 0, isKernelThread: stat.isKernelThread, processGroup: stat.processGroup)
        }
        guard var process = described else { return nil }
        guard let ids = reader.withContents(ofPath: path + "status", { StatusParser.parse($0)?.realAndEffectiveUID })
        else { return nil }
        process.effectiveUID = ids.effective
        return process
    }

    /// True when one of the process's descriptors is one of `files` (by device and
    /// inode, as stat through /proc/PID/fd/N tells without opening anything): a
    /// reader of a pipe swtop writes, say. False when they cannot be looked at.
    public func holdsAny(of files: Set<FileIdentity>, pid: Int32) -> Bool {
        guard !files.isEmpty else { return false }
        let directory = "\(procFS.root)/\(pid)/fd"
        guard case .value(let numbers) = InspectionFiles(procFS: procFS).numberedEntries(ofDirectory: directory) else {
            return false
        }
        var info = stat()
        return numbers.contains { number in
            stat("\(directory)/\(number)", &info) == 0
                && files.contains(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
        }
    }
}
