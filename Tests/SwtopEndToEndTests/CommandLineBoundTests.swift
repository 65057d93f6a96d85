import Glibc
import Testing

/// Forked children share their parent's argv pages: 100 children of a shell with a
/// 1.8 MB command line cost their owner almost nothing. swtop keeps 64 KiB of each.
@Suite struct CommandLineBoundTests {
    /// 14 arguments of 128 KiB (the kernel's cap for one): 1.8 MB of command line.
    static let bigArguments: [[UInt8]] = (0..<14).map {
        [UInt8](repeating: UInt8(ascii: "k") + UInt8($0 % 10), count: 131_071)
    }
    static let children = 100

    /// The shell and its 100 subshells (each waits in its own `sleep`), in a group of their own.
    final class Swarm {
        let shell: pid_t

        init() throws {
            // `(sleep; :)` forks a subshell that is not replaced by sleep: it keeps the argv.
            let script =
                "i=0; while [ $i -lt \(CommandLineBoundTests.children) ]; do (sleep 600; :) & i=$((i+1)); done; wait"
            shell = try Spawn.start(
                "/bin/sh", arguments: ["sh", "-c", script, "sh"].map { Array($0.utf8) } + bigArguments,
                newProcessGroup: true)
        }

        deinit {
            _ = kill(-shell, SIGKILL)
            Spawn.reap(shell)
        }
    }

    private static func peakResidentKiB(of pid: pid_t) -> Int? {
        ProcReader.text("/proc/\(pid)/status")?.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
            .flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } }
    }

    private static func bytesWritten(by pid: pid_t) -> Int? {
        ProcReader.text("/proc/\(pid)/io")?.split(separator: "\n").first { $0.hasPrefix("wchar:") }
            .flatMap { $0.split(separator: " ").last.flatMap { Int($0) } }
    }

    @Test func jsonStaysSmallAndSwtopStaysLean() throws {
        let swarm = try Swarm()
        try #require(
            Clock.wait(upTo: 20) { ProcReader.children(of: swarm.shell).count == Self.children },
            "the shell started \(ProcReader.children(of: swarm.shell).count) subshells")

        let run = try SwtopRun.run(["--json", "-n", "1", "-d", "0.3"], timeout: 60)
        run.expectSuccess()
        #expect(run.standardOutput.count < 10_000_000, "one --json frame is \(run.standardOutput.count) bytes")
        let frame = try #require(Frames.parse(run).first)
        let shell = try Frames.require(swarm.shell, in: frame)
        #expect(shell["cmdline_truncated"]?.bool == true)
        // NUL-separated
        let kept = (shell["cmdline"]?.array ?? []).compactMap(\.string).map { $0.utf8.count + 1 }.reduce(0, +) - 1
        #expect(kept == 64 << 10, "\(kept) bytes of the command line kept")

        // The resident size of a running swtop once it has written a few frames of all of them.
        let binary = try #require(SwtopBinary.path)
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer { close(null) }
        let streaming = try Spawn.start(
            binary, arguments: [binary, "--json", "-d", "0.3"].map { Array($0.utf8) },
            standardOutput: null)
        defer { Spawn.kill(streaming) }
        let threeFrames = 3 * run.standardOutput.count
        #expect(
            Clock.wait(upTo: 30) { (Self.bytesWritten(by: streaming) ?? 0) >= threeFrames }, "three frames not written")
        let peak = try #require(Self.peakResidentKiB(of: streaming))
        #expect(peak < 80 << 10, "swtop's peak resident size is \(peak) KiB")
    }
}
