import Foundation
import Testing

@testable import SwtopCore

extension FixtureProc {
    /// /proc/PID/fd/N as a link to `target`, and /proc/PID/fdinfo/N as the kernel
    /// writes it for a descriptor open on `target` with `flags` (octal; by default
    /// O_WRONLY|O_APPEND, as `>> log` opens).
    func linkDescriptor(pid: Int32, _ number: Int32, to target: String, flags: String = "02001") throws {
        let url = root.appendingPathComponent("\(pid)/fd/\(number)")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
        var info = stat()
        let inode = stat(target, &info) == 0 ? UInt64(info.st_ino) : 0
        try write(
            "\(pid)/fdinfo/\(number)",
            "pos:\t0\nflags:\t\(flags)\nmnt_id:\t\(Self.mountID(of: target))\nino:\t\(inode)\n")
    }

    /// The mount id fdinfo gives for `path`, from a handle of this process.
    static func mountID(of path: String) -> UInt64 {
        let handle = open(path, 0o10000000 | O_CLOEXEC)
        guard handle >= 0 else { return 0 }
        defer { close(handle) }
        let text = (try? String(contentsOfFile: "/proc/self/fdinfo/\(handle)", encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("mnt_id:") }
        return line.flatMap { UInt64($0.dropFirst("mnt_id:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
    }

    /// The `Uid:`, `Gid:` and `Groups:` lines of /proc/PID/status.
    func setCredentials(pid: Int32, uid: UInt32, gid: UInt32, groups: [UInt32] = []) throws {
        try write(
            "\(pid)/status",
            "Name:\tproc\nUid:\t\(uid)\t\(uid)\t\(uid)\t\(uid)\nGid:\t\(gid)\t\(gid)\t\(gid)\t\(gid)\n"
                + "Groups:\t\(groups.map(String.init).joined(separator: " "))\n")
    }
}

/// What the follower refuses to read, and what it reads without holding or printing
/// more than it must.
@Suite struct OutputFollowerSafetyTests {
    let fixture: FixtureProc
    let log: URL

    init() throws {
        fixture = try FixtureProc()
        try fixture.addProcess(pid: 500, comm: "job", start: 100)
        try fixture.setCredentials(pid: 500, uid: 1000, gid: 1000)
        log = fixture.root.appendingPathComponent("out.log")
        try Data("old\n".utf8).write(to: log)
        #expect(chmod(log.path, 0o644) == 0)
    }

    private func follower(
        start: OutputFollower.StartPosition = .end, doublesBackslashes: Bool = false,
        registry: OutputFileRegistry? = nil, pid: Int32 = 500, startTicks: UInt64 = 100
    ) -> OutputFollower {
        OutputFollower(
            procFS: fixture.procFS, pid: pid, startTicks: startTicks, start: start,
            doublesBackslashes: doublesBackslashes, registry: registry)
    }

    private func append(_ bytes: [UInt8], to url: URL? = nil) throws {
        let handle = try FileHandle(forWritingTo: url ?? log)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
    }

    @Test(arguments: [("00", "read-only"), ("010000000", "an O_PATH handle"), ("010000001", "O_PATH with write bits")])
    func aFileNotOpenForWritingIsNotFollowed(flags: String, what: String) throws {
        try fixture.linkDescriptor(pid: 500, 1, to: log.path, flags: flags)
        let follower = follower()
        #expect(follower.targets[.standardOutput] == .notOpenForWriting(log.path), "\(what)")
        try append(Array("secret\n".utf8))
        #expect(follower.poll() == [], "\(what)")
    }

    @Test func fdinfoOfAnotherFileThanTheHandleIsNotTrusted() throws {
        try fixture.linkDescriptor(pid: 500, 1, to: log.path)
        // The process swapped its descriptor between swtop's handle and its fdinfo read.
        let other = fixture.root.appendingPathComponent("other.log")
        try Data().write(to: other)
        var info = stat()
        #expect(stat(other.path, &info) == 0)
        try fixture.write(
            "500/fdinfo/1",
            "pos:\t0\nflags:\t02001\nmnt_id:\t\(FixtureProc.mountID(of: log.path))\nino:\t\(info.st_ino)\n")
        #expect(follower().targets[.standardOutput] == .notOpenForWriting(log.path))
        // Without an inode (a kernel before 5.14) it cannot be told either.
        try fixture.write("500/fdinfo/1", "pos:\t0\nflags:\t02001\nmnt_id:\t\(FixtureProc.mountID(of: log.path))\n")
        #expect(follower().targets[.standardOutput] == .notOpenForWriting(log.path))
    }

    @Test func aFileItsUserCouldNotReadIsNotReadForThem() throws {
        // Root's log, handed to the process open for writing (a service started as root).
        #expect(chmod(log.path, 0o600) == 0)
        try fixture.linkDescriptor(pid: 500, 1, to: log.path)
        let refused = follower()
        #expect(refused.targets[.standardOutput] == .unreadableByItsUser(log.path))
        try append(Array("root's line\n".utf8))
        #expect(refused.poll() == [])
        // Readable to others: followed.
        #expect(chmod(log.path, 0o644) == 0)
        let followed = follower()
        #expect(followed.targets[.standardOutput] == .regularFile(path: log.path))
        try append(Array("anyone's line\n".utf8))
        #expect(followed.poll() == [.line(.standardOutput, "anyone's line", isCut: false)])
    }

    @Test func readPermissionIsTheKernelsModeCheck() {
        let user = ProcessCredentials(filesystemUID: 1000, filesystemGID: 1000, groups: [27])
        func allows(
            _ owner: UInt32, _ group: UInt32, _ mode: UInt32, acl: Bool = false,
            _ credentials: ProcessCredentials? = nil
        ) -> Bool {
            ReadPermission.allows(credentials ?? user, owner: owner, group: group, mode: mode, hasAccessList: acl)
        }
        #expect(allows(1000, 1000, 0o600))
        #expect(!allows(1000, 1000, 0o044), "the owner's bits count for the owner, even when others may read")
        #expect(!allows(0, 0, 0o600))
        #expect(allows(0, 1000, 0o640))
        #expect(allows(0, 27, 0o640), "a supplementary group")
        #expect(!allows(0, 27, 0o604), "the group's bits count for the group")
        #expect(allows(0, 0, 0o644))
        #expect(!allows(0, 0, 0o644, acl: true), "an ACL may deny this user what the mode allows")
        #expect(allows(1000, 0, 0o600, acl: true))
        #expect(allows(0, 0, 0o000, ProcessCredentials(filesystemUID: 0, filesystemGID: 0, groups: [])))
    }

    @Test func fdinfoAndCredentialsParse() {
        func info(_ text: String) -> DescriptorInfo? {
            Array(text.utf8).withUnsafeBufferPointer(DescriptorInfoParser.parse)
        }
        #expect(
            info("pos:\t0\nflags:\t0102001\nmnt_id:\t29\nino:\t1234\n")
                == DescriptorInfo(flags: 0o102001, mountID: 29, inode: 1234))
        #expect(info("pos:\t0\nflags:\t0102001\nmnt_id:\t29\nino:\t1234\n")?.isOpenForWriting == true)
        #expect(info("flags:\t02\n")?.isOpenForWriting == true)
        #expect(info("flags:\t0100000\n")?.isOpenForWriting == false)
        #expect(info("flags:\t010000001\n")?.isOpenForWriting == false)
        #expect(info("flags:\t9\n") == nil)
        #expect(info("flags:\t077777777777\n") == nil, "more than 32 bits")
        #expect(info("pos:\t0\n") == nil)

        func credentials(_ text: String) -> ProcessCredentials? {
            Array(text.utf8).withUnsafeBufferPointer { StatusParser.parse($0)?.credentials }
        }
        #expect(
            credentials("Uid:\t1\t2\t3\t4\nGid:\t5\t6\t7\t8\nGroups:\t27 100 \n")
                == ProcessCredentials(filesystemUID: 4, filesystemGID: 8, groups: [27, 100]))
        #expect(credentials("Uid:\t1\t2\t3\t4\nGid:\t5\t6\t7\t8\nGroups:\t\n")?.groups == [])
        #expect(
            credentials("Uid:\t1\t2\t3\nGid:\t5\t6\t7\t8\n") == nil, "an id missing: the next line's number is not it")
        #expect(credentials("Uid:\t1\t2\t3\t4\n") == nil)
    }
}

extension OutputFollowerSafetyTests {
    @Test func holesOfASparseFileAreSkippedNotRead() throws {
        try fixture.linkDescriptor(pid: 500, 1, to: log.path)
        let follower = follower()
        try append(Array("before the hole, unfinished".utf8))
        let descriptor = open(log.path, O_WRONLY | O_CLOEXEC)
        defer { close(descriptor) }
        let holeEnd: Int64 = 64 << 20
        let before = Int64(Array("old\nbefore the hole, unfinished".utf8).count)
        #expect(ftruncate(descriptor, off_t(holeEnd)) == 0)
        let tail = Array("after\n".utf8)
        #expect(pwrite(descriptor, tail, tail.count, off_t(holeEnd)) == tail.count)
        let events = follower.poll()
        // The file system keeps data in blocks: the hole starts at a block boundary,
        // and the rest of the last data block holds NULs, read with the unfinished line.
        guard events.count == 3, case .skipped(.standardOutput, let bytes) = events[1],
            case .line(.standardOutput, let first, isCut: true) = events[0]
        else {
            Issue.record("got \(events.prefix(4))")
            return
        }
        #expect(first.hasPrefix("before the hole, unfinished") && first.utf8.count < 65536)
        #expect(bytes >= holeEnd - before - 65536 && bytes <= holeEnd - before)
        #expect(events[2] == .line(.standardOutput, "after", isCut: false))
    }

