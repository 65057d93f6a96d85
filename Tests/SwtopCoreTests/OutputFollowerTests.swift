import Foundation
import Testing

@testable import SwtopCore

/// The follower against a fixture process 500 whose fd/1 and fd/2 are symbolic
/// links to real files and FIFOs, as /proc/PID/fd links behave.
@Suite struct OutputFollowerTests {
    let fixture: FixtureProc
    let log: URL
    let fifo: URL

    init() throws {
        fixture = try FixtureProc()
        try fixture.addProcess(pid: 500, comm: "backup.sh", start: 100)
        try fixture.setCredentials(pid: 500, uid: 0, gid: 0)
        log = fixture.root.appendingPathComponent("out.log")
        fifo = fixture.root.appendingPathComponent("err.fifo")
        try write("one\ntwo\nthree\nfour\nfive\npar")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        try link(1, to: log.path)
        try link(2, to: fifo.path)
    }

    private func write(_ text: String, to url: URL? = nil) throws {
        try Data(text.utf8).write(to: url ?? log)
    }

    private func append(_ text: String, to url: URL? = nil) throws {
        let handle = try FileHandle(forWritingTo: url ?? log)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    private func link(_ descriptor: Int32, to target: String) throws {
        try fixture.linkDescriptor(pid: 500, descriptor, to: target)
    }

    private func follower(start: OutputFollower.StartPosition = .tail(lines: 3), lineLimit: Int = 4096)
        -> OutputFollower
    {
        OutputFollower(procFS: fixture.procFS, pid: 500, startTicks: 100, start: start, maximumLineLength: lineLimit)
    }

    private func line(_ text: String, _ stream: SwtopCore.OutputStream = .standardOutput, cut: Bool = false)
        -> OutputEvent
    {
        .line(stream, text, isCut: cut)
    }

    @Test func theTailFirstThenEachNewCompleteLine() throws {
        let follower = follower()
        #expect(follower.targets[.standardOutput] == .regularFile(path: log.path))
        #expect(follower.poll() == [line("three"), line("four"), line("five")])
        #expect(follower.poll() == [])
        try append("tial\nnext\nhalf")
        #expect(follower.poll() == [line("partial"), line("next")])
        try append(" done\n")
        #expect(follower.poll() == [line("half done")])
    }

    @Test func startingAtTheEndShowsOnlyWhatIsWrittenAfter() throws {
        let follower = follower(start: .end)
        #expect(follower.poll() == [])
        try append("\nlater\n")
        // The line that was half written when following began ends here.
        #expect(follower.poll() == [line(""), line("later")])
    }

    @Test func aPipeIsNamedAndNeverRead() throws {
        // Keep both ends open so the FIFO holds data without a blocked writer.
        let end = open(fifo.path, O_RDWR | O_NONBLOCK)
        #expect(end >= 0)
        defer { close(end) }
        let secret = Array("secret line\n".utf8)
        #expect(Glibc.write(end, secret, secret.count) == secret.count)

        let follower = follower()
        #expect(follower.targets[.standardError] == .pipe(fifo.path))
        for _ in 0..<3 {
            #expect(!follower.poll().contains { if case .line(.standardError, _, _) = $0 { true } else { false } })
        }

        var buffer = [UInt8](repeating: 0, count: 64)
        let count = Glibc.read(end, &buffer, buffer.count)
        #expect(Array(buffer.prefix(max(0, count))) == secret, "every byte is still there for the real reader")
    }

    @Test func aPipesHandleIsNeverOpenedForReading() throws {
        let end = open(fifo.path, O_RDWR | O_NONBLOCK)
        defer { close(end) }
        let bytes = Array("mine\n".utf8)
        #expect(Glibc.write(end, bytes, bytes.count) == bytes.count)
        guard case .opened(let handle) = DescriptorHandle.open(path: fifo.path) else {
            Issue.record("no handle of the FIFO")
            return
        }
        #expect(handle.kind == .pipe && handle.target == fifo.path)
        guard case .failed = FollowedFile.open(handle, at: .start, lines: LineAssembler(limit: 100)) else {
            Issue.record("a FIFO was opened for following")
            return
        }
        var buffer = [UInt8](repeating: 0, count: 16)
        #expect(Glibc.read(end, &buffer, buffer.count) == bytes.count)
    }

    @Test func aTruncatedLogIsReadAgainFromItsStart() throws {
        let follower = follower()
        _ = follower.poll()
        try write("new\n")
        #expect(follower.poll() == [.truncated(.standardOutput), line("new")])
        try append("more\n")
        #expect(follower.poll() == [line("more")])
    }

    @Test func aReopenedLogIsSwitchedToAfterTheOldOnesLastLines() throws {
        let follower = follower()
        _ = follower.poll()
        try append("tial\n")
        let rotated = fixture.root.appendingPathComponent("out.log.1")
        try FileManager.default.moveItem(at: log, to: rotated)
        try write("fresh\n")
        try link(1, to: log.path)
        #expect(
            follower.poll() == [
                line("partial"), .retargeted(.standardOutput, .regularFile(path: log.path)), line("fresh"),
            ])
        try append("late\n", to: rotated)
        try append("again\n")
        #expect(follower.poll() == [line("again")])
    }

