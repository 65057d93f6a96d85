import Foundation
import Testing

@testable import SwtopCore

/// The inspector and the follower on a real child: a shell that starts a perl
/// script listening on a TCP port with its stdout appended to a log file.
@Suite(.serialized) struct LiveInspectionTests {
    @Test func aChildsParentsLogFileAndListeningSocket() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swtop-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("server.log").path
        let script =
            "use IO::Socket::INET; $| = 1; my $s = IO::Socket::INET->new(Listen => 5, LocalAddr => '127.0.0.1', "
            + "LocalPort => 0) or die; print \"port \", $s->sockport, \"\\n\"; sleep 300;"
        // `wait` keeps the shell as the server's parent.
        let shellPID = try spawn(["/bin/sh", "-c", "exec >> '\(log)'; /usr/bin/perl -e \"$0\" & wait", script])
        defer {
            kill(shellPID, SIGKILL)
            waitpid(shellPID, nil, 0)
        }
        let procFS = ProcFS()
        let inspector = ProcessInspector(procFS: procFS)

        // Wait for the server to be started and to have said its port.
        var server: Int32?
        var port = ""
        for _ in 0..<500 where server == nil || port.isEmpty {
            usleep(10_000)
            if case .inspected(let inspection) = inspector.inspect(pid: shellPID, startTicks: nil) {
                server = inspection.children.value?.first?.pid
            }
            port = contents(of: log).split(separator: " ").last.map { String($0.dropLast()) } ?? ""
        }
        let pid = try #require(server, "the shell never started perl")
        defer { kill(pid, SIGKILL) }
        guard case .inspected(let inspection) = inspector.inspect(pid: pid, startTicks: nil) else {
            Issue.record("perl \(pid) not inspected")
            return
        }
        #expect(inspection.comm == "perl")
        #expect(inspection.ancestors.prefix(2).map(\.pid) == [shellPID, getpid()])
        #expect(inspection.ancestors.first?.comm == "sh")
        #expect(inspection.ancestors.last?.pid == 1)
        #expect(inspection.commandLine.value?.first == "/usr/bin/perl")
        #expect(inspection.workingDirectory == .value(FileManager.default.currentDirectoryPath))
        #expect(inspection.credentials.value?.users.real.id == getuid())

        let descriptors = try #require(inspector.openDescriptors(pid: pid, startTicks: inspection.startTicks).value)
        #expect(descriptors.contains { $0.number == 1 && $0.kind == .file && $0.target == log })
        let listening = SocketEndpoint(family: .tcp, local: "127.0.0.1:\(port)", remote: nil, state: "LISTEN")
        #expect(descriptors.contains { $0.kind == .socket && $0.socket == listening }, "\(descriptors)")

        let follower = OutputFollower(
            procFS: procFS, pid: pid, startTicks: inspection.startTicks, start: .tail(lines: 10))
        #expect(follower.targets[.standardOutput] == .regularFile(path: log))
        #expect(follower.poll() == [.line(.standardOutput, "port \(port)", isCut: false)])
        kill(pid, SIGKILL)
        // Its parent shell reaps it, after which it is gone; until then a zombie.
        var events: [OutputEvent] = []
        for _ in 0..<500 where !follower.hasExited {
            usleep(10_000)
            events += follower.poll()
        }
        #expect(events == [.exited])
        #expect(inspector.inspect(pid: pid, startTicks: inspection.startTicks) == .exited)
    }

    /// A small file's text, read with the C library (Foundation's file reading
    /// leaks a buffer that LeakSanitizer reports).
    private func contents(of path: String) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return "" }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(descriptor, &buffer, buffer.count)
        return String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
    }

    /// posix_spawn with stdin and stderr on /dev/null and no signal blocked; the
    /// caller reaps the child.
    private func spawn(_ arguments: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The test runner's threads may block signals, and a mask is inherited: the
        // shell's `wait` would never hear of its child's end.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        return pid
    }
}
