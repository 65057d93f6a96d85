import Foundation
import Glibc
import Testing

/// `--watch-output` run as root beside processes that try to turn it against root,
/// feed it its own output or make it hold more than a round's budget. Another user
/// is played by `setpriv` with a uid that has no account.
@Suite(.serialized) struct WatchOutputAbuseTests {
    /// A uid without a passwd entry.
    private func unlistedUID() throws -> Int {
        try #require((54_500..<54_600).first { ProcReader.userName(of: UInt32($0)) == nil })
    }

    private func setpriv() throws -> String {
        try #require(Spawn.executable("setpriv"), "setpriv (util-linux) is needed")
    }

    /// `sleep 300` as `uid`, with `standardOutput` as its fd 1.
    private func sleeper(uid: Int, standardOutput: Int32) throws -> pid_t {
        let setpriv = try setpriv()
        let pid = try Spawn.start(
            setpriv,
            arguments: [
                setpriv, "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups",
                "/bin/sleep", "300",
            ].map { Array($0.utf8) },
            standardOutput: standardOutput)
        #expect(Clock.wait(upTo: 5) { ProcReader.comm(pid) == "sleep" })
        return pid
    }

    private func openFile(_ path: String, _ flags: Int32) throws -> Int32 {
        let descriptor = open(path, flags | O_CLOEXEC, 0o600)
        try #require(descriptor >= 0, "open \(path): \(String(cString: strerror(errno)))")
        return descriptor
    }

