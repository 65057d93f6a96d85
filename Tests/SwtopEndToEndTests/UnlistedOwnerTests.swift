import Glibc
import Testing

/// A process whose owner has no account (a container's user, a deleted login) is
/// listed under its uid. In the static release build this is the lookup that must not
/// load the system's shared name-service modules: it once crashed swtop there.
@Suite struct UnlistedOwnerTests {
    /// A `sleep 300` running as a uid that has no account, with that uid.
    private func startSleeperWithoutAccount(searching uids: Range<Int>) throws -> (pid: pid_t, uid: Int) {
        let uid = try #require(uids.first { ProcReader.userName(of: UInt32($0)) == nil })
        let setpriv = try #require(Spawn.executable("setpriv"))
        let sleeper = try Spawn.start(
            setpriv,
            [
                "setpriv", "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups",
                "/bin/sleep", "300",
            ])
        _ = Clock.wait(upTo: 5) { ProcReader.comm(sleeper) == "sleep" }
        return (sleeper, uid)
    }

    @Test func processOfAUidWithoutAccountIsListedByNumber() throws {
        let (sleeper, uid) = try startSleeperWithoutAccount(searching: 54_321..<54_400)
        defer { Spawn.kill(sleeper) }

        let run = try SwtopRun.run(["--json", "-n", "1", "--user", String(uid)])
        run.expectSuccess()
        let frame = try #require(Frames.parse(run).first)
        let row = try Frames.require(sleeper, in: frame)
        #expect(row["user"]?.string == String(uid))
        #expect(row["uid"]?.integer == Int64(uid))
    }

    @Test func batchViewListsTheNumberToo() throws {
        let (sleeper, uid) = try startSleeperWithoutAccount(searching: 54_400..<54_500)
        defer { Spawn.kill(sleeper) }

        let run = try SwtopRun.run(["--batch", "-n", "1", "--user", String(uid)])
        run.expectSuccess()
        let line = run.outputLines.first { $0.contains("sleep 300") }
        let fields = try #require(line).split(separator: " ")
        #expect(fields.first.map(String.init) == String(sleeper))
        #expect(fields.dropFirst().first.map(String.init) == String(uid))
    }
}
