import Glibc
import SwtopCore

/// A recording opened for `--replay`: O_NOFOLLOW and O_NONBLOCK (a FIFO or a link put
/// in its place must neither hang swtop nor lead it elsewhere), then only a regular file.
public enum RecordingSource {
    /// The reader, or the one line that says why the file cannot be replayed.
    public static func open(_ path: String) throws(UsageError) -> RecordingReader {
        let descriptor = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno == ELOOP ? "is a symbolic link" : String(cString: strerror(errno))
            throw UsageError("--replay: \(path): \(reason)")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw UsageError("--replay: \(path) is not a regular file")
        }
        // The reader keeps the descriptor for the rest of the run.
        do {
            return try RecordingReader(RecordingDescriptorBytes(descriptor: descriptor, size: Int(info.st_size)))
        } catch {
            close(descriptor)
            throw UsageError("--replay: \(path): \(error.description)")
        }
    }
}
