import Glibc
import Testing

@testable import SwtopHarness

@Suite struct ProcReaderTests {
    /// A command name may hold spaces and parentheses: the fields start after the last ')'.
    @Test func statFieldsStartAfterTheLastParenthesis() throws {
        let line =
            "4242 (a) b (c) S 17 4242 4242 0 -1 4194560 100 0 0 0 7 3 0 0 20 0 2 0 12345 8192000 512 "
            + "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n"
        let stat = try #require(ProcReader.parseStat(Array(line.utf8)))
        #expect(stat.state == "S")
        #expect(stat.ppid == 17)
        #expect(stat.utime == 7 && stat.stime == 3 && stat.cpuTicks == 10)
        #expect(stat.priority == 20 && stat.nice == 0 && stat.threads == 2)
        #expect(stat.startTicks == 12345 && stat.virtualBytes == 8_192_000 && stat.residentPages == 512)
        #expect(!stat.isZombie)
    }

    @Test func truncatedStatIsRejected() {
        #expect(ProcReader.parseStat(Array("4242 (sh) S 1 2 3".utf8)) == nil)
        #expect(ProcReader.parseStat(Array("4242 sh S 1 2 3".utf8)) == nil)
        #expect(ProcReader.parseStat([]) == nil)
    }

    @Test func ownProcessReadsBack() throws {
        let stat = try #require(ProcReader.stat(getpid()))
        #expect(stat.ppid == Int64(getppid()))
        #expect(stat.threads >= 1 && !stat.isZombie)
        #expect(ProcReader.uids(getpid())?.effective == getuid())
        #expect(ProcReader.statm(getpid()).map { $0.resident > 0 } == true)
        #expect(ProcReader.allPIDs().contains(getpid()))
        #expect(ProcReader.children(of: getppid()).contains(getpid()))
    }
}
