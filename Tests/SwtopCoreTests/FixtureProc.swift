import Foundation

@testable import SwtopCore

/// A directory laid out like /proc, written by a test. Page size and clock rate
/// are pinned so results do not depend on the machine.
final class FixtureProc {
    let root: URL
    var procFS: ProcFS { ProcFS(root: root.path, clockTicksPerSecond: 100, pageSize: 4096) }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("swtop-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try setSystem(cpuTicks: [100, 0, 100, 800], perCPU: [[50, 0, 50, 400], [50, 0, 50, 400]])
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Gives the files of a process directory to another owner, as setuid(2) does to
    /// a live process's /proc files (needs root, as the end-to-end tests do).
    func chownProcess(pid: Int32, to uid: UInt32) throws {
        let directory = root.appendingPathComponent("\(pid)")
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) + [""] {
            let path = name.isEmpty ? directory.path : directory.appendingPathComponent(name).path
            guard chown(path, uid, UInt32.max) == 0 else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
    }

    func remove(_ path: String) {
        try? FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    func setSystem(cpuTicks: [UInt64], perCPU: [[UInt64]], memTotalKiB: UInt64 = 1_000_000) throws {
        var stat = "cpu  " + cpuTicks.map(String.init).joined(separator: " ") + "\n"
        for (id, ticks) in perCPU.enumerated() {
            stat += "cpu\(id) " + ticks.map(String.init).joined(separator: " ") + "\n"
        }
        stat += "intr 1 2\nctxt 3\nbtime 1700000000\nprocesses 9\nprocs_running 2\nprocs_blocked 0\n"
        try write("stat", stat)
        try write(
            "meminfo",
            "MemTotal: \(memTotalKiB) kB\nMemFree: 500000 kB\nMemAvailable: 700000 kB\n"
                + "Buffers: 10000 kB\nCached: 100000 kB\nSReclaimable: 5000 kB\nShmem: 1000 kB\n"
                + "SwapTotal: 0 kB\nSwapFree: 0 kB\nSwapCached: 0 kB\n")
        try write("loadavg", "0.50 0.25 0.10 1/50 1234\n")
        try write("uptime", "1000.50 1800.00\n")
    }

    /// Writes a process directory; `cmdline` nil leaves the file empty (kernel threads, zombies).
    func addProcess(
        pid: Int32, comm: String = "proc", state: Character = "S", ppid: Int32 = 1,
        flags: UInt64 = 0x400000, utime: UInt64 = 0, stime: UInt64 = 0, start: UInt64 = 100,
        rss: UInt64 = 100, threads: Int = 1, cmdline: [UInt8]? = nil, uid: UInt32 = 0
    ) throws {
        try write(
            "\(pid)/stat",
            statLine(
                pid: pid, comm: comm, state: state, ppid: ppid, flags: flags,
                utime: utime, stime: stime, threads: threads, start: start, rss: rss))
        try write("\(pid)/statm", "2000 \(rss) 30 1 0 100 0\n")
        try write("\(pid)/status", "Name:\t\(comm)\nUid:\t\(uid)\t\(uid)\t\(uid)\t\(uid)\n")
        try write("\(pid)/cmdline", bytes: cmdline ?? [])
    }
}
