import Glibc
import Testing

@testable import SwtopUI

/// `--help`'s option lines come from the parser's own table: every option the
/// parser takes is in the help (or kept out on purpose), every option line of the
/// help parses and does what it names, and the man page names every long option.
@Suite struct HelpTextTests {
    /// The help's option lines: from "Options:" to the first empty line.
    private var optionLines: [Substring] {
        let lines = HelpText.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "Options:") else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.isEmpty })
    }

    /// The names at the start of each option line (`-n, --iterations COUNT`): what a
    /// reader would type. Continuation lines start with spaces only.
    private var helpEntries: [String] {
        optionLines.compactMap { line in
            let body = line.drop { $0 == " " }
            guard body.hasPrefix("-"), let end = body.firstRange(of: "   ")?.lowerBound else { return nil }
            return String(body[..<end])
        }
    }

    @Test func everyParserOptionIsInTheHelpUnlessHidden() {
        let entries = helpEntries
        for option in OptionParser.options {
            if option.help == nil {
                #expect(!HelpText.text.contains("--" + option.long), "--\(option.long) is hidden but in the help")
            } else {
                #expect(entries.contains(option.names.drop { $0 == " " }.description), "\(option.names) missing")
            }
        }
        #expect(entries.count == OptionParser.options.filter { $0.help != nil }.count)
    }

    @Test func everyHelpLineParsesAndDoesWhatItNames() throws {
        // A valid value for each value name the help uses.
        let examples = [
            "COUNT": "3", "SECONDS": "2", "KEY": "mem", "USER": "root", "PID,...": "1,2", "FILE": "/x",
            "KIND": "user", "SIZE": "8K", "TIME": "10:30", "EXPR": "cpu>1", "FIELD,...": "pid,comm", "N": "5",
            "SHELL": "bash", "PATH": "/x.prom", "MINUTES": "5",
        ]
        let entries = helpEntries
        #expect(!entries.isEmpty)
        for entry in entries {
            // "-n, --iterations COUNT" → spellings ["-n", "--iterations"], value name "COUNT".
            let words = entry.split(separator: " ").map { $0.hasSuffix(",") ? String($0.dropLast()) : String($0) }
            let valueName = words.last.flatMap { $0.hasPrefix("-") ? nil : $0 }
            let spellings = words.filter { $0.hasPrefix("-") }
            #expect(!spellings.isEmpty, "no option in '\(entry)'")
            for spelling in spellings {
                var arguments = [spelling]
                if let valueName {
                    let value = try #require(examples[valueName], "no example value for \(valueName)")
                    arguments.append(value)
                }
                // --fields picks the columns of an output, so it needs one.
                if spelling == "-o" || spelling == "--fields" { arguments.insert("--csv", at: 0) }
                // --record-max only with --record, --begin and --end only with --replay.
                if spelling == "--record-max" { arguments.insert(contentsOf: ["--record", "/x"], at: 0) }
                if spelling == "--begin" || spelling == "--end" {
                    arguments.insert(contentsOf: ["--replay", "/x"], at: 0)
                }
                let request = try OptionParser.parse(arguments)
                #expect(request != .run(LaunchOptions()), "\(arguments) changed nothing")
            }
        }
    }

    @Test func optionLinesShareOneColumnAndFitEightyColumns() {
        let column = optionLines.first.map { line in line.count - line.drop { $0 == " " }.count } ?? 0
        #expect(column == 2)
        for line in optionLines {
            #expect(line.count <= 80, "too long: \(line)")
        }
        // The help of every entry starts where the continuation lines do.
        let starts = Set(
            optionLines.map { line -> Int in
                let body = line.drop { $0 == " " }
                if body.hasPrefix("-"), let gap = body.firstRange(of: "   ") {
                    return line.distance(
                        from: line.startIndex, to: body[gap.upperBound...].drop { $0 == " " }.startIndex)
                }
                return line.count - body.count
            })
        #expect(starts.count == 1, "help columns: \(starts.sorted())")
    }

    @Test func manPageNamesEveryLongOptionOfTheHelp() throws {
        let page = try #require(Self.manPage(), "cannot read man/swtop.1")
        // roff writes a hyphen as \-.
        let text = page.replacing("\\-", with: "-")
        for option in OptionParser.options where option.help != nil {
            let named = text.contains("--" + option.long)
            #expect(named, "the man page does not name --\(option.long)")
        }
    }

    /// man/swtop.1 of this checkout, found from this file's path.
    private static func manPage() -> String? {
        var root = #filePath
        for _ in 0..<3 { root = String(root[..<(root.lastIndex(of: "/") ?? root.startIndex)]) }
        let fd = open(root + "/man/swtop.1", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
