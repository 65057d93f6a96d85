import Glibc
import SwtopCore

/// The processes that would feed `--watch-output` its own lines: `swtop
/// --watch-output | cat >> log` has cat read swtop's output and write it to a log
/// that swtop follows. They are the holders of the pipe (or FIFO) swtop's stdout or
/// stderr is, and swtop's own process group: a shell puts a whole pipeline in one
/// (`| xargs echo >> log` writes from processes that never hold the pipe).
struct OwnPipeline {
    let processGroup = getpgrp()
    /// swtop's stdout and stderr, where they are pipes or FIFOs.
    let pipes: Set<FileIdentity>

    init() {
        var pipes: Set<FileIdentity> = []
        var info = stat()
        for descriptor in [STDOUT_FILENO, STDERR_FILENO]
        where fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO {
            pipes.insert(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
        }
        self.pipes = pipes
    }

    func includes(_ process: DiscoveredProcess, discovery: ProcessDiscovery) -> Bool {
        process.processGroup == processGroup || discovery.holdsAny(of: pipes, pid: process.pid)
    }
}
