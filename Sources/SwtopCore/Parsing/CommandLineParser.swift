/// `/proc/PID/cmdline`: the arguments separated (and usually ended) by NUL bytes.
public enum CommandLineParser {
    /// The arguments joined by NUL (see `ProcessDetails.rawCommandLine`); empty for
    /// kernel threads and zombies. Bytes that are not UTF-8 are kept visible as
    /// `\xNN` (see `LosslessText`).
    public static func joinedArguments(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var end = bytes.count
        // The final NUL terminates the last argument rather than starting an empty one.
        if end > 0, bytes[end - 1] == 0 { end -= 1 }
        return LosslessText.decode(UnsafeBufferPointer(rebasing: bytes[..<end]))
    }

    public static func arguments(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        split(joinedArguments(bytes))
    }

    /// Arguments joined by NUL back into a list; empty text is no arguments.
    static func split(_ joined: String) -> [String] {
        joined.isEmpty ? [] : joined.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
    }
}
