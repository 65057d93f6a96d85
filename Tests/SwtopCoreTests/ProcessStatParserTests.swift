import Testing

@testable import SwtopCore

@Suite struct ProcessStatParserTests {
    @Test func readsEveryFieldByPosition() throws {
        let line = statLine(
            pid: 812, comm: "sshd", state: "R", ppid: 1, utime: 1234, stime: 56,
            priority: 20, nice: -5, threads: 3, start: 99_999, vsize: 123_456_789, rss: 2048, processor: 7)
        let stat = try #require(parsing(line, ProcessStatParser.parse))
        #expect(stat.pid == 812)
        #expect(parsing(line) { String(decoding: $0[stat.commRange], as: UTF8.self) } == "sshd")
        #expect(stat.state == UInt8(ascii: "R"))
        #expect(stat.ppid == 1)
        #expect(stat.processGroup == 812)
        #expect(stat.session == 812)
        #expect(stat.ttyNumber == 34816)
        #expect(stat.userTicks == 1234)
        #expect(stat.systemTicks == 56)
        #expect(stat.priority == 20)
        #expect(stat.nice == -5)
        #expect(stat.threadCount == 3)
        #expect(stat.startTicks == 99_999)
        #expect(stat.virtualBytes == 123_456_789)
        #expect(stat.residentPages == 2048)
        #expect(stat.processor == 7)
        #expect(!stat.isKernelThread)
    }

    @Test(arguments: ["a b", "(x", "x)", ") (", "a) S 1 2 (b", "new\nline", "123456789012345", ""])
    func commRunsFromFirstOpenToLastClose(comm: String) throws {
        let line = statLine(pid: 7, comm: comm, ppid: 3, start: 77)
        let stat = try #require(parsing(line, ProcessStatParser.parse))
        #expect(parsing(line) { String(decoding: $0[stat.commRange], as: UTF8.self) } == comm)
        #expect(stat.ppid == 3)
        #expect(stat.startTicks == 77)
    }

    @Test func kernelThreadIsRecognisedByItsFlag() throws {
        let stat = try #require(
            parsing(
                statLine(pid: 2, comm: "kthreadd", ppid: 0, flags: 0x208040, vsize: 0, rss: 0),
                ProcessStatParser.parse))
        #expect(stat.isKernelThread)
        #expect(stat.ppid == 0)
    }

    @Test func zombieAndRealtimePriority() throws {
        let stat = try #require(parsing(statLine(state: "Z", priority: -100, threads: 1), ProcessStatParser.parse))
        #expect(stat.state == UInt8(ascii: "Z"))
        #expect(stat.priority == -100)
    }

    @Test func linesFromOldKernelsWithoutProcessorStillParse() throws {
        let full = statLine(pid: 5, rss: 9)
        let fields = full.split(separator: " ")
        let short = fields.prefix(24).joined(separator: " ")
        let stat = try #require(parsing(short, ProcessStatParser.parse))
        #expect(stat.residentPages == 9)
        #expect(stat.processor == -1)
    }

    @Test(arguments: [
        "",
        "garbage",
        "42 (bash S 1 2 3",
        "42 (bash) S 1 2 3 4", // cut short
        "(bash) S 1 2 3 4 5 6 7 8 9 10 11", // no pid
        "-4 (x) S " + String(repeating: "1 ", count: 40),
        "42 (bash) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 99999999999999999999999 20 21", // overflow
        "42 (bash) SS 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23",
        "42 (bash) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 - 21 22 23",
    ])
    func truncatedOrGarbageLinesAreRejected(line: String) {
        #expect(parsing(line, ProcessStatParser.parse) == nil)
    }

    @Test func everyPrefixOfALineIsHandled() {
        let line = Array(statLine().utf8)
        for length in 0...line.count {
            // Must never trap; short prefixes are rejected, long enough ones parse.
            _ = parsing(bytes: Array(line.prefix(length)), ProcessStatParser.parse)
        }
        #expect(parsing(bytes: Array(line.prefix(20)), ProcessStatParser.parse) == nil)
    }
}
