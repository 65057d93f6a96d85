import Glibc
import Testing

@testable import SwtopCore

/// A process may make swtop keep at most 64 KiB of its command line, and swtop
/// reads no more than that (and one byte to know it was cut).
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

    @Test func theCutNeverSplitsACharacter() throws {
        // Three-byte characters across the boundary: 64 KiB is not a multiple of 3.
        let text = String(repeating: "漢", count: (Self.kept / 3) + 10)
        let bytes = Array(text.utf8)
        let (joined, isTruncated) = bytes.withUnsafeBufferPointer {
            CommandLineParser.keptArguments(UnsafeBufferPointer(rebasing: $0[..<CommandLineParser.readLimit]))
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
        #expect(lseek(spy.cmdline, 0, SEEK_CUR) == off_t(CommandLineParser.readLimit))
    }
}
