import Glibc

/// Reads one process in depth, when a view asks for it: the sampler never pays
/// for these files. Not thread-safe: the thread that shows the view owns it.
///
/// Every read names the process by PID and start time; when the PID is gone or
/// its start time differs, the answer is `exited` (or `unavailable` for the
/// environment and descriptors), never another process's data.
public final class ProcessInspector {
    let procFS: ProcFS
    let files: InspectionFiles
    let users = UserDirectory()
    let groups = GroupDirectory()

    public init(procFS: ProcFS) {
        self.procFS = procFS
        files = InspectionFiles(procFS: procFS)
    }

    /// Reads everything the detail view shows.
    /// - Parameters:
    ///   - startTicks: the start time the caller knows the process by; nil accepts
    ///     whatever process has the PID now.
    ///   - previous: the last inspection of the same process, for thread CPU%.
    public func inspect(pid: Int32, startTicks: UInt64?, previous: ProcessInspection? = nil) -> InspectionResult {
        guard let inspection = readInspection(pid: pid, startTicks: startTicks, previous: previous) else {
            return .exited
        }
        return .inspected(inspection)
    }

    /// /proc/PID/environ as `NAME=value` pairs, in the process's order.
    public func environment(pid: Int32, startTicks: UInt64) -> Readable<[EnvironmentVariable]> {
        guard isSameProcess(pid: pid, startTicks: startTicks) else { return .unavailable }
        let read = files.read(pid: pid, "environ") { EnvironParser.parse($0) }
        // The file may belong to the next process with this PID by now.
        return isSameProcess(pid: pid, startTicks: startTicks) ? read : .unavailable
    }

    /// The open descriptors, ascending, with sockets resolved through the process's
    /// own network namespace.
    public func openDescriptors(pid: Int32, startTicks: UInt64) -> Readable<[OpenDescriptor]> {
        guard isSameProcess(pid: pid, startTicks: startTicks) else { return .unavailable }
        let listed = DescriptorLister(procFS: procFS, files: files).descriptors(of: pid)
        return isSameProcess(pid: pid, startTicks: startTicks) ? listed : .unavailable
    }

    /// True while `pid` is the process started at `startTicks` and has not ended.
    func isSameProcess(pid: Int32, startTicks: UInt64?) -> Bool {
        guard let current = files.stat(of: pid), !current.hasEnded else { return false }
        return startTicks.map { $0 == current.stat.startTicks } ?? true
    }
}
