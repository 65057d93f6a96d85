#if canImport(Glibc)
import Glibc
#endif

/// Writes straight to file descriptors 1 and 2: no stdio buffer to flush, and
/// nothing shared between threads.
enum StandardStream {
    static func output(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    static func error(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return // EPIPE and friends: the reader went away; nothing useful to do.
                }
                offset += written
            }
        }
    }
}
