import Glibc

/// Renicing a process means renicing each of its threads: on Linux a nice value
/// belongs to a thread, and setpriority(PRIO_PROCESS, PID) moves the main thread only.
extension ProcessController {
    /// Moves the nice value of every thread of `target` by `step` (kept within -20…19)
    /// if it is still the same process. Each thread moves from its own value, read
    /// right now (not taken from the last snapshot, so pressing the key twice before
    /// a refresh moves it twice; threads set apart stay apart).
    ///
    /// The process's directory is opened once and everything is read through it: once
    /// open it stands for that one process, so if its start time matches, the threads
    /// listed under it are its threads even if the PID is reused meanwhile (reads
    /// through it then fail). setpriority(2) has no pidfd form: the thread's stat is
    /// read through that directory right before each call.
    public func renice(_ target: ProcessTarget, by step: Int32) -> ActionOutcome {
        guard target.pid > 0 else { return .refused }
        let directory = open(procFS.root + "/\(target.pid)", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else {
            let code = errno
            return code == ENOENT || code == ESRCH ? .exited : .failed(errno: code)
        }
        defer { close(directory) }
        let reader = ProcFileReader(initialCapacity: 1024)
        guard
            let stat = reader.withContents(
                of: "stat", in: directory, singleLine: true, { ProcessStatParser.parse($0) }),
            stat.pid == target.pid
        else { return .exited }
        if stat.startTicks != target.startTicks { return .replaced }
        if stat.state == UInt8(ascii: "Z") || stat.state == UInt8(ascii: "X") { return .exited }

        var changed = 0
        var failed = 0
        var failure: Int32 = 0
        // A tree without task directories (an old kernel, a fixture) has its main thread only.
        for thread in Self.threadIDs(in: directory) ?? [target.pid] {
            // Not found through the process's directory: the thread has exited since the listing.
            let parsed = "task/\(thread)/stat".withCString { path in
                reader.withContents(of: path, in: directory, singleLine: true) { ProcessStatParser.parse($0) }
            }
            guard let threadStat = parsed, threadStat.pid == thread
            else { continue }
            let nice = min(19, max(-20, threadStat.nice + step))
            if setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(thread), nice) == 0 {
                changed += 1
            } else if errno != ESRCH {
                failed += 1
                failure = errno
            }
        }
        switch (changed, failed) {
        case (_, 0): return changed > 0 ? .done : .exited
        case (0, _): return .failed(errno: failure)
        default: return .someThreadsFailed(failed, of: changed + failed, errno: failure)
        }
    }

    /// The TIDs under `task` of an open /proc/PID directory; nil when it cannot be listed.
    private static func threadIDs(in directory: Int32) -> [Int32]? {
        let taskFD = openat(directory, "task", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard taskFD >= 0 else { return nil }
        guard let tasks = fdopendir(taskFD) else {
            close(taskFD)
            return nil
        }
        defer { closedir(tasks) }
        var threads: [Int32] = []
        while let entry = readdir(tasks) {
            if let id = ProcessScanner.pid(fromDirectoryName: ProcessScanner.name(of: entry)) { threads.append(id) }
        }
        return threads
    }
}
