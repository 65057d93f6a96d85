#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Follows what one process writes to stdout and stderr, like `tail -F`, where
/// that is safe: only when descriptor 1 or 2 is a regular file.
///
/// Reading a pipe, socket or terminal would take bytes from their real reader, so
/// those are named (`targets`) and never read. A regular file is opened through
/// /proc/PID/fd/N, which gives swtop its own open file description with its own
/// offset: reading it takes nothing from anyone. The opened descriptor is checked
/// again with fstat before any read, because the process may have replaced its
/// descriptor between the look and the open.
///
/// Memory is bounded: a line longer than `maximumLineLength` comes in cut pieces,
/// and one poll reads at most `maximumReadPerPoll` bytes per file (the rest comes
/// at the next poll). Not thread-safe.
public final class OutputFollower {
    /// Where reading starts when a file is first followed.
    public enum StartPosition: Sendable, Equatable {
        /// Only what is written from now on (`--watch-output`).
        case end
        /// The last `lines` lines already in the file, then what follows (the `o` view).
        case tail(lines: Int)
    }

    public let pid: Int32
    public let startTicks: UInt64
    public let maximumLineLength: Int
    public let maximumReadPerPoll: Int
    /// What descriptors 1 and 2 were at the last poll (or at creation).
    public private(set) var targets: [OutputStream: OutputTarget] = [:]
    /// True once the process was seen gone; `poll` gives (or gave) `exited` once.
    public private(set) var hasExited = false

    let procFS: ProcFS
    private let reader = ProcFileReader(initialCapacity: 512)
    private let registry: OutputFileRegistry?
    private let start: StartPosition
    private var files: [OutputStream: FollowedFile] = [:]
    private var pendingEvents: [OutputEvent] = []

    /// - Parameter registry: shared by followers of several processes, so that a file
    ///   they all write is read once (by the first to find it).
    public init(procFS: ProcFS, pid: Int32, startTicks: UInt64, start: StartPosition = .tail(lines: 200),
                maximumLineLength: Int = 4096, maximumReadPerPoll: Int = 1 << 20, registry: OutputFileRegistry? = nil) {
        self.procFS = procFS
        self.registry = registry
        self.pid = pid
        self.startTicks = startTicks
        self.start = start
        self.maximumLineLength = max(16, maximumLineLength)
        self.maximumReadPerPoll = max(4096, maximumReadPerPoll)
        if isAlive() { refreshTargets(isFirstLook: true) } else { finish() }
    }

    deinit {
        for file in files.values { close(file) }
    }

    private func close(_ file: FollowedFile) {
        file.close()
        registry?.release(file.identity, by: ObjectIdentifier(self), readUpTo: file.readOffset)
    }

    /// New complete lines and changes since the last poll, in order; the first poll
    /// also brings the tail asked for. Cheap when nothing changed: the process's stat
    /// line, a stat and a readlink per descriptor, an fstat per followed file.
    public func poll() -> [OutputEvent] {
        guard !hasExited else { return takeEvents() }
        let alive = isAlive()
        // Out of descriptors says nothing about the process: look again next round.
        if !alive, reader.ranOutOfDescriptors { return takeEvents() }
        if alive { refreshTargets(isFirstLook: false) }
        for stream in OutputStream.allCases {
            guard let file = files[stream] else { continue }
            readNew(from: file, stream: stream, draining: !alive)
        }
        if !alive { finish() }
        return takeEvents()
    }

    private func takeEvents() -> [OutputEvent] {
        defer { pendingEvents = [] }
        return pendingEvents
    }

    /// The process is still the one started at `startTicks` and has not ended
    /// (a zombie's descriptors are already closed).
    private func isAlive() -> Bool {
        guard let parsed = reader.withContents(ofPath: "\(procFS.root)/\(pid)/stat", singleLine: true, { ProcessStatParser.parse($0) }),
              let stat = parsed, stat.pid == pid, stat.startTicks == startTicks
        else { return false }
        return stat.state != UInt8(ascii: "Z") && stat.state != UInt8(ascii: "X")
    }

    /// Flushes what was left without a newline, closes the files, reports the exit once.
    private func finish() {
        for stream in OutputStream.allCases {
            guard let file = files[stream] else { continue }
            if let rest = file.lines.flush() { pendingEvents.append(.line(stream, rest.text, isCut: rest.isCut)) }
            close(file)
        }
        files = [:]
        hasExited = true
        pendingEvents.append(.exited)
    }

