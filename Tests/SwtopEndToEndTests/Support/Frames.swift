import Glibc
import Testing

/// Helpers over swtop's JSON Lines output.
enum Frames {
    /// Every stdout line parsed as one JSON object; records an issue for each line that is not.
    static func parse(_ run: SwtopRun, sourceLocation: SourceLocation = #_sourceLocation) -> [JSON] {
        run.outputLines.enumerated().compactMap { number, line in
            do {
                let value = try JSON.parse(line)
                guard value.object != nil else {
                    Issue.record("line \(number + 1) is not a JSON object", sourceLocation: sourceLocation)
                    return nil
                }
                return value
            } catch {
                Issue.record(
                    "line \(number + 1) is not JSON: \(error)\n\(line.prefix(300))", sourceLocation: sourceLocation)
                return nil
            }
        }
    }

    static func processes(_ frame: JSON) -> [JSON] {
        frame["processes"]?.array ?? []
    }

    static func pids(_ frame: JSON) -> [Int64] {
        processes(frame).compactMap { $0["pid"]?.integer }
    }

    static func process(_ pid: pid_t, in frame: JSON) -> JSON? {
        processes(frame).first { $0["pid"]?.integer == Int64(pid) }
    }

    /// The row of `pid`, or an error that names the PID (rather than printing the frame).
    static func require(_ pid: pid_t, in frame: JSON) throws -> JSON {
        guard let row = process(pid, in: frame) else {
            throw MissingRow(pid: pid, listed: processes(frame).count)
        }
        return row
    }

    struct MissingRow: Error, CustomStringConvertible {
        var pid: pid_t, listed: Int
        var description: String { "no row for PID \(pid) among \(listed) processes" }
    }

    /// PIDs that occur more than once in the frame.
    static func duplicatePIDs(_ frame: JSON) -> [Int64] {
        var seen = Set<Int64>()
        var duplicates: [Int64] = []
        for pid in pids(frame) where !seen.insert(pid).inserted { duplicates.append(pid) }
        return duplicates
    }
}

extension SwtopRun {
    /// Records an issue unless the run ended with status 0 in time, with nothing on stderr.
    func expectSuccess(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!timedOut, "swtop \(arguments.joined(separator: " ")) timed out", sourceLocation: sourceLocation)
        #expect(
            status == .exited(0), "swtop \(arguments.joined(separator: " ")): \(status); stderr: \(errorText)",
            sourceLocation: sourceLocation)
        #expect(standardError.isEmpty, "stderr: \(errorText)", sourceLocation: sourceLocation)
    }
}

/// Failure messages show the start of a value, not a whole frame.
extension JSON: CustomTestStringConvertible {
    var testDescription: String {
        let text = description
        return text.count > 300 ? text.prefix(300) + "…" : text
    }
}
