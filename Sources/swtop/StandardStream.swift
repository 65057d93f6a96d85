import Glibc

/// Writes straight to file descriptors 1 and 2: no stdio buffer to flush, and
/// nothing shared between threads.
enum StandardStream {
    /// Puts /dev/null on each of descriptors 0, 1 and 2 that swtop was started
    /// without (`>&-`), before anything else opens a file: the first pipe would
    /// otherwise become "standard output" and take the frames. Descriptor 1 is
    /// opened read-only, so writing output still fails (EBADF) and says so.
    static func holdClosedDescriptors() {
        for (descriptor, access) in [(STDIN_FILENO, O_RDONLY), (STDOUT_FILENO, O_RDONLY), (STDERR_FILENO, O_WRONLY)] {
            guard fcntl(descriptor, F_GETFD) == -1, errno == EBADF else { continue }
            // The lower descriptors are open by now: this is the lowest free one.
            let opened = open("/dev/null", access | O_NOCTTY)
            if opened >= 0, opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
    }

    /// Writes `text` to standard output. Returns nil when it was written, else the
    /// exit status to stop with: 0 when the reader went away (EPIPE with SIGPIPE
    /// ignored, `| head`), 1 when the output failed (a closed descriptor, EIO, a
    /// full disk), after saying so on stderr.
    @discardableResult
    static func output(_ text: String) -> Int32? {
        switch write(text, to: STDOUT_FILENO) {
        case 0: return nil
        case EPIPE: return 0
        case let failure:
            error("swtop: cannot write to standard output: \(String(cString: strerror(failure)))\n")
            return 1
        }
    }

    static func error(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    /// Returns 0 when everything was written, else the errno of the failed write.
    @discardableResult
    private static func write(_ text: String, to descriptor: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
    }
}
