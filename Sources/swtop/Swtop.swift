import Glibc
import SwtopCore
import SwtopTerminal
import SwtopUI

/// One run of swtop: the command line, checked against the system, then the
/// interactive view or batch output.
struct Swtop {
    static let version = "0.1.0"

    let options: LaunchOptions
    /// `--textfile`, checked once before anything runs.
    private let textfile: TextfileWriter?

    /// Checks what only the running system can answer: the textfile's path, the
    /// user and the proc root.
    init(checking options: LaunchOptions) throws(UsageError) {
        self.options = options
        textfile = try options.textfile.map { path throws(UsageError) in try Self.textfileWriter(path) }
        if let user = options.user, UserDirectory.resolve(user) == nil {
            throw UsageError("unknown user '\(user)'")
        }
        do {
            try ProcFS(root: options.procRoot).validate()
        } catch {
            throw UsageError("--proc-root: \(error)")
        }
    }

    /// A relative path is taken from the working directory at start.
    private static func textfileWriter(_ path: String) throws(UsageError) -> TextfileWriter {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard path.hasPrefix("/") || getcwd(&buffer, buffer.count) != nil else {
            throw UsageError("--textfile: cannot tell the working directory for '\(path)'")
        }
        let workingDirectory =
            path.hasPrefix("/")
            ? "/" : String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return try TextfileWriter(path: path, workingDirectory: workingDirectory)
    }

    /// Returns the exit status.
    func run() throws(CommandFailure) -> Int32 {
        do {
            try DescriptorLimit.ensureMinimum()
        } catch {
            throw CommandFailure(message: error.description)
        }
        let ordering = ProcessOrdering(
            key: options.sort,
            inverted: options.reverse,
            tree: options.tree,
            userID: options.user.flatMap(UserDirectory.resolve)
        )
        let procFS = ProcFS(root: options.procRoot)
        if let replayPath = options.replayPath {
            return try replay(replayPath, ordering: ordering)
        }
        let recording: RecordingFile?
        do {
            recording = try options.recordPath.map { path throws(UsageError) in
                try RecordingFile(path: path, maximumBytes: options.recordMax)
            }
        } catch {
            throw CommandFailure(message: error.description)
        }
        if options.watchOutput {
            return WatchOutputMode(procFS: procFS, delay: options.delay, userID: ordering.userID, pids: options.pids)
                .run()
        }
        guard options.printsFrames else {
            // Signals go to real PIDs: with another proc root they would hit the wrong processes.
            return try interactive(
                procFS: procFS, ordering: ordering, readonly: options.readonly || options.procRoot != "/proc",
                recording: recording)
        }
        return BatchMode(
            procFS: procFS, delay: options.delay, iterations: options.iterations, ordering: ordering,
            grouping: options.group, format: frameFormat, selection: options.selection, fields: options.fields,
            textfile: textfile, recording: recording
        ).run()
    }

    /// The full-screen view of this machine, or of a recording (`replay`, from `replayStart`).
    private func interactive(
        procFS: ProcFS, ordering: ProcessOrdering, readonly: Bool, recording: RecordingFile? = nil,
        replay: RecordingHistory? = nil, replayStart: Int? = nil
    ) throws(CommandFailure) -> Int32 {
        let noColorVariable = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        // Settings chosen while looking at another proc root are not the user's everyday ones.
        let settings = SettingsSession(
            options: options, environment: { getenv($0).map { String(cString: $0) } }, readonly: readonly)
        for warning in settings.warnings { StandardStream.error("swtop: \(TerminalText.escape(warning))\n") }
        return try InteractiveMode(
            procFS: procFS, delay: settings.start.delay, ordering: ordering, grouping: options.group,
            wantsColor: !options.noColor && !noColorVariable,
            wantsMouse: !options.noMouse, readonly: readonly, grace: options.grace,
            settings: settings, selection: options.selection, recording: recording,
            historyMinutes: options.historyMinutes, replay: replay, replayStart: replayStart
        ).run()
    }

    private func replay(_ path: String, ordering: ProcessOrdering) throws(CommandFailure) -> Int32 {
        let reader: RecordingReader
        do {
            reader = try RecordingSource.open(path)
        } catch {
            throw CommandFailure(message: error.description)
        }
        let now = WallClock.now()
        let begin = options.begin.flatMap(TimeSpecification.init).map { $0.seconds(now: now) }
        let end = options.end.flatMap(TimeSpecification.init).map { $0.seconds(now: now) }
        guard textfile == nil else {
            throw CommandFailure(message: "--textfile cannot be combined with --replay", status: 64)
        }
        guard options.printsFrames else {
            guard !reader.frames.isEmpty else { throw CommandFailure(message: "--replay: \(path): holds no samples") }
            // What was wrong with the file goes to stderr before the screen takes the terminal.
            for warning in reader.warnings { StandardStream.error("swtop: \(warning)\n") }
            let history = RecordingHistory(reader)
            return try interactive(
                procFS: ProcFS(root: options.procRoot), ordering: ordering, readonly: true, replay: history,
                replayStart: begin.map(history.sequence(atOrAfter:)))
        }
        let printer = FramePrinter(
            format: frameFormat, ordering: ordering, grouping: options.group,
            selection: options.selection, fields: options.fields)
        return ReplayBatchMode(reader: reader, begin: begin, end: end, iterations: options.iterations, printer: printer)
            .run()
    }

    private var frameFormat: FramePrinter.Format {
        if options.json { return .json }
        if options.csv { return .csv }
        if options.openMetrics || textfile != nil { return .openMetrics }
        return .text
    }
}