    private func append(_ text: String, to path: String) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = text.withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
    }

    private static let pathFlag: Int32 = 0o10000000 // O_PATH

    @Test func onlyWhatTheProcessWritesAndItsUserMayReadIsFollowed() throws {
        let scratch = try ScratchDirectory()
        let uid = try unlistedUID()
        let secret = scratch.file("secret")
        let readable = scratch.file("readable.log")
        scratch.write("secret", "root only\n")
        try #require(chmod(secret, 0o600) == 0)
        scratch.write("readable.log", "")
        let pathHandle = try openFile(secret, Self.pathFlag)
        let writer = try openFile(secret, O_WRONLY | O_APPEND)
        let readableWriter = try openFile(readable, O_WRONLY | O_APPEND)
        defer {
            close(pathHandle)
            close(writer)
            close(readableWriter)
        }
        // An O_PATH handle needs no permission at all; a descriptor open for writing on a
        // root-only file is what a service started by root and dropping privileges has.
        let holder = try sleeper(uid: uid, standardOutput: pathHandle)
        defer { Spawn.kill(holder) }
        let inheritor = try sleeper(uid: uid, standardOutput: writer)
        defer { Spawn.kill(inheritor) }
        let writerOfOwn = try sleeper(uid: uid, standardOutput: readableWriter)
        defer { Spawn.kill(writerOfOwn) }

        let swtop = try StreamingSwtop([
            "--watch-output", "--pid", "\(holder),\(inheritor),\(writerOfOwn)", "-d", "0.2",
        ])
        let expected = [
            "[\(holder) sleep] (stdout: \(secret), not open for writing, not read)",
            "[\(inheritor) sleep] (stdout: \(secret), which its user may not read, not read)",
            "[\(writerOfOwn) sleep] (stdout: \(readable))",
        ]
        #expect(
            swtop.waitForLines(upTo: 10) { lines in expected.allSatisfy(lines.contains) },
            "swtop printed: \(swtop.text)")
        append("root's secret\n", to: secret)
        append("anyone may read this\n", to: readable)
        #expect(
            swtop.waitForLines(upTo: 10) { $0.contains("[\(writerOfOwn) sleep] anyone may read this") },
            "swtop printed: \(swtop.text)")
        usleep(600_000)
        swtop.interrupt()
        #expect(!swtop.text.contains("secret\n") && !swtop.text.contains("root only"), "swtop printed: \(swtop.text)")
    }

    /// A process swapping its fd 1 between a log and an O_PATH handle of `other`, as
    /// fast as it can (perl is part of every Debian system).
    private func flipper(log: String, other: String) throws -> pid_t {
        let perl = try #require(Spawn.executable("perl"))
        let script =
            "use POSIX; open(my $log, '>>', $ARGV[0]) or die; sysopen(my $other, $ARGV[1], \(Self.pathFlag)) or die;"
            + " for (;;) { POSIX::dup2(fileno($log), 1); POSIX::dup2(fileno($other), 1); }"
        return try Spawn.start(perl, ["perl", "-e", script, log, other])
    }

    @Test func aDescriptorSwappedForAFIFOOrADeviceIsNeverOpened() throws {
        let scratch = try ScratchDirectory()
        let fifo = scratch.file("fifo")
        let device = scratch.file("device")
        try #require(mkfifo(fifo, 0o600) == 0)
        // A device node of this test's own, so that an open of it is this test's to see:
        // the null device's numbers (an open of /dev/ptmx or /dev/watchdog goes the same way).
        try #require(mknod(device, S_IFCHR | 0o600, dev_t(1 << 8 | 3)) == 0)
        let watcher = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        try #require(watcher >= 0)
        defer { close(watcher) }
        // An open of either shows here (an O_PATH handle is no open).
        try #require(inotify_add_watch(watcher, device, UInt32(IN_OPEN)) >= 0)
        try #require(inotify_add_watch(watcher, fifo, UInt32(IN_OPEN)) >= 0)
        // Blocked in open(2) until something opens the FIFO for reading.
        let blockedWriter = try Spawn.start("/bin/sh", ["sh", "-c", "echo x > '\(fifo)'"])
        defer { Spawn.kill(blockedWriter) }
        let fifoFlipper = try flipper(log: scratch.file("a.log"), other: fifo)
        defer { Spawn.kill(fifoFlipper) }
        let deviceFlipper = try flipper(log: scratch.file("b.log"), other: device)
        defer { Spawn.kill(deviceFlipper) }

        let swtop = try StreamingSwtop(["--watch-output", "--pid", "\(fifoFlipper),\(deviceFlipper)", "-d", "0.1"])
        usleep(4_000_000)
        swtop.interrupt()
        #expect(
            Spawn.reap(blockedWriter, within: 0.1) == nil,
            "the FIFO was opened: its writer went on. swtop printed: \(swtop.text.suffix(2000))")
        var events = [UInt8](repeating: 0, count: 4096)
        let count = read(watcher, &events, events.count)
        #expect(
            count < 0 && errno == EAGAIN, "the FIFO or the device was opened. swtop printed: \(swtop.text.suffix(2000))"
        )
        // Whatever it said of the descriptor, kind and name are of one file.
        for line in swtop.lines where line.contains(" is now ") || line.contains("(stdout: ") {
            #expect(
                !line.contains("a.log), not read") && !line.contains("b.log), not read")
                    && !line.contains("pipe (\(scratch.file("a.log"))") && !line.contains("(\(scratch.file("b.log"))"),
                "a kind paired with another file's name: \(line)")
        }
    }

    @Test func sparseAndHugeFilesCostARoundsBudget() throws {
        let scratch = try ScratchDirectory()
        let uid = try unlistedUID()
        var writers: [Int32] = []
        var sleepers: [pid_t] = []
        defer {
            for pid in sleepers { Spawn.kill(pid) }
            for descriptor in writers { close(descriptor) }
        }
        for index in 0..<8 {
            scratch.write("\(index).log", "")
            let descriptor = try openFile(scratch.file("\(index).log"), O_WRONLY | O_APPEND)
            writers.append(descriptor)
            sleepers.append(try sleeper(uid: uid, standardOutput: descriptor))
        }
        let swtop = try StreamingSwtop([
            "--watch-output", "--pid", sleepers.map(String.init).joined(separator: ","), "-d", "0.3",
        ])
        #expect(
            swtop.waitForLines(upTo: 10) { $0.filter { $0.contains("(stdout: ") }.count == 8 },
            "swtop printed: \(swtop.text)")

        // 8 files of 4 MiB holes, each with a line after the hole.
        let hole = 4 << 20
        for (index, descriptor) in writers.enumerated() {
            #expect(ftruncate(descriptor, off_t(hole)) == 0)
            append("after the hole \(index)\n", to: scratch.file("\(index).log"))
        }
        #expect(
            swtop.waitForLines(upTo: 10) { lines in
                (0..<8).allSatisfy { index in lines.contains { $0.hasSuffix("] after the hole \(index)") } }
            },
            "swtop printed: \(swtop.text.suffix(3000))")
        #expect(!swtop.text.contains("\\0"), "a hole was read")

        // 8 times 2 MiB of lines at once: one round's budget is printed, the rest skipped.
        let line = String(repeating: "x", count: 99) + "\n"
        let chunk = String(repeating: line, count: (2 << 20) / 100)
        let before = swtop.collected.count
        for index in 0..<8 { append(chunk, to: scratch.file("\(index).log")) }
        usleep(2_000_000)
        swtop.interrupt()
        let printed = swtop.collected.count - before
        #expect(printed < 4 << 20, "printed \(printed) bytes of 16 MiB written")
        #expect(
            swtop.lines.contains { $0.hasSuffix(" bytes skipped") && $0.contains("] … ") },
            "swtop printed: \(swtop.text.suffix(3000))")
    }
}

