import Glibc
import Testing

@testable import SwtopCore

/// On Linux a nice value belongs to a thread: renicing a process moves every one of
/// its threads, each from its own value.
@Suite(.serialized) struct ThreadReniceTests {
    static let python = "/usr/bin/python3"
    let controller = ProcessController(procFS: ProcFS())

    /// A child python with `extra` sleeping threads besides its main one, once they all run.
    private func spawnThreaded(extra: Int) throws -> (pid: pid_t, target: ProcessTarget) {
        let code =
            "import threading, time\nfor _ in range(\(extra)): threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\ntime.sleep(60)"
        let words = ["python3", "-c", code]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid: pid_t = 0
        try #require(posix_spawn(&pid, Self.python, nil, nil, arguments, environ) == 0)
        var threads: [Int32] = []
        for _ in 0..<1000 where threads.count < extra + 1 {
            usleep(10_000)
            threads = Self.threads(of: pid)
        }
        try #require(threads.count == extra + 1, "python did not start its threads")
        let stat = try #require(Self.stat("/proc/\(pid)/stat"))
        return (pid, ProcessTarget(pid: pid, startTicks: stat.startTicks, name: "python3", user: "root"))
    }

    private static func stat(_ path: String) -> ProcessStat? {
        ProcFileReader().withContents(ofPath: path, singleLine: true) { ProcessStatParser.parse($0) } ?? nil
    }

    static func threads(of pid: pid_t) -> [Int32] {
        guard let directory = opendir("/proc/\(pid)/task") else { return [] }
        defer { closedir(directory) }
        var found: [Int32] = []
        while let entry = readdir(directory) {
            if let id = ProcessScanner.pid(fromDirectoryName: ProcessScanner.name(of: entry)) { found.append(id) }
        }
        return found.sorted()
    }

    /// Each thread's nice value, read from /proc/PID/task/TID/stat.
    private func niceValues(_ pid: pid_t) -> [Int32: Int32] {
        var values: [Int32: Int32] = [:]
        for thread in Self.threads(of: pid) { values[thread] = Self.stat("/proc/\(pid)/task/\(thread)/stat")?.nice }
        return values
    }

    private func end(_ pid: pid_t) {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    @Test func everyThreadMovesFromItsOwnValue() throws {
        try #require(access(Self.python, X_OK) == 0, "no \(Self.python)")
        let (pid, target) = try spawnThreaded(extra: 3)
        defer { end(pid) }
        // One thread set apart by its program: it stays apart.
        let apart = try #require(Self.threads(of: pid).first { $0 != pid })
        try #require(setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(apart), 10) == 0)

        #expect(controller.renice(target, by: 3) == .done)
        var expected = Dictionary(uniqueKeysWithValues: Self.threads(of: pid).map { ($0, Int32(3)) })
        expected[apart] = 13
        #expect(niceValues(pid) == expected)
        #expect(controller.renice(target, by: 100) == .done)
        #expect(Set(niceValues(pid).values) == [19])
        #expect(controller.renice(target, by: -5) == .done) // root may lower it
        #expect(Set(niceValues(pid).values) == [14])
    }

    @Test func anImpostorsThreadsAreNotTouched() throws {
        try #require(access(Self.python, X_OK) == 0, "no \(Self.python)")
        let (pid, target) = try spawnThreaded(extra: 2)
        defer { end(pid) }
        let impostor = ProcessTarget(pid: pid, startTicks: target.startTicks + 1, name: "python3", user: "root")
        #expect(controller.renice(impostor, by: 5) == .replaced)
        #expect(Set(niceValues(pid).values) == [0])
    }
}
