import SwtopCore

/// What the output page has seen of a process's stdout and stderr: where each
/// goes, and the latest lines of the files followed, in the order they were read.
/// Bounded: the oldest lines drop out past `capacity`.
public struct OutputLog: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case line(OutputStream)
            /// Something that happened to the stream (truncated, reopened), said in words.
            case note
        }

        public var kind: Kind
        public var text: String
    }

    public let capacity: Int
    public private(set) var targets: [OutputStream: OutputTarget]
    public private(set) var entries: [Entry] = []
    /// Index of the oldest entry in `entries` once it is full (a ring).
    private var oldest = 0

    public init(targets: [OutputStream: OutputTarget], capacity: Int = 2000) {
        self.targets = targets
        self.capacity = max(1, capacity)
    }

    /// Entries oldest first.
    public var lines: [Entry] {
        Array(entries[oldest...] + entries[..<oldest])
    }

    public mutating func apply(_ events: [OutputEvent]) {
        for event in events {
            switch event {
            case .line(let stream, let text, _):
                append(Entry(kind: .line(stream), text: text))
            case .truncated(let stream):
                append(Entry(kind: .note, text: "— \(stream.name) was truncated; reading it again from the start —"))
            case .retargeted(let stream, let target):
                targets[stream] = target
                append(Entry(kind: .note, text: "— \(stream.name) now goes to \(Self.describe(target)) —"))
            case .skipped(let stream, let bytes):
                append(Entry(kind: .note, text: "— \(stream.name): \(bytes) bytes skipped —"))
            case .exited:
                break // the page's notice says so
            }
        }
    }

    private mutating func append(_ entry: Entry) {
        if entries.count < capacity {
            entries.append(entry)
        } else {
            entries[oldest] = entry
            oldest = (oldest + 1) % capacity
        }
    }

    /// A stream's target in words: what is followed, or why it is not read.
    public static func describe(_ target: OutputTarget) -> String {
        switch target {
        case .regularFile(let path): "following \(path)"
        case .pipe(let name): "\(name) — not read (reading a pipe would take its data from the real reader)"
        case .socket(let name): "\(name) — not read (reading a socket would take its data from the real reader)"
        case .terminal(let name): "\(name) — a terminal, not read (reading it would take what is typed there)"
        case .other(let name): "\(name) — not a regular file, not read"
        case .notOpenForWriting(let path): "\(path) — not open for writing (so not its output), not read"
        case .unreadableByItsUser(let path): "\(path) — its user may not read it, so swtop does not either"
        case .closed: "not open"
        case .notPermitted: "not permitted"
        }
    }
}