    @Test func aRoundsBudgetIsSharedAndWhatDoesNotFitIsSkipped() throws {
        try fixture.addProcess(pid: 501, comm: "other", start: 200)
        try fixture.setCredentials(pid: 501, uid: 1000, gid: 1000)
        let second = fixture.root.appendingPathComponent("second.log")
        try Data().write(to: second)
        try fixture.linkDescriptor(pid: 500, 1, to: log.path)
        try fixture.linkDescriptor(pid: 501, 1, to: second.path)
        let first = follower()
        let other = follower(pid: 501, startTicks: 200)
        let line = Array((String(repeating: "x", count: 99) + "\n").utf8)
        try append(Array([[UInt8]](repeating: line, count: 60).joined()))
        try append(Array([[UInt8]](repeating: line, count: 10).joined()), to: second)

        let budget = ReadBudget(bytes: 5000)
        let firstEvents = first.poll(budget: budget)
        #expect(firstEvents.filter { if case .line(_, _, false) = $0 { true } else { false } }.count == 50)
        #expect(firstEvents.last == .skipped(.standardOutput, bytes: 1000))
        #expect(other.poll(budget: budget) == [.skipped(.standardOutput, bytes: 1000)])
        // The next round starts where the file ends now.
        try append(Array("next\n".utf8), to: second)
        #expect(other.poll(budget: ReadBudget(bytes: 5000)) == [.line(.standardOutput, "next", isCut: false)])
    }

    @Test func backslashesAreDoubledWhenAsked() throws {
        try fixture.linkDescriptor(pid: 500, 1, to: log.path)
        let follower = follower(doublesBackslashes: true)
        try append(Array("C:\\dir \\e".utf8) + [0xFF, 0x0A])
        // A literal `\e` reads `\\e`; the byte that is not UTF-8 stays `\xff`.
        #expect(follower.poll() == [.line(.standardOutput, "C:\\\\dir \\\\e\\xff", isCut: false)])
    }
}
