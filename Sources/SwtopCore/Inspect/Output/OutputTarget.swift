/// Descriptor 1 or 2 of a process.
public enum OutputStream: Int32, Sendable, Equatable, CaseIterable {
    case standardOutput = 1
    case standardError = 2

    public var name: String {
        switch self {
        case .standardOutput: "stdout"
        case .standardError: "stderr"
        }
    }
}

/// Where a process's stdout or stderr goes, and so whether swtop may read it.
///
/// Only a regular file is read: reading a pipe, a socket or a terminal would take
/// the bytes away from their real reader. Those are named, never read.
public enum OutputTarget: Sendable, Equatable, CustomStringConvertible {
    /// Followed. `path` is the link text (" (deleted)" when the file was removed).
    case regularFile(path: String)
    /// `pipe:[INODE]`.
    case pipe(String)
    /// `socket:[INODE]`.
    case socket(String)
    /// `/dev/pts/3`, `/dev/tty1` …
    case terminal(String)
    /// Anything else (/dev/null, another device, a directory, an anonymous inode).
    case other(String)
    /// A regular file the process does not hold open for writing (read-only, or an
    /// O_PATH handle): not its output.
    case notOpenForWriting(String)
    /// A regular file the process's user could not read: swtop does not read it for them.
    case unreadableByItsUser(String)
    /// The descriptor is not open.
    case closed
    /// The process's descriptors cannot be looked at (another user's process).
    case notPermitted

    /// True for the one kind swtop reads.
    public var isFollowed: Bool {
        if case .regularFile = self { return true }
        return false
    }

    /// What the view shows for it: the path or the kind and its target.
    public var description: String {
        switch self {
        case .regularFile(let path): path
        case .pipe(let target): "a pipe (\(target)), not read"
        case .socket(let target): "a socket (\(target)), not read"
        case .terminal(let target): "a terminal (\(target)), not read"
        case .other(let target): "\(target), not read"
        case .notOpenForWriting(let path): "\(path), not open for writing, not read"
        case .unreadableByItsUser(let path): "\(path), which its user may not read, not read"
        case .closed: "not open"
        case .notPermitted: "not permitted"
        }
    }
}

/// Something an `OutputFollower` noticed since its last poll, in order.
public enum OutputEvent: Sendable, Equatable {
    /// One line without its newline, decoded losslessly (control characters kept:
    /// the printer escapes them). When stdout and stderr are the same open file
    /// (`>log 2>&1`) its lines are read once and come as `standardOutput`.
    /// `isCut` marks a piece of a line longer than the follower's line limit.
    case line(OutputStream, String, isCut: Bool)
    /// The file shrank below what was read: it was truncated, reading starts again at 0.
    case truncated(OutputStream)
    /// The descriptor now refers to something else (the process reopened its log,
    /// or redirected to a pipe): what it is now.
    case retargeted(OutputStream, OutputTarget)
    /// `bytes` of the file were passed over: holes of a sparse file, or more than
    /// the poll's `ReadBudget` allowed. A line they cut ends as a cut piece.
    case skipped(OutputStream, bytes: Int64)
    /// The process ended (or its PID went to another process). Reported once, after
    /// the last lines it left in its files.
    case exited
}
