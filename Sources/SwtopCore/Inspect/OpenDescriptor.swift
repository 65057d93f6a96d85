/// One entry of /proc/PID/fd.
public struct OpenDescriptor: Sendable, Equatable {
    public var number: Int32
    public var kind: DescriptorKind
    /// The link's text: a path (with " (deleted)" if so), `pipe:[INODE]`,
    /// `socket:[INODE]`, `anon_inode:[eventfd]` …
    public var target: String
    /// For a socket found in the process's /proc/PID/net tables.
    public var socket: SocketEndpoint?

    public init(number: Int32, kind: DescriptorKind, target: String, socket: SocketEndpoint? = nil) {
        self.number = number
        self.kind = kind
        self.target = target
        self.socket = socket
    }
}

/// What a descriptor refers to, from stat(2) of /proc/PID/fd/N (which follows the
/// link to the open file) and the link's text.
public enum DescriptorKind: Sendable, Equatable {
    case file
    case directory
    case pipe
    case socket
    /// A terminal: a pseudo-terminal, a virtual console, a serial line, the console.
    case terminal
    case characterDevice
    case blockDevice
    /// eventfd, epoll, signalfd, timerfd, inotify … (the target names which).
    case anonymousInode
    /// Could not be stat'ed (closed meanwhile, or a kind stat does not tell).
    case unknown

    public var name: String {
        switch self {
        case .file: "file"
        case .directory: "directory"
        case .pipe: "pipe"
        case .socket: "socket"
        case .terminal: "tty"
        case .characterDevice: "char device"
        case .blockDevice: "block device"
        case .anonymousInode: "anon inode"
        case .unknown: "unknown"
        }
    }
}

/// A socket resolved through the /proc/PID/net tables of the process's network
/// namespace.
public struct SocketEndpoint: Sendable, Equatable {
    public enum Family: Sendable, Equatable {
        case tcp, tcp6, udp, udp6, unix

        public var name: String {
            switch self {
            case .tcp: "TCP"
            case .tcp6: "TCPv6"
            case .udp: "UDP"
            case .udp6: "UDPv6"
            case .unix: "unix"
            }
        }
    }

    public var family: Family
    /// `127.0.0.1:8080`, `[::1]:443`; for unix sockets the bound path, `@name` for
    /// an abstract one, empty when unbound.
    public var local: String
    /// The peer (`10.0.0.2:51234`); nil when unconnected or for unix sockets.
    public var remote: String?
    /// `LISTEN`, `ESTABLISHED` … for TCP; `UNCONNECTED`, `CONNECTED`, `LISTEN` for unix;
    /// nil where the table has no state worth naming (UDP).
    public var state: String?

    public init(family: Family, local: String, remote: String?, state: String?) {
        self.family = family
        self.local = local
        self.remote = remote
        self.state = state
    }
}
