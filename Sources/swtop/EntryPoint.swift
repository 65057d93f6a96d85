import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

extension Swtop {
    /// Like ParsableCommand's own entry point, except that every failure is one line
    /// on stderr (`swtop: …`) with exit status 64 for usage errors, never a usage dump
    /// or a stack trace.
    static func main() {
        let command: Swtop
        do {
            var parsed = try parseAsRoot()
            guard let swtop = parsed as? Swtop else {
                try parsed.run()
                return
            }
            command = swtop
        } catch {
            exitReporting(error)
        }
        do {
            try command.run()
        } catch {
            exitReporting(error)
        }
    }

    private static func exitReporting(_ error: Error) -> Never {
        if let failure = error as? CommandFailure {
            StandardStream.error("swtop: \(failure.message)\n")
            Glibc.exit(failure.status)
        }
        let code = exitCode(for: error)
        // --help and --version arrive as "errors" with a success code.
        guard code != .success else { exit(withError: error) }
        let message = self.message(for: error)
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: " ") }
            .filter { !$0.isEmpty }
            .joined(separator: "; ")
        StandardStream.error("swtop: \(message.isEmpty ? "invalid arguments" : message)\n")
        Glibc.exit(code.rawValue)
    }
}

/// A failure at run time, reported as one line with its own exit status.
struct CommandFailure: Error {
    var message: String
    var status: Int32 = 1
}

private extension Substring {
    func trimmingCharacters(in set: Character) -> Substring {
        var text = self
        while text.first == set { text = text.dropFirst() }
        while text.last == set { text = text.dropLast() }
        return text
    }
}
