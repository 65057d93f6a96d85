import Glibc
import Testing

@testable import SwtopCore

/// A full descriptor table (EMFILE) or file table (ENFILE) says nothing about the
/// processes: the scanner must not take them for gone.
@Suite struct DescriptorShortageTests {
    /// openat(2) until `failure` is set, then fails every open with it.
    final class FailingOpener {
        var failure: Int32?

        func open(_ directory: Int32, _ name: UnsafePointer<CChar>, _ flags: Int32) -> Int32 {
            if let failure {
                errno = failure
                return -1
            }
            return openat(directory, name, flags)
        }
    }

    @Test(arguments: [EMFILE, ENFILE], [true, false])
    func processesStayWhileDescriptorsRunOut(failure: Int32, listing: Bool) throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 1, comm: "init", ppid: 0)
        try proc.addProcess(pid: 20, comm: "worker")
        let opener = FailingOpener()
        let scanner = ProcessScanner(
            procFS: proc.procFS, options: ScanOptions(),
            reader: ProcFileReader(opener: opener.open))
        let first = scanner.scan(previous: [])
        #expect(first.map(\.pid) == [1, 20])
        #expect(scanner.notRefreshedCount == 0)

        opener.failure = failure
        let starved = scanner.scan(previous: first, listing: listing)
        #expect(starved.map(\.pid) == [1, 20])
        #expect(starved.allSatisfy { $0.isCarriedOver })
        #expect(scanner.notRefreshedCount == 2)

        opener.failure = nil
        let recovered = scanner.scan(previous: starved)
        #expect(recovered.map(\.pid) == [1, 20])
        #expect(!recovered.contains { $0.isCarriedOver })
        #expect(scanner.notRefreshedCount == 0)
    }

    /// Only the opens of one process fail (the table filled up mid-scan): that one
    /// is kept, the others are read, and a process really gone still goes.
    @Test func onlyTheStarvedProcessIsKept() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 1, comm: "init", ppid: 0)
        try proc.addProcess(pid: 20, comm: "worker")
        try proc.addProcess(pid: 30, comm: "leaver")
        final class SelectiveOpener {
            func open(_ directory: Int32, _ name: UnsafePointer<CChar>, _ flags: Int32) -> Int32 {
                if String(cString: name).hasPrefix("20") {
                    errno = EMFILE
                    return -1
                }
                return openat(directory, name, flags)
            }
        }
        let first = ProcessScanner(procFS: proc.procFS, options: ScanOptions()).scan(previous: [])
        proc.remove("30")
        let opener = SelectiveOpener()
        let scanner = ProcessScanner(
            procFS: proc.procFS, options: ScanOptions(),
            reader: ProcFileReader(opener: opener.open))
        let second = scanner.scan(previous: first)
        #expect(second.map(\.pid) == [1, 20])
        #expect(second.map { $0.isCarriedOver } == [false, true])
        #expect(scanner.notRefreshedCount == 1)
    }
}
