#if canImport(Glibc)
import Glibc
#endif

/// Writes straight to file descriptors 1 and 2: no stdio buffer to flush, and
/// nothing shared between threads.
enum StandardStream {
    /// False when standard output is gone (EPIPE with SIGPIPE ignored, a closed
    /// descriptor): the caller should stop producing frames.
    @discardableResult
    static func output(_ text: String) -> Bool {
        write(text, to: STDOUT_FILENO)
    }

    static func error(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    @discardableResult
    private static func write(_ text: String, to descriptor: Int32) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}
