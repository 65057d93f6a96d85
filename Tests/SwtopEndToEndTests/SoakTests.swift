import Glibc
import Testing

/// swtop sampling every 0.1 s while processes start and exit hundreds of times a
/// second. The default run is short (300 samples, a 10 s interactive session);
/// `scripts/soak` runs 10,000 samples and 60 s through the same tests by setting
/// SWTOP_SOAK_SAMPLES and SWTOP_SOAK_SECONDS.
@Suite(.serialized) struct SoakTests {
    static let samples = SoakSize.value("SWTOP_SOAK_SAMPLES", default: 300)
    static let interactiveSeconds = SoakSize.value("SWTOP_SOAK_SECONDS", default: 10)
    /// Samples before the resident size counts as settled (a tenth of the run, at
    /// least 10 s): the caches of user names have filled, the allocator has its
    /// pools, the output buffers have met the largest frame of the usual churn.
    static let warmUpSamples = max(100, samples / 10)
    static let allowedGrowthBytes: Int64 = 1 << 20

    @Test func everyFrameIsSaneAndMemoryStaysFlatUnderChurn() throws {
        try CPUQuietLock.withLock { try soakJSON() }
    }

    private func soakJSON() throws {
        let churn = try Churn.start()
        defer { churn.stop() }
        let stream = try SwtopStream(["--json", "-d", "0.1", "-n", String(Self.samples)])
        var check = FrameChecks(onlineCPUs: ProcReader.onlineCPUs)
        var frames = 0
        var residentAtWarmUp: Int64?
        var largestGrowth: Int64 = 0
        while let line = stream.nextLine(timeout: 30) {
            frames += 1
            let frame = try JSON.parse(line)
            check.inspect(frame)
            // Read right after the frame: swtop is between samples, not mid-way through one.
            if let resident = Self.residentBytes(of: stream.pid) {
                if frames == Self.warmUpSamples { residentAtWarmUp = resident }
                if let residentAtWarmUp { largestGrowth = max(largestGrowth, resident - residentAtWarmUp) }
            }
        }
        let rate = churn.forksPerSecond()
        let status = stream.finish()
        print(
            "soak: \(frames) frames at 0.1 s, \(Int(rate)) processes created per second, "
                + "resident size grew by at most \(largestGrowth / 1024) KiB after \(Self.warmUpSamples) samples")

        #expect(status == .exited(0), "swtop: \(status.map(\.description) ?? "did not exit")")
        #expect(stream.standardError.isEmpty, "stderr: \(String(decoding: stream.standardError, as: UTF8.self))")
        #expect(frames == Self.samples)
        #expect(check.problems.isEmpty, "\(check.problems.count) problems, first: \(check.problems.prefix(10))")
        #expect(check.checkedCPUPercentages > frames, "the range checks saw CPU percentages")
        #expect(residentAtWarmUp != nil, "swtop's resident size was read")
        #expect(largestGrowth < Self.allowedGrowthBytes, "resident size grew by \(largestGrowth) bytes after warm-up")
        #expect(churn.isRunning, "the churn shell died early")
        #expect(rate >= 100, "only \(Int(rate)) processes a second were created")
    }

    @Test func interactiveViewAnswersKeysUnderChurn() throws {
        try CPUQuietLock.withLock { try soakInteractive() }
    }

    private func soakInteractive() throws {
        let swtop = try #require(SwtopBinary.path)
        let churn = try Churn.start()
        defer { churn.stop() }
        let session = try TmuxSession("\(swtop) -d 0.1", recordsExit: true)
        let (ready, first) = session.waitForScreen { Self.visiblePIDs($0).count >= 5 }
        try #require(ready, "no view: \(first.joined(separator: "\n"))")
        // Sorted by PID with the first row selected: each N then flips the order,
        // and the whole table must come back in the new order.
        session.press("N")
        session.press("Home")
        var ascending = true
        let (sorted, screen) = session.waitForScreen { Self.order(of: $0) == true }
        try #require(sorted, "\(screen.joined(separator: "\n"))")

        let end = Clock.now() + Double(Self.interactiveSeconds)
        var presses = 0
        var slowest = 0.0
        while Clock.now() < end {
            ascending.toggle()
            let wanted = ascending
            let sent = Clock.now()
            session.press("N")
            let (answered, screen) = session.waitForScreen(seconds: 5) { Self.order(of: $0) == wanted }
            slowest = max(slowest, Clock.now() - sent)
            presses += 1
            try #require(answered, "press \(presses) not answered in 5 s:\n\(screen.joined(separator: "\n"))")
            usleep(200_000)
        }
        print(
            "soak: \(presses) key presses in \(Self.interactiveSeconds) s under churn (\(Int(churn.forksPerSecond())) processes/s), "
                + "slowest answer \(Int(slowest * 1000)) ms")
        session.press("q")
        #expect(session.exitStatus() == "0", "q did not end swtop with status 0")
        #expect(churn.isRunning, "the churn shell died early")
    }

