/// How a child ended, from its wait status.
public enum ExitStatus: Equatable, Sendable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    public init(waitStatus status: Int32) {
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros that Swift does not import.
        if status & 0x7f == 0 {
            self = .exited((status >> 8) & 0xff)
        } else {
            self = .signaled(status & 0x7f)
        }
    }

    public var description: String {
        switch self {
        case .exited(let code): return "exit status \(code)"
        case .signaled(let signal): return "killed by signal \(signal)"
        }
    }
}

/// A child that could not be started or did not finish, as one line.
public struct SpawnError: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }

    public init(_ description: String) {
        self.description = description
    }
}
