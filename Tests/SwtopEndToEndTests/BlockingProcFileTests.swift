import Foundation
import Glibc
import Testing

/// A file of the proc tree that would block a reader (a FIFO where `cmdline`
/// should be) must not freeze the view nor keep `q` from ending swtop.
@Suite struct BlockingProcFileTests {
    /// The fixture tree with process 42's cmdline and status replaced by FIFOs that
    /// nobody writes: opened without O_NONBLOCK, each open would wait for a writer.
    static func writeFixtureWithFIFOs() throws -> String {
        let root = try ProcRootFixtureTests.writeFixture()
        for name in ["cmdline", "status"] {
            let path = root + "/42/" + name
            try FileManager.default.removeItem(atPath: path)
            try #require(mkfifo(path, 0o600) == 0)
        }
        return root
    }

    @Test func theViewShowsTheProcessAndQuitsPromptly() throws {
        let root = try Self.writeFixtureWithFIFOs()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let swtop = try #require(SwtopBinary.path)
        let session = try TmuxSession("'\(swtop)' --proc-root '\(root)' -d 0.2 -s pid", recordsExit: true)
        let (shown, screen) = session.waitForScreen(seconds: 10) { lines in
            lines.contains { $0.split(separator: " ").first == "42" } && lines.contains { $0.contains("Tasks:") }
        }
        #expect(shown, "\(screen.joined(separator: "\n"))")
        session.press("q")
        #expect(session.exitStatus(within: 2.5) == "0", "q did not end swtop within 2.5 s")
    }

    @Test func batchOutputIsNotHeldUp() throws {
        let root = try Self.writeFixtureWithFIFOs()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = try SwtopRun.run(["--batch", "-n", "2", "-d", "0.1", "--proc-root", root], timeout: 10)
        run.expectSuccess()
        #expect(run.outputLines.contains { $0.split(separator: " ").first == "42" }, "\(run.output)")
    }
}
