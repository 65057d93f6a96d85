import SwtopCore

/// What the COMMAND column shows for a process, before escaping.
public enum CommandText {
    /// The command line with arguments separated by spaces; `[comm]` for kernel
    /// threads, and the bare name for processes without a command line (zombies).
    /// A command line swtop cut (see `CommandLineParser.keptBytes`) ends in `…`.
    ///
    /// - Parameter cells: when set, only enough of the command line for that many
    ///   terminal cells is kept (a cell takes at least one byte; 16 leaves room for
    ///   combining marks). A command line can be megabytes, and the screen shows a
    ///   row's worth of it.
    public static func display(_ process: ProcessEntry, cells: Int? = nil) -> String {
        let details = process.details
        if process.isKernelThread { return "[" + details.comm + "]" }
        if details.rawCommandLine.isEmpty { return details.comm }
        let bytes = details.rawCommandLine.utf8
        let kept = cells.map { bytes.prefix(max(0, $0) * 16) } ?? bytes[...]
        let cutMark = details.commandLineIsTruncated && kept.count == bytes.count ? Self.cutMark : []
        // Arguments are NUL-separated; NUL is one byte in UTF-8, so this is exact. One
        // pass straight into the new String's storage: decoding a lazy map went
        // through a temporary array and was an eighth of the view's instructions.
        return String(unsafeUninitializedCapacity: kept.count + cutMark.count) { storage in
            var written = 0
            for byte in kept {
                storage[written] = byte == 0 ? UInt8(ascii: " ") : byte
                written += 1
            }
            for byte in cutMark {
                storage[written] = byte
                written += 1
            }
            return written
        }
    }

    /// "…" in UTF-8.
    private static let cutMark: [UInt8] = [0xE2, 0x80, 0xA6]
}
