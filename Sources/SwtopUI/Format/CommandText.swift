import SwtopCore

/// What the COMMAND column shows for a process, before escaping.
public enum CommandText {
    /// The command line with arguments separated by spaces; `[comm]` for kernel
    /// threads, and the bare name for processes without a command line (zombies).
    public static func display(_ process: ProcessEntry) -> String {
        let details = process.details
        if process.isKernelThread { return "[" + details.comm + "]" }
        if details.rawCommandLine.isEmpty { return details.comm }
        return String(details.rawCommandLine.map { $0 == "\0" ? " " : $0 })
    }
}
