import Glibc
import Testing

/// `-s io` and the per-process I/O fields of `--json`, against the kernel's
/// `/proc/PID/io` of a `dd` that writes 300 MiB past the page cache.
@Suite(.serialized) struct ProcessIOTests {
    /// write_bytes of `/proc/PID/io`, read by the test.
    private func writtenBytes(_ pid: pid_t) -> Int64? {
        guard let text = ProcReader.text("/proc/\(pid)/io") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("write_bytes:") {
            return Int64(line.dropFirst("write_bytes:".count).drop { $0 == " " })
        }
        return nil
    }

    @Test func ddWritingDirectRanksFirstAndItsRateIsWhatItWrote() throws {
        let directory = try #require(mkdtemp(strdup("/tmp/swtop-io-XXXXXX")).map { String(cString: $0) })
        defer { _ = system("rm -rf '\(directory)'") }
        let swtop = try StreamingSwtop(["--json", "-s", "io", "-d", "0.5"])
        // The first frame (a second sample) before dd starts, so dd is seen from its start.
        #expect(swtop.waitForLines(upTo: 15) { !$0.isEmpty })
        // dsync in 16 KiB blocks: each waits for the disk, so on a fast one (300 MiB in 32 KiB
        // blocks took under a second on one) dd still lasts several refreshes.
        let dd = try Spawn.start(
            "/bin/dd", ["dd", "if=/dev/zero", "of=\(directory)/out", "bs=16k", "count=19200", "oflag=direct,dsync"])
        // --batch, while dd writes: sorted by io, its row comes first.
        let batch = try SwtopRun.run(["--batch", "-s", "io", "-n", "1", "-d", "0.2"])
        let ddStillWriting = ProcReader.stat(dd).map { $0.state != "Z" } ?? false
        batch.expectSuccess()
        let table = batch.outputLines.drop { !$0.hasPrefix("    PID ") }.dropFirst()
        let firstPID = table.first.flatMap { $0.split(separator: " ").first }.map(String.init)
        if ddStillWriting { #expect(firstPID == String(dd), "first rows: \(table.prefix(3).joined(separator: " / "))") }
        _ = swtop.waitForLines(upTo: 60) { _ in ProcReader.stat(dd)?.state == "Z" || ProcReader.stat(dd) == nil }
        // Exited, not yet reaped: its io still reads.
        let finalWritten = try #require(writtenBytes(dd), "dd's /proc/PID/io")
        swtop.interrupt()
        let status = try #require(Spawn.reap(dd, within: 10))
        #expect(status == .exited(0), "dd: \(status)")
        // 300 MiB of data, and the file system's few blocks of metadata charged to it.
        // Frames in which dd has a rate (it was sampled twice): the sampler's own interval.
        var ddFrames: [(frame: JSON, timestamp: Double, rank: Int, generation: Int64)] = []
        for line in swtop.lines {
            guard let frame = try? JSON.parse(line), let timestamp = frame["timestamp"]?.double,
                let generation = frame["generation"]?.integer
            else { continue }
            let processes = Frames.processes(frame)
            if let rank = processes.firstIndex(where: { $0["pid"]?.integer == Int64(dd) }),
                processes[rank]["write_bytes_per_s"]?.double != nil
            {
                ddFrames.append((processes[rank], timestamp, rank, generation))
            }
        }
        #expect(finalWritten >= 300 << 20 && finalWritten < 301 << 20, "dd wrote 300 MiB to storage: \(finalWritten)")

        try #require(ddFrames.count >= 2, "dd was seen writing in at least two frames, got \(ddFrames.count)")
        // While it writes, nothing else on this machine writes to storage faster.
        let busy = ddFrames.filter { ($0.frame["write_bytes_per_s"]?.double ?? 0) > 5_000_000 }
        #expect(!busy.isEmpty)
        // (Most of them: the machine is shared, and another writer may overtake it for a tick.)
        #expect(busy.filter { $0.rank == 0 }.count * 2 >= busy.count, "ranks: \(busy.map(\.rank))")
        // The rates, times the intervals, add up to what the totals grew by (the
        // intervals from the frames' wall-clock timestamps; swtop divides by the
        // monotonic clock's, which differ by each refresh's jitter on a loaded machine,
        // so only the sum is held to a bound).
        // Only over successive samples: a frame the writer skipped (a slow pipe)
        // would stretch the interval past the one its rate is over.
        var integrated = 0.0
        var grown = 0.0
        for (earlier, later) in zip(ddFrames, ddFrames.dropFirst()) {
            let before = try #require(earlier.frame["write_bytes"]?.integer)
            let after = try #require(later.frame["write_bytes"]?.integer)
            #expect(before <= after && after <= finalWritten)
            guard later.generation == earlier.generation + 1 else { continue }
            let rate = try #require(later.frame["write_bytes_per_s"]?.double)
            integrated += rate * (later.timestamp - earlier.timestamp)
            grown += Double(after - before)
        }
        #expect(
            grown > 0 && abs(integrated - grown) <= 0.2 * grown, "rates add up to \(integrated), totals grew \(grown)")
        let read = try #require(ddFrames.last?.frame["read_bytes"]?.integer)
        #expect(read >= 0)
    }
}
