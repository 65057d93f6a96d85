import Foundation
import Testing

/// `--watch-output --proc-root` against a fixture tree whose fd links point at log
/// files the test writes: which processes are watched is known exactly.
@Suite struct WatchOutputFixtureTests {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("swtop-watch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try "cpu  1 0 1 8\ncpu0 1 0 1 8\nbtime 1700000000\n".write(
            toFile: root + "/stat", atomically: false, encoding: .utf8)
    }

    private func addProcess(pid: Int, comm: String, uid: Int, start: Int = 100, kernelThread: Bool = false) throws {
        let directory = root + "/\(pid)"
        try FileManager.default.createDirectory(atPath: directory + "/fd", withIntermediateDirectories: true)
        let flags = kernelThread ? 0x200040 : 0x400000
        let stat =
            "\(pid) (\(comm)) S 1 \(pid) \(pid) 0 -1 \(flags) 0 0 0 0 0 0 0 0 20 0 1 0 \(start) 1000 10 0"
            + String(repeating: " 0", count: 13) + " 17 0 0 0 0 0 0\n"
        try stat.write(toFile: directory + "/stat", atomically: false, encoding: .utf8)
        try "Name:\t\(comm)\nUid:\t\(uid)\t\(uid)\t\(uid)\t\(uid)\nGid:\t\(uid)\t\(uid)\t\(uid)\t\(uid)\n"
            .write(toFile: directory + "/status", atomically: false, encoding: .utf8)
        try "".write(toFile: log(pid), atomically: false, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: directory + "/fd/1")
        try FileManager.default.createSymbolicLink(atPath: directory + "/fd/1", withDestinationPath: log(pid))
        // What the kernel says of a descriptor open with `>> log`: only that is followed.
        try FileManager.default.createDirectory(atPath: directory + "/fdinfo", withIntermediateDirectories: true)
        try "pos:\t0\nflags:\t02001\nmnt_id:\t\(Self.mountID(of: log(pid)))\nino:\t\(Self.inode(of: log(pid)))\n"
            .write(toFile: directory + "/fdinfo/1", atomically: false, encoding: .utf8)
    }

    private static func inode(of path: String) -> UInt64 {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : 0
    }

    /// The mount id fdinfo gives for `path`, from a handle of this process (O_PATH).
    private static func mountID(of path: String) -> UInt64 {
        let handle = open(path, 0o10000000 | O_CLOEXEC)
        guard handle >= 0 else { return 0 }
        defer { close(handle) }
        let text = (try? String(contentsOfFile: "/proc/self/fdinfo/\(handle)", encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("mnt_id:") }
        return line.flatMap { UInt64($0.dropFirst("mnt_id:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
    }

    private func log(_ pid: Int) -> String { root + "/log-\(pid)" }

    private func append(_ text: String, toLogOf pid: Int) throws {
        let handle = try #require(FileHandle(forWritingAtPath: log(pid)))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    @Test func onlyTheUsersProcessesNewOnesIncludedUntilTheyExit() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try addProcess(pid: 10, comm: "mine", uid: 1000)
        try addProcess(pid: 11, comm: "theirs", uid: 0)
        try addProcess(pid: 12, comm: "kworker", uid: 1000, kernelThread: true)
        let swtop = try StreamingSwtop(["--watch-output", "--proc-root", root, "--user", "1000", "-d", "0.2"])
        usleep(600_000)
        for pid in [10, 11, 12] { try append("hello from \(pid)\n", toLogOf: pid) }
        #expect(swtop.waitForLines(upTo: 10) { $0.contains("[10 mine] hello from 10") }, "swtop printed: \(swtop.text)")

        // A process that appears later is found at a later round.
        try addProcess(pid: 13, comm: "late", uid: 1000)
        usleep(600_000)
        try append("hello from 13\n", toLogOf: 13)
        #expect(swtop.waitForLines(upTo: 10) { $0.contains("[13 late] hello from 13") }, "swtop printed: \(swtop.text)")

        // PID 10 now belongs to another process: the one watched has exited.
        try addProcess(pid: 10, comm: "mine", uid: 1000, start: 500)
        #expect(swtop.waitForLines(upTo: 10) { $0.contains("[10 mine] exited") }, "swtop printed: \(swtop.text)")
        usleep(600_000)
        swtop.interrupt()
        #expect(swtop.lines.filter { $0 == "[10 mine] exited" }.count == 1, "swtop printed: \(swtop.text)")
        #expect(!swtop.text.contains("from 11") && !swtop.text.contains("from 12"), "swtop printed: \(swtop.text)")
    }
}
