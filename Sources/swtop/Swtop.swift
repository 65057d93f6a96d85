import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import SwtopCore
import SwtopTerminal
import SwtopUI

@main
struct Swtop: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "swtop",
        abstract: "An interactive process monitor for Linux.",
        discussion: """
            CPU% counts one busy core as 100%, from the difference between two samples; \
            MEM% is resident memory over MemTotal. --batch prints plain-text frames and \
            --json prints one JSON object per frame (JSON Lines), for scripts.
            """,
        version: "swtop \(version) (\(CursesLibrary.version))"
    )

    @Flag(name: [.short, .long], help: "Print plain-text frames instead of the interactive view.")
    var batch = false

    @Flag(help: "Print one JSON object per frame, one per line (implies --batch).")
    var json = false

    @Option(name: [.customShort("n"), .long], help: ArgumentHelp("Print this many frames, then exit (default: until interrupted).", valueName: "count"))
    var iterations: Int?

    @Option(name: [.short, .long], parsing: .unconditional,
            help: ArgumentHelp("Seconds between samples, 0.1 or more.", valueName: "seconds"))
    var delay: Double = 1

    @Option(name: [.short, .long],
            help: ArgumentHelp("Sort by this column: \(SortKey.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "key"))
    var sort: String = SortKey.cpu.rawValue

    @Flag(name: [.customShort("r"), .long], help: "Invert the sort order.")
    var reverse = false

    @Option(name: [.short, .long], help: ArgumentHelp("Show only processes whose effective user is this name or uid.", valueName: "user"))
    var user: String?

    @Flag(name: [.short, .long], help: "Show processes as a tree.")
    var tree = false

    @Flag(help: "Monochrome display (also when the NO_COLOR environment variable is set).")
    var noColor = false

    @Flag(help: "Do not use the mouse.")
    var noMouse = false

    @Option(name: .long, help: .hidden)
    var procRoot: String = "/proc"

    mutating func validate() throws {
        guard delay.isFinite, delay >= 0.1 else {
            throw ValidationError("--delay must be a number of seconds, 0.1 or more (got \(Self.shown(delay)))")
        }
        guard delay <= 86_400 else { throw ValidationError("--delay must be at most 86400 seconds") }
        if let iterations, iterations < 1 {
            throw ValidationError("--iterations must be 1 or more (got \(iterations))")
        }
        guard SortKey(name: sort) != nil else {
            throw ValidationError("unknown sort key '\(sort)'; use one of: \(SortKey.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let user, UserDirectory.resolve(user) == nil {
            throw ValidationError("unknown user '\(user)'")
        }
        do {
            try ProcFS(root: procRoot).validate()
        } catch {
            throw ValidationError("--proc-root: \(error)")
        }
    }

    func run() throws {
        let ordering = ProcessOrdering(
            key: SortKey(name: sort) ?? .cpu,
            inverted: reverse,
            tree: tree,
            userID: user.flatMap(UserDirectory.resolve)
        )
        let procFS = ProcFS(root: procRoot)
        guard batch || json else {
            let noColorVariable = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
            let status = try InteractiveMode(procFS: procFS, delay: delay, ordering: ordering,
                                             wantsColor: !noColor && !noColorVariable, wantsMouse: !noMouse).run()
            if status != 0 { Glibc.exit(status) }
            return
        }
        BatchMode(procFS: procFS, delay: delay, iterations: iterations, ordering: ordering,
                  format: json ? .json : .text).run()
    }

    private static func shown(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