    @Test func aRedirectToSomethingElseIsReportedAndNotRead() throws {
        let follower = follower()
        _ = follower.poll()
        try link(1, to: "/dev/null")
        // The old file's unfinished last line is given before the switch.
        #expect(follower.poll() == [line("par"), .retargeted(.standardOutput, .other("/dev/null"))])
        #expect(follower.poll() == [])
        try link(1, to: log.path)
        try append("\nback\n")
        // Back to a file: it is new to the follower, so read from its start.
        #expect(
            follower.poll() == [
                .retargeted(.standardOutput, .regularFile(path: log.path)),
                line("one"), line("two"), line("three"), line("four"), line("five"), line("par"), line("back"),
            ])
    }

    @Test func theSameFileOnBothDescriptorsIsReadOnce() throws {
        try link(2, to: log.path)
        let follower = follower()
        #expect(follower.targets[.standardError] == .regularFile(path: log.path))
        #expect(follower.poll() == [line("three"), line("four"), line("five")])
        try append("tial\n")
        #expect(follower.poll() == [line("partial")])
    }

    @Test func anExitIsReportedOnceAfterTheLastWords() throws {
        let follower = follower()
        _ = follower.poll()
        try append("ting words")
        // The PID now belongs to another process.
        try fixture.addProcess(pid: 500, comm: "other", start: 999)
        #expect(follower.poll() == [line("parting words"), .exited])
        #expect(follower.hasExited)
        #expect(follower.poll() == [])
    }

    @Test func aZombieHasExited() throws {
        let follower = follower(start: .end)
        try fixture.addProcess(pid: 500, comm: "backup.sh", state: "Z", start: 100)
        #expect(follower.poll() == [.exited])
    }

    @Test func aProcessAlreadyGoneIsExitedAtOnce() {
        fixture.remove("500")
        let follower = follower()
        #expect(follower.hasExited)
        #expect(follower.poll() == [.exited])
        #expect(follower.poll() == [])
    }

    @Test func longLinesComeInBoundedPieces() throws {
        let follower = follower(start: .end, lineLimit: 16)
        try append("\n" + String(repeating: "a", count: 40) + "\n")
        #expect(
            follower.poll() == [
                line(""), line(String(repeating: "a", count: 16), cut: true),
                line(String(repeating: "a", count: 16), cut: true), line(String(repeating: "a", count: 8)),
            ])
    }

    @Test func aCutNeverSplitsACharacter() {
        let assembler = LineAssembler(limit: 16)
        let text = String(repeating: "a", count: 15) + "é" + "b\n"
        let lines = Array(text.utf8).withUnsafeBufferPointer { assembler.feed($0) }
        #expect(
            lines == [
                AssembledLine(text: String(repeating: "a", count: 15), isCut: true),
                AssembledLine(text: "éb", isCut: false),
            ])
    }
}

extension OutputFollowerTests {
    @Test func stderrLeavingASharedFileDoesNotRepeatIt() throws {
        try link(2, to: log.path)
        let follower = follower()
        _ = follower.poll()
        let other = fixture.root.appendingPathComponent("other.log")
        try write("elsewhere\n", to: other)
        try link(1, to: other.path)
        try append("tial\n")
        #expect(
            follower.poll() == [
                line("partial"), .retargeted(.standardOutput, .regularFile(path: other.path)),
                line("elsewhere"),
            ])
        try append("from stderr\n")
        #expect(follower.poll() == [line("from stderr", .standardError)])
    }
}