extension WatchOutputAbuseTests {
    @Test func theReaderOfItsOwnPipeIsNotFollowed() throws {
        let binary = try #require(SwtopBinary.path)
        let scratch = try ScratchDirectory()
        let fifo = scratch.file("out")
        let log = scratch.file("watch.log")
        let jobLog = scratch.file("job.log")
        try #require(mkfifo(fifo, 0o600) == 0)
        // `swtop --watch-output > fifo` and `cat < fifo >> watch.log`, in two process
        // groups: only the pipe ties them.
        let cat = try Spawn.start("/bin/sh", ["sh", "-c", "exec cat < '\(fifo)' >> '\(log)'"], newProcessGroup: true)
        defer { Spawn.kill(cat) }
        let swtop = try Spawn.start(
            "/bin/sh", ["sh", "-c", "exec '\(binary)' --watch-output -d 0.2 > '\(fifo)'"],
            newProcessGroup: true)
        defer { Spawn.kill(swtop) }
        let marker = "marker-\(UUID().uuidString)"
        let job = try Spawn.start(
            "/bin/sh", ["sh", "-c", "exec >> '\(jobLog)'; sleep 1.5; echo \(marker); exec sleep 300"])
        defer { Spawn.kill(job) }
        let seen = Clock.wait(upTo: 10) { ScratchDirectory.count(of: marker, in: log) > 0 }
        #expect(seen, "watch.log holds: \(ScratchDirectory.contents(log).suffix(2000))")
        usleep(2_000_000)
        #expect(
            ScratchDirectory.count(of: marker, in: log) == 1,
            "watch.log holds: \(ScratchDirectory.contents(log).suffix(2000))")
    }

    @Test func itsOwnProcessGroupIsNotFollowed() throws {
        let binary = try #require(SwtopBinary.path)
        let scratch = try ScratchDirectory()
        let out = scratch.file("out")
        let inGroup = "in-group-\(UUID().uuidString)"
        let elsewhere = "elsewhere-\(UUID().uuidString)"
        // A script without job control: what it starts shares swtop's process group.
        let script = try Spawn.start(
            "/bin/sh",
            [
                "sh", "-c",
                "(exec >> '\(scratch.file("group.log"))'; while :; do echo \(inGroup); sleep 0.2; done) & "
                    + "exec '\(binary)' --watch-output -d 0.2 > '\(out)'",
            ], newProcessGroup: true)
        let other = try Spawn.start(
            "/bin/sh",
            [
                "sh", "-c",
                "exec >> '\(scratch.file("other.log"))'; while :; do echo \(elsewhere); sleep 0.2; done",
            ])
        defer { Spawn.kill(other) }
        let seen = Clock.wait(upTo: 10) { ScratchDirectory.count(of: elsewhere, in: out) > 2 }
        _ = kill(-script, SIGKILL)
        Spawn.reap(script)
        #expect(seen, "swtop printed: \(ScratchDirectory.contents(out).suffix(2000))")
        #expect(
            ScratchDirectory.count(of: inGroup, in: out) == 0,
            "swtop printed: \(ScratchDirectory.contents(out).suffix(2000))")
    }

    @Test func aProcessThatBecomesTheUserLaterIsWatched() throws {
        let uid = try unlistedUID()
        let setpriv = try setpriv()
        let scratch = try ScratchDirectory()
        let log = scratch.file("job.log")
        scratch.write("job.log", "")
        let swtop = try StreamingSwtop(["--watch-output", "-u", String(uid), "-d", "0.2"])
        usleep(600_000)
        // Root for a second and a half (several rounds), then the user, as cron or su do.
        // It starts no process after that: a child would be new, and found without a second look.
        let perl = try #require(Spawn.executable("perl"))
        let job = try Spawn.start(
            "/bin/sh",
            [
                "sh", "-c",
                "exec >> '\(log)'; sleep 1.5; exec \(setpriv) --reuid=\(uid) --regid=\(uid) --clear-groups "
                    + "\(perl) -e '$| = 1; for (;;) { print \"now the user\\n\"; select(undef, undef, undef, 0.2) }'",
            ])
        defer { Spawn.kill(job) }
        #expect(
            swtop.waitForLines(upTo: 10) { $0.contains("[\(job) perl] now the user") },
            "swtop printed: \(swtop.text.suffix(2000))")
        swtop.interrupt()
    }

    @Test func tabsStayACRLFEndingLosesItsCRAndBackslashesAreDoubledForAProgram() throws {
        let scratch = try ScratchDirectory()
        let log = scratch.file("job.log")
        scratch.write("job.log", "")
        let swtop = try StreamingSwtop(["--watch-output", "-d", "0.2"])
        let job = try Spawn.start(
            "/bin/sh",
            [
                "sh", "-c",
                "exec >> '\(log)'; sleep 1; printf 'col1\\tcol2 C:\\\\dir \\\\e\\033[2J\\r\\n'; exec sleep 300",
            ])
        defer { Spawn.kill(job) }
        let expected = "[\(job) sh] col1\tcol2 C:\\\\dir \\\\e\\e[2J"
        #expect(
            swtop.waitForLines(upTo: 10) { $0.contains { $0.hasPrefix("[\(job) sh] ") } },
            "swtop printed: \(swtop.text.suffix(2000))")
        swtop.interrupt()
        #expect(swtop.lines.first { $0.hasPrefix("[\(job) sh] ") } == expected)
    }
}

extension ScratchDirectory {
    static func contents(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Lines of the file at `path` that contain `text`.
    static func count(of text: String, in path: String) -> Int {
        contents(path).split(separator: "\n").filter { $0.contains(text) }.count
    }
}