    static func visiblePIDs(_ screen: [String]) -> [Int] {
        guard let header = screen.firstIndex(where: { $0.contains("PID USER") }) else { return [] }
        return screen[(header + 1)...].compactMap { Int($0.split(separator: " ").first ?? "") }
    }

    /// True when the visible PIDs strictly ascend, false when they strictly descend.
    static func order(of screen: [String]) -> Bool? {
        let pids = visiblePIDs(screen)
        guard pids.count >= 5 else { return nil }
        let pairs = zip(pids, pids.dropFirst())
        if pairs.allSatisfy({ $0 < $1 }) { return true }
        if pairs.allSatisfy({ $0 > $1 }) { return false }
        return nil
    }

    /// VmRSS of `pid`, in bytes.
    static func residentBytes(of pid: pid_t) -> Int64? {
        guard
            let line = ProcReader.text("/proc/\(pid)/status")?.split(separator: "\n").first(where: {
                $0.hasPrefix("VmRSS:")
            }),
            let kilobytes = line.dropFirst("VmRSS:".count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first
                .flatMap({ Int64($0) })
        else { return nil }
        return kilobytes * 1024
    }
}

/// The checks every JSON frame of a long run must pass, with what the frame before
/// it allows: counts never negative, percentages in range, no process listed twice,
/// generations and times moving forward, a process's CPU time never running back.
struct FrameChecks {
    let onlineCPUs: Int
    private(set) var problems: [String] = []
    private(set) var checkedCPUPercentages = 0
    private var lastGeneration: Int64 = 0
    private var lastTimestamp = 0.0
    /// pid → (start ticks, CPU seconds) in the frame before.
    private var earlier: [Int64: (Int64, Double)] = [:]

    init(onlineCPUs: Int) { self.onlineCPUs = onlineCPUs }

    mutating func inspect(_ frame: JSON) {
        let generation = frame["generation"]?.integer ?? -1
        let at = "#\(generation)"
        if generation <= lastGeneration { problems.append("\(at) after generation \(lastGeneration)") }
        lastGeneration = generation
        let timestamp = frame["timestamp"]?.double ?? 0
        if timestamp <= lastTimestamp { problems.append("\(at): timestamp \(timestamp) after \(lastTimestamp)") }
        lastTimestamp = timestamp
        if frame["online_cpus"]?.integer != Int64(onlineCPUs) {
            problems.append("\(at): online_cpus \(frame["online_cpus"].map(\.description) ?? "missing")")
        }

        for cpu in [frame["cpu"] ?? .null] + (frame["cpus"]?.array ?? []) {
            for (key, value) in cpu.object ?? [:] where key.hasSuffix("_percent") && !value.isNull {
                let percent = value.double ?? -1
                if !(0...100).contains(percent) { problems.append("\(at): cpu \(key) \(percent)") }
            }
        }
        for section in ["memory", "swap", "tasks"] {
            for (key, value) in frame[section]?.object ?? [:] {
                if let number = value.integer, number < 0 { problems.append("\(at): \(section).\(key) = \(number)") }
            }
        }
        let total = frame["memory"]?["total_bytes"]?.integer ?? 0
        for key in ["used_bytes", "free_bytes", "available_bytes"] where (frame["memory"]?[key]?.integer ?? 0) > total {
            problems.append("\(at): memory.\(key) above total")
        }

        let processes = frame["processes"]?.array ?? []
        if frame["tasks"]?["total"]?.integer != Int64(processes.count) {
            problems.append(
                "\(at): tasks.total \(frame["tasks"]?["total"].map(\.description) ?? "-") for \(processes.count) rows")
        }
        var seen: [Int64: (Int64, Double)] = [:]
        seen.reserveCapacity(processes.count)
        for process in processes {
            let pid = process["pid"]?.integer ?? -1
            if pid <= 0 { problems.append("\(at): pid \(pid)") }
            for key in ["ppid", "threads", "virt_bytes", "res_bytes", "start_ticks"]
            where (process[key]?.integer ?? -1) < 0 {
                problems.append("\(at): PID \(pid) \(key) \(process[key].map(\.description) ?? "missing")")
            }
            if let cpu = process["cpu_percent"]?.double {
                checkedCPUPercentages += 1
                if !(0...Double(onlineCPUs * 100)).contains(cpu) { problems.append("\(at): PID \(pid) CPU% \(cpu)") }
            }
            let memory = process["mem_percent"]?.double ?? -1
            if !(0...100).contains(memory) { problems.append("\(at): PID \(pid) MEM% \(memory)") }
            let start = process["start_ticks"]?.integer ?? -1
            let cpuTime = process["cpu_time_seconds"]?.double ?? -1
            if cpuTime < 0 { problems.append("\(at): PID \(pid) CPU time \(cpuTime)") }
            if let before = earlier[pid], before.0 == start, cpuTime < before.1 {
                problems.append("\(at): PID \(pid) CPU time ran back from \(before.1) to \(cpuTime)")
            }
            if seen.updateValue((start, cpuTime), forKey: pid) != nil {
                problems.append("\(at): PID \(pid) listed twice")
            }
        }
        earlier = seen
    }
}