    /// Looks at descriptors 1 and 2 again. A descriptor that now refers to another
    /// file (the process reopened its log) or to something else is switched to,
    /// after the old file's last lines are read.
    private func refreshTargets(isFirstLook: Bool) {
        for stream in OutputStream.allCases {
            let path = "\(procFS.root)/\(pid)/fd/\(stream.rawValue)"
            let probe = DescriptorProbe.probe(path: path)
            let target = Self.target(of: probe, errno: errno)
            if let current = files[stream], let probe, current.isSame(as: probe) { continue }
            // The same file on both descriptors (`>log 2>&1`): read once, as stdout.
            if stream == .standardError, let shared = files[.standardOutput], let probe, shared.isSame(as: probe) {
                stopFollowing(stream)
                record(target, for: stream, isFirstLook: isFirstLook, switchedFiles: false)
                continue
            }
            // Unchanged and not a file to (re)open: nothing to do.
            if !isFirstLook, files[stream] == nil, targets[stream] == target, !target.isFollowed { continue }
            let hadFile = stopFollowing(stream)
            var resolved = target
            // Another follower reads this file already (or it is swtop's own output).
            if case .regularFile = target, let registry, let probe,
               !registry.isAvailable(FileIdentity(device: probe.device, inode: probe.inode), to: ObjectIdentifier(self)) {
                record(target, for: stream, isFirstLook: isFirstLook, switchedFiles: hadFile)
                continue
            }
            if case .regularFile = target {
                // Where to start: where the file's last reader stopped if it had one (another
                // process's follower, in a registry); at the end if this follower read it
                // through the other descriptor (`>log 2>&1` until stdout was reopened);
                // else a file the process switched to is all new: from its start.
                let wasShared = !hadFile && targets[stream] == target
                let resume = probe.flatMap { registry?.resumeOffset(of: FileIdentity(device: $0.device, inode: $0.inode)) }
                let position: FollowedFile.Position = if let resume { .offset(resume) } else {
                    switch (isFirstLook, start) {
                    case (false, _): wasShared ? .end : .start
                    case (true, .end): .end
                    case (true, .tail(let lines)): .lastLines(lines)
                    }
                }
                switch FollowedFile.open(path: path, at: position, lineLimit: maximumLineLength) {
                case .opened(let file, _) where registry?.claim(file.identity, by: ObjectIdentifier(self)) == false:
                    file.close()
                case .opened(let file, let tail):
                    files[stream] = file
                    pendingEvents += tail.map { .line(stream, $0.text, isCut: $0.isCut) }
                case .notRegular(let kind):
                    resolved = Self.target(kind: kind, text: probe?.target ?? "")
                case .failed(let code):
                    resolved = code == EACCES || code == EPERM ? .notPermitted : .closed
                }
            }
            record(resolved, for: stream, isFirstLook: isFirstLook, switchedFiles: hadFile && files[stream] != nil)
        }
    }

    private func record(_ target: OutputTarget, for stream: OutputStream, isFirstLook: Bool, switchedFiles: Bool) {
        if !isFirstLook, targets[stream] != target || switchedFiles { pendingEvents.append(.retargeted(stream, target)) }
        targets[stream] = target
    }

    /// Reads the last lines of the file `stream` followed, then closes it. True if there was one.
    @discardableResult
    private func stopFollowing(_ stream: OutputStream) -> Bool {
        guard let old = files[stream] else { return false }
        readNew(from: old, stream: stream, draining: true)
        if let rest = old.lines.flush() { pendingEvents.append(.line(stream, rest.text, isCut: rest.isCut)) }
        close(old)
        files[stream] = nil
        return true
    }

    private func readNew(from file: FollowedFile, stream: OutputStream, draining: Bool) {
        let budget = draining ? maximumReadPerPoll * 16 : maximumReadPerPoll
        switch file.readNew(budget: budget) {
        case .truncated(let lines):
            pendingEvents.append(.truncated(stream))
            pendingEvents += lines.map { .line(stream, $0.text, isCut: $0.isCut) }
        case .lines(let lines):
            pendingEvents += lines.map { .line(stream, $0.text, isCut: $0.isCut) }
        }
    }

    static func target(of probe: DescriptorProbe?, errno code: Int32) -> OutputTarget {
        guard let probe else { return code == EACCES || code == EPERM ? .notPermitted : .closed }
        return target(kind: probe.kind, text: probe.target)
    }

    static func target(kind: DescriptorKind, text: String) -> OutputTarget {
        switch kind {
        case .file: .regularFile(path: text)
        case .pipe: .pipe(text)
        case .socket: .socket(text)
        case .terminal: .terminal(text)
        default: .other(text)
        }
    }
}
