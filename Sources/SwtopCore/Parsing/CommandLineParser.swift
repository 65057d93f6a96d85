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

    /// What a process may make swtop keep of its command line: argv can be 8 MiB, and
    /// forked children share their parent's for free, so 100 of them cost their owner
    /// little and would cost swtop 800 MiB.
    public static let keptBytes = 64 << 10

    /// All the command lines kept, beyond which each new one keeps at most
    /// `keptBytesBeyondBudget`: 10,000 forks of a process with a long argv cost their
    /// owner nothing and would otherwise make swtop keep 640 MiB.
    public static let budgetBytes = 16 << 20
    public static let keptBytesBeyondBudget = 4 << 10

    /// How much of `cmdline` to read to keep `kept` bytes: one byte more tells a cut one.
    static func readLimit(keeping kept: Int = keptBytes) -> Int { kept + 1 }

    /// `joinedArguments` of at most `kept` bytes of `bytes` (read with `readLimit`),
    /// and whether anything was cut. The cut never splits a UTF-8 sequence.
    static func keptArguments(_ bytes: UnsafeBufferPointer<UInt8>, keeping kept: Int = keptBytes) -> (
        joined: String, isTruncated: Bool
    ) {
        guard bytes.count > kept else { return (joinedArguments(bytes), false) }
        var end = kept
        // Back off over continuation bytes to the start of the sequence that was cut…
        var start = end
        while start > 0, start > end - 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        // …and leave it out if the cut went through it (the byte at `end` continued it).
        if bytes[end] & 0xC0 == 0x80 { end = start }
        return (LosslessText.decode(UnsafeBufferPointer(rebasing: bytes[..<end])), true)
    }

    public static func arguments(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        split(joinedArguments(bytes))
    }

    /// Arguments joined by NUL back into a list; empty text is no arguments.
    static func split(_ joined: String) -> [String] {
        joined.isEmpty ? [] : joined.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
    }
}