extension OutputFollowerTests {
    @Test func aFileSeveralProcessesWriteIsReadByOneFollower() throws {
        try fixture.addProcess(pid: 501, comm: "sleep", ppid: 500, start: 120)
        try fixture.setCredentials(pid: 501, uid: 0, gid: 0)
        try fixture.linkDescriptor(pid: 501, 1, to: log.path)
        let registry = OutputFileRegistry()
        let parent = OutputFollower(procFS: fixture.procFS, pid: 500, startTicks: 100, start: .end, registry: registry)
        let child = OutputFollower(procFS: fixture.procFS, pid: 501, startTicks: 120, start: .end, registry: registry)
        try append("tial\n")
        #expect(parent.poll() == [line("tial")])
        #expect(child.poll() == [])
        #expect(child.targets[.standardOutput] == .regularFile(path: log.path))
        // Once the parent is gone, the child's follower goes on where the parent stopped.
        fixture.remove("500")
        #expect(parent.poll() == [.exited])
        try append("by the child\n")
        #expect(child.poll() == [line("by the child")])
        try append("and more\n")
        #expect(child.poll() == [line("and more")])
    }

    @Test func aReservedFileIsNeverFollowed() throws {
        let registry = OutputFileRegistry()
        let descriptor = open(log.path, O_RDONLY)
        defer { close(descriptor) }
        registry.reserve(try #require(FileIdentity(descriptor: descriptor)))
        let follower = OutputFollower(procFS: fixture.procFS, pid: 500, startTicks: 100, registry: registry)
        try append("tial\n")
        #expect(follower.poll() == [])
    }
}

@Suite struct ProcessDiscoveryTests {
    @Test func listsPIDsAndDescribesOne() throws {
        let fixture = try FixtureProc()
        try fixture.addProcess(pid: 12, comm: "cron job", start: 77, uid: 1000)
        try fixture.addProcess(pid: 3, comm: "kthreadd", flags: 0x200040, start: 1)
        try fixture.write("self/stat", "not a process")
        let discovery = ProcessDiscovery(procFS: fixture.procFS)
        #expect(discovery.pids() == [3, 12])
        #expect(
            discovery.describe(pid: 12)
                == DiscoveredProcess(
                    pid: 12, startTicks: 77, comm: "cron job",
                    effectiveUID: 1000, isKernelThread: false, processGroup: 12))
        #expect(discovery.describe(pid: 3)?.isKernelThread == true)
        #expect(discovery.describe(pid: 99) == nil)
    }
}

extension OutputFollowerTests {
    @Test func aLogTruncatedAndRewrittenPastTheOldEndBetweenPollsIsNoticed() throws {
        let follower = follower(start: .end)
        try append("t\n")
        #expect(follower.poll() == [line("t")])
        try write("a longer first line after truncation\n")
        #expect(follower.poll() == [.truncated(.standardOutput), line("a longer first line after truncation")])
        try append("next\n")
        #expect(follower.poll() == [line("next")])
    }
}

extension OutputFollowerTests {
    @Test func aTailLongerThanItsWindowStartsOnAWholeLine() throws {
        // Lines of 1024 bytes (newline included) fill the window exactly: the first
        // line in it is whole and kept, the one cut by the window is not.
        let lineCount = FollowedFile.tailWindow / 1024 + 8
        let text = (0..<lineCount).map { number in
            let label = "line \(number) "
            return label + String(repeating: "x", count: 1023 - label.utf8.count) + "\n"
        }.joined()
        try write(text)
        let events = follower(start: .tail(lines: 100_000)).poll()
        #expect(events.count == FollowedFile.tailWindow / 1024)
        #expect(events.first == line("line 8 " + String(repeating: "x", count: 1023 - 7)))
        #expect(
            events.last
                == line(
                    "line \(lineCount - 1) " + String(repeating: "x", count: 1023 - "line \(lineCount - 1) ".utf8.count)
                ))
    }
}
