import CProcessControl
import Glibc

/// Sends signals and nice values to processes, and only to the process that was
/// meant: the target's start time is read again right before acting, through a
/// process handle (pidfd) opened first. Once the handle is open it names that one
/// process, so if the start time still matches, the signal cannot reach a process
/// that took the PID over in between.
public struct ProcessController: Sendable {
    public let procFS: ProcFS

    public init(procFS: ProcFS) {
        self.procFS = procFS
    }

    /// Sends `signal` to `target` if it is still the same process.
    public func send(_ signal: Int32, to target: ProcessTarget) -> ActionOutcome {
        guard target.pid > 0 else { return .refused }
        let handle = swtop_pidfd_open(target.pid)
        if handle < 0 {
            let code = errno
            guard code == ENOSYS else { return code == ESRCH ? .exited : .failed(errno: code) }
            // Kernels before 5.3: check, then kill(2). The gap is a few microseconds.
            if let outcome = mismatch(target) { return outcome }
            return kill(target.pid, signal) == 0 ? .done : .failed(errno: errno)
        }
        defer { close(handle) }
        if let outcome = mismatch(target) { return outcome }
        return swtop_pidfd_send_signal(handle, signal) == 0 ? .done : .failed(errno: errno)
    }

    /// True while the target runs (a zombie has ended: it only waits for its parent).
    public func isAlive(_ target: ProcessTarget) -> Bool {
        mismatch(target) == nil
    }

    /// Nil when `target` still exists as the same, living process.
    private func mismatch(_ target: ProcessTarget) -> ActionOutcome? {
        if case .failure(let mismatch) = current(target) { return mismatch.outcome }
        return nil
    }

    private struct Mismatch: Error {
        let outcome: ActionOutcome
    }

    /// The target's stat as it is now, if it is still the same, living process.
    private func current(_ target: ProcessTarget) -> Result<ProcessStat, Mismatch> {
        let reader = ProcFileReader(initialCapacity: 1024)
        let path = procFS.root + "/\(target.pid)/stat"
        guard let stat = reader.withContents(ofPath: path, singleLine: true, { ProcessStatParser.parse($0) }),
            stat.pid == target.pid
        else { return .failure(Mismatch(outcome: .exited)) }
        if stat.startTicks != target.startTicks { return .failure(Mismatch(outcome: .replaced)) }
        if stat.state == UInt8(ascii: "Z") || stat.state == UInt8(ascii: "X") {
            return .failure(Mismatch(outcome: .exited))
        }
        return .success(stat)
    }
}
