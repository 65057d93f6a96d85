import Glibc

/// Follows what one process writes to stdout and stderr, like `tail -F`, where
/// that is safe: only when descriptor 1 or 2 is a regular file the process has
/// open for writing and its user could read.
///
/// Reading a pipe, socket or terminal would take bytes from their real reader, so
/// those are named (`targets`) and never read; nor is any of them ever opened:
/// each descriptor is first taken as an O_PATH handle (`DescriptorHandle`), and
/// only a regular file is then opened for reading, through that handle. That
/// gives swtop its own open file description with its own offset: reading it
/// takes nothing from anyone.
///
/// Memory is bounded: a line longer than `maximumLineLength` comes in cut pieces,
/// one poll reads at most `maximumReadPerPoll` bytes per file (the rest comes at
/// the next poll, or is skipped under a `ReadBudget`), and holes are not read.
/// Not thread-safe.
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
    /// Lines come with `\` as `\\` (see `LineAssembler`).
    public let doublesBackslashes: Bool
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
    /// The budget of the poll under way, if it has one.
    private var roundBudget: ReadBudget?

    /// - Parameter registry: shared by followers of several processes, so that a file
    ///   they all write is read once (by the first to find it).
    public init(
        procFS: ProcFS, pid: Int32, startTicks: UInt64, start: StartPosition = .tail(lines: 200),
        maximumLineLength: Int = 4096, maximumReadPerPoll: Int = 1 << 20, doublesBackslashes: Bool = false,
        registry: OutputFileRegistry? = nil
    ) {
        self.doublesBackslashes = doublesBackslashes
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
    /// line, an O_PATH open, fstat and readlink per descriptor, an fstat per followed file.
    ///
    /// - Parameter budget: shared by the followers polled in one round: what does not
    ///   fit is skipped (and said so), not left for later. Without one, each file gives
    ///   at most `maximumReadPerPoll` bytes a poll and the rest at the next.
    public func poll(budget: ReadBudget? = nil) -> [OutputEvent] {
        guard !hasExited else { return takeEvents() }
        roundBudget = budget
        defer { roundBudget = nil }
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
        guard
            let stat = reader.withContents(
                ofPath: "\(procFS.root)/\(pid)/stat", singleLine: true, { ProcessStatParser.parse($0) }),
            stat.pid == pid, stat.startTicks == startTicks
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
            let handle: DescriptorHandle?
            let target: OutputTarget
            switch DescriptorHandle.open(path: "\(procFS.root)/\(pid)/fd/\(stream.rawValue)") {
            case .opened(let opened):
                handle = opened
                target = Self.target(kind: opened.kind, text: opened.target)
            case .failed(let code):
                handle = nil
                target = code == EACCES || code == EPERM ? .notPermitted : .closed
            }
            defer { handle?.close() }
            if let current = files[stream], let handle, current.identity == handle.identity { continue }
            // The same file on both descriptors (`>log 2>&1`): read once, as stdout.
            if stream == .standardError, let shared = files[.standardOutput], let handle,
                shared.identity == handle.identity
            {
                stopFollowing(stream)
                record(target, for: stream, isFirstLook: isFirstLook, switchedFiles: false)
                continue
            }
            // Unchanged and not a file to (re)open: nothing to do.
            if !isFirstLook, files[stream] == nil, targets[stream] == target, !target.isFollowed { continue }
            let hadFile = stopFollowing(stream)
            var resolved = target
            if case .regularFile(let path) = target, let handle {
                // Another follower reads this file already (or it is swtop's own output).
                if let registry, !registry.isAvailable(handle.identity, to: ObjectIdentifier(self)) {
                    record(target, for: stream, isFirstLook: isFirstLook, switchedFiles: hadFile)
                    continue
                }
                if let refusal = refusal(of: handle, stream: stream, path: path) {
                    resolved = refusal
                } else {
                    // Where to start: where the file's last reader stopped if it had one (another
                    // process's follower, in a registry); at the end if this follower read it
                    // through the other descriptor (`>log 2>&1` until stdout was reopened);
                    // else a file the process switched to is all new: from its start.
                    let wasShared = !hadFile && targets[stream] == target
                    let resume = registry?.resumeOffset(of: handle.identity)
                    let position: FollowedFile.Position =
                        if let resume { .offset(resume) } else {
                            switch (isFirstLook, start) {
                            case (false, _): wasShared ? .end : .start
                            case (true, .end): .end
                            case (true, .tail(let lines)): .lastLines(lines)
                            }
                        }
                    switch FollowedFile.open(
                        handle, at: position,
                        lines: LineAssembler(limit: maximumLineLength, doublesBackslashes: doublesBackslashes))
                    {
                    case .opened(let file, _) where registry?.claim(file.identity, by: ObjectIdentifier(self)) == false:
                        file.close()
                    case .opened(let file, let tail):
                        files[stream] = file
                        pendingEvents += tail.map { .line(stream, $0.text, isCut: $0.isCut) }
                    case .failed(let code):
                        resolved = code == EACCES || code == EPERM ? .notPermitted : .closed
                    }
                }
            }
            record(resolved, for: stream, isFirstLook: isFirstLook, switchedFiles: hadFile && files[stream] != nil)
        }
    }

    /// Why the regular file `handle` holds must not be read, if it must not.
    ///
    /// Only what the process holds open for writing is its output: fdinfo says so,
    /// for the file the handle was taken of (the same mount and inode as swtop's
    /// handle: the process may have swapped its descriptor meanwhile). And swtop,
    /// often root, reads only what the process's own user could read.
    private func refusal(of handle: DescriptorHandle, stream: OutputStream, path: String) -> OutputTarget? {
        let theirs = reader.withContents(ofPath: "\(procFS.root)/\(pid)/fdinfo/\(stream.rawValue)") {
            DescriptorInfoParser.parse($0)
        }
        let ours = reader.withContents(ofPath: "/proc/self/fdinfo/\(handle.descriptor)") {
            DescriptorInfoParser.parse($0)
        }
        guard let theirs, let ours, theirs.isOpenForWriting, let inode = theirs.inode,
            inode == UInt64(handle.info.st_ino),
            let mount = theirs.mountID, mount == ours.mountID
        else { return .notOpenForWriting(path) }
        guard
            let credentials = reader.withContents(
                ofPath: "\(procFS.root)/\(pid)/status", { StatusParser.parse($0)?.credentials }),
            ReadPermission.allows(
                credentials, owner: handle.info.st_uid, group: handle.info.st_gid, mode: handle.info.st_mode,
                hasAccessList: ReadPermission.hasAccessList(descriptor: handle.descriptor))
        else { return .unreadableByItsUser(path) }
        return nil
    }

    private func record(_ target: OutputTarget, for stream: OutputStream, isFirstLook: Bool, switchedFiles: Bool) {
        if !isFirstLook, targets[stream] != target || switchedFiles {
            pendingEvents.append(.retargeted(stream, target))
        }
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
        let ownLimit = draining ? maximumReadPerPoll * 16 : maximumReadPerPoll
        let reading = file.readNew(
            budget: min(ownLimit, roundBudget?.remaining ?? ownLimit),
            skipsBeyondBudget: roundBudget != nil)
        roundBudget?.spend(reading.bytesRead)
        if reading.wasTruncated { pendingEvents.append(.truncated(stream)) }
        for piece in reading.pieces {
            switch piece {
            case .line(let line): pendingEvents.append(.line(stream, line.text, isCut: line.isCut))
            case .skipped(let bytes): pendingEvents.append(.skipped(stream, bytes: bytes))
            }
        }
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
