import Glibc
import Testing

@testable import SwtopCore

/// While /proc/loadavg's last PID stands still, no task was created: the reader
/// reads the last sample's processes again instead of listing the proc root.
@Suite struct ListingSkipTests {
    private func setLastPID(_ pid: Int, in proc: FixtureProc) throws {
        try proc.write("loadavg", "0.50 0.25 0.10 1/50 \(pid)\n")
    }

    private func pids(_ reader: SnapshotReader) -> [Int32] { reader.read().processes.map(\.pid) }

    @Test func anUnchangedLastPIDReadsTheKnownProcessesOnly() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 10)
        try proc.addProcess(pid: 20)
        try setLastPID(20, in: proc)
        let reader = SnapshotReader(procFS: proc.procFS, options: ScanOptions(), lastPIDCoversRoot: true)
        #expect(pids(reader) == [10, 20])
        // A directory that appears without the last PID moving is not listed
        // (a fixture can do that; the kernel cannot), and an exit is still seen.
        try proc.addProcess(pid: 30)
        proc.remove("20")
        #expect(pids(reader) == [10])
        try setLastPID(30, in: proc)
        #expect(pids(reader) == [10, 30])
    }

    @Test func theRootIsListedEveryFewSamplesAnyway() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 10)
        let reader = SnapshotReader(procFS: proc.procFS, options: ScanOptions(), lastPIDCoversRoot: true)
        #expect(pids(reader) == [10])
        try proc.addProcess(pid: 30)
        var seen: [[Int32]] = []
        for _ in 1...SnapshotReader.listingInterval { seen.append(pids(reader)) }
        #expect(seen.dropLast().allSatisfy { $0 == [10] })
        #expect(seen.last == [10, 30])
    }

    @Test func aProcRootOfAnotherNamespaceIsAlwaysListed() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 10)
        // A fixture tree has no `self` naming this process: its loadavg cannot speak for it.
        #expect(!SnapshotReader.isOwnNamespace(proc.procFS))
        let reader = SnapshotReader(procFS: proc.procFS)
        #expect(pids(reader) == [10])
        try proc.addProcess(pid: 30)
        #expect(pids(reader) == [10, 30])
    }

    @Test func unreadableLoadAverageMeansListing() throws {
        let proc = try FixtureProc()
        try proc.addProcess(pid: 10)
        let reader = SnapshotReader(procFS: proc.procFS, options: ScanOptions(), lastPIDCoversRoot: true)
        #expect(pids(reader) == [10])
        proc.remove("loadavg")
        try proc.addProcess(pid: 30)
        #expect(pids(reader) == [10, 30])
    }

    @Test func theRealProcIsOursAndStillSeesNewProcesses() throws {
        #expect(SnapshotReader.isOwnNamespace(ProcFS()))
        let reader = SnapshotReader(procFS: ProcFS())
        _ = reader.read()
        var child: pid_t = 0
        let words: [String] = ["sleep", "30"]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        #expect(posix_spawn(&child, "/bin/sleep", nil, nil, arguments, environ) == 0)
        // SIGKILL: the test runner may hand its children a mask that blocks SIGTERM.
        defer {
            kill(child, SIGKILL)
            waitpid(child, nil, 0)
        }
        #expect(reader.read().processes.contains { $0.pid == child })
    }
}
