import SwtopCore

/// What "the same program" means when processes are grouped by program.
public enum ProgramName {
    /// Kernel threads, unless they are shown one by one.
    public static let kernel = "[kernel]"

    /// The executable's base name (`/usr/sbin/apache2` workers are `apache2`). A
    /// process that set its own title the way servers do names a subgroup with the
    /// title's stable part: `(wsgi:shop)` → `apache2 (wsgi:shop)`, `postgres:
    /// checkpointer` → `postgres (checkpointer)`, `nginx: worker process` →
    /// `nginx (worker)`; for a title of several `name: ` parts (`postgres: 15/main:
    /// walwriter`) the first word of the last part.
    public static func of(_ process: ProcessEntry) -> String {
        if process.isKernelThread { return kernel }
        let details = process.details
        let first =
            details.rawCommandLine.utf8.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
            .first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let program =
            details.executable.map(baseName(ofExecutable:)) ?? (first.isEmpty ? details.comm : baseName(first))
        guard let title = subgroup(ofTitle: first), title != program else { return program }
        return program + " (" + title + ")"
    }

    /// The stable part of a title a process gave itself, or nil for an ordinary argv[0].
    static func subgroup(ofTitle argument: String) -> String? {
        if argument.hasPrefix("("), argument.hasSuffix(")"), argument.count > 2 {
            return String(argument.dropFirst().dropLast())
        }
        // `name: rest`, where name is a word rather than a path, and the title may hold more `name: ` parts.
        guard let colon = argument.firstRange(ofText: ": "), !argument[..<colon.lowerBound].contains("/"),
            !argument[..<colon.lowerBound].isEmpty
        else { return nil }
        var last = argument[colon.upperBound...]
        while let next = last.firstRange(ofText: ": ") { last = last[next.upperBound...] }
        return last.split(separator: " ").first.map(String.init)
    }

    /// `/usr/sbin/apache2` → `apache2`; the kernel's ` (deleted)` mark is dropped.
    static func baseName(ofExecutable path: String) -> String {
        let suffix = " (deleted)"
        let path = path.hasSuffix(suffix) ? String(path.dropLast(suffix.count)) : path
        return baseName(path)
    }

    private static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
