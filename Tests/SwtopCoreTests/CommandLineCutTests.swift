import Glibc
import Testing

@testable import SwtopCore

/// A process may make swtop keep at most 64 KiB of its command line (4 KiB once all
/// those kept add up to the budget), and swtop reads no more than that (and one byte
/// to know it was cut).
@Suite struct CommandLineCutTests {
    static let kept = CommandLineParser.keptBytes

    private func scan(_ proc: FixtureProc, opener: ProcFileReader.Opener? = nil) -> [ProcessEntry] {
        let reader = opener.map { ProcFileReader(opener: $0) } ?? ProcFileReader()
        return ProcessScanner(procFS: proc.procFS, options: ScanOptions(), reader: reader).scan(previous: [])
    }

    @Test func aLongCommandLineIsCutAndMarked() throws {
        let proc = try FixtureProc()
        let long = Array("/bin/tool\0".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 200 << 10) + [0]
        try proc.addProcess(pid: 10, cmdline: long)
        let exact = [UInt8](repeating: UInt8(ascii: "b"), count: Self.kept - 1) + [0] // 64 KiB with its NUL
        try proc.addProcess(pid: 11, cmdline: exact)
        let processes = scan(proc)
        #expect(processes.map(\.pid) == [10, 11])
        let cut = processes[0].details
        #expect(cut.commandLineIsTruncated)
        #expect(cut.rawCommandLine.utf8.count == Self.kept)
        #expect(cut.commandLine.first == "/bin/tool")
        #expect(!processes[1].details.commandLineIsTruncated)
        #expect(processes[1].details.rawCommandLine.utf8.count == Self.kept - 1)
    }

    @Test func pastTheBudgetOfAllCommandLinesEachNewOneKeepsLess() throws {
        let proc = try FixtureProc()
        let long = [UInt8](repeating: UInt8(ascii: "a"), count: 100 << 10) + [0]
        for pid in Int32(10)...13 { try proc.addProcess(pid: pid, cmdline: long) }
        func kept(_ processes: [ProcessEntry]) -> [Int32: Int] {
            Dictionary(uniqueKeysWithValues: processes.map { ($0.pid, $0.details.rawCommandLine.utf8.count) })
        }
        // A budget of two full command lines: the first two read keep 64 KiB, the rest 4 KiB
        // (which two depends on the directory's order).
        let scanner = ProcessScanner(procFS: proc.procFS, options: ScanOptions(), commandLineBudget: 2 * Self.kept)
        let first = scanner.scan(previous: [])
        #expect(kept(first).values.sorted() == [4096, 4096, Self.kept, Self.kept])
        let allCut = first.allSatisfy { $0.details.commandLineIsTruncated }
        #expect(allCut)
        // The known ones keep theirs; a new one, with the budget spent, keeps 4 KiB.
        try proc.addProcess(pid: 14, cmdline: long)
        let second = scanner.scan(previous: first)
        #expect(kept(second).filter { $0.key != 14 } == kept(first))
        #expect(try #require(kept(second)[14]) == 4096)
        // Once processes end and the total is back under the budget, a new one keeps 64 KiB.
        for pid in Int32(10)...12 { proc.remove("\(pid)") }
        let third = scanner.scan(previous: second)
        try proc.addProcess(pid: 15, cmdline: long)
        let fourth = scanner.scan(previous: third)
        #expect(try #require(kept(fourth)[15]) == Self.kept)
        // Read again each refresh (argv rewriting), a known one keeps as much as it had.
        var rereading = ScanOptions()
        rereading.rereadsCommandLines = true
        let again = ProcessScanner(procFS: proc.procFS, options: rereading, commandLineBudget: 2 * Self.kept)
        let before = again.scan(previous: [])
        try proc.addProcess(pid: 16, cmdline: long)
        let after = again.scan(previous: again.scan(previous: before))
        #expect(kept(after).filter { $0.key != 16 } == kept(before))
        #expect(try #require(kept(after)[16]) == 4096)
    }

    @Test func theCutNeverSplitsACharacter() throws {
        // Three-byte characters across the boundary: 64 KiB is not a multiple of 3.
        let text = String(repeating: "漢", count: (Self.kept / 3) + 10)
        let bytes = Array(text.utf8)
        let (joined, isTruncated) = bytes.withUnsafeBufferPointer {
            CommandLineParser.keptArguments(UnsafeBufferPointer(rebasing: $0[..<CommandLineParser.readLimit()]))
        }
        #expect(isTruncated)
        #expect(joined.unicodeScalars.allSatisfy { $0 == "漢" }) // no \xNN of a broken character
        #expect(joined.utf8.count == Self.kept - Self.kept % 3)
    }

    /// The file offset after the scan shows how much was read: 64 KiB and one byte,
    /// not the 8 MiB the kernel allows.
    @Test func onlyTheKeptBytesAndOneAreRead() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 10, cmdline: [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20))
        final class Spy {
            var cmdline: Int32 = -1
            func open(_ directory: Int32, _ name: UnsafePointer<CChar>, _ flags: Int32) -> Int32 {
                let fd = openat(directory, name, flags)
                if String(cString: name) == "cmdline", fd >= 0 { cmdline = dup(fd) } // shares the offset
                return fd
            }
        }
        let spy = Spy()
        _ = scan(proc, opener: spy.open)
        try #require(spy.cmdline >= 0)
        defer { close(spy.cmdline) }
        #expect(lseek(spy.cmdline, 0, SEEK_CUR) == off_t(CommandLineParser.readLimit()))
    }
}
