import Foundation
import Testing

/// `--group` against a /proc tree written by the test: apache2 workers, plain and
/// `(wsgi:shop)` daemons in a docker container, whose statm values give a known
/// minimum, mean, median and maximum (an odd and an even count).
@Suite struct GroupFixtureTests {
    typealias Process = ProcRootFixtureTests.FixtureProcess

    static let containerID = String(repeating: "3f2a9c1b0d4e", count: 5) + "abcd"
    /// Resident pages: five plain workers (median 300, mean 400), four WSGI daemons (median 2500, mean 3000).
    static let plainPages = [100, 900, 300, 200, 500]
    static let wsgiPages = [6000, 1000, 3000, 2000]

    static func worker(_ pid: Int, pages: Int, title: String?) -> Process {
        Process(
            pid: pid, comm: "apache2", state: "S", ppid: 1, utime: 10, stime: 5, priority: 20, nice: 0, threads: 2,
            startTicks: 500 + pid, virtualBytes: 200_000_000, residentPages: pages, sharedPages: 50,
            uid: 33, commandLine: [title ?? "/usr/sbin/apache2", "-k", "start"], executable: "/usr/sbin/apache2")
    }

    /// The fixture of `ProcRootFixtureTests` plus the workers and every process's cgroup file.
    static func writeFixture() throws -> String {
        let root = try ProcRootFixtureTests.writeFixture()
        let workers =
            plainPages.enumerated().map { worker(100 + $0.offset, pages: $0.element, title: nil) }
            + wsgiPages.enumerated().map { worker(200 + $0.offset, pages: $0.element, title: "(wsgi:shop)") }
        let manager = FileManager.default
        for process in workers {
            let directory = root + "/\(process.pid)"
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try process.statLine.write(toFile: directory + "/stat", atomically: false, encoding: .utf8)
            try
                "\(process.virtualBytes / Int(ProcReader.pageSize)) \(process.residentPages) \(process.sharedPages) 10 0 200 0\n"
                .write(toFile: directory + "/statm", atomically: false, encoding: .utf8)
            try "Name:\tapache2\nUid:\t33\t33\t33\t33\nGid:\t33\t33\t33\t33\nThreads:\t2\n"
                .write(toFile: directory + "/status", atomically: false, encoding: .utf8)
            try process.commandLine.map { $0 + "\0" }.joined().write(
                toFile: directory + "/cmdline", atomically: false, encoding: .utf8)
            try "apache2\n".write(toFile: directory + "/comm", atomically: false, encoding: .utf8)
            try manager.createSymbolicLink(atPath: directory + "/exe", withDestinationPath: process.executable)
            let cgroup =
                process.pid >= 200 ? "/system.slice/docker-\(containerID).scope" : "/system.slice/apache2.service"
            try "0::\(cgroup)\n".write(toFile: directory + "/cgroup", atomically: false, encoding: .utf8)
        }
        for pid in [1, 42] {
            try "0::/init.scope\n".write(toFile: root + "/\(pid)/cgroup", atomically: false, encoding: .utf8)
        }
        return root
    }

    /// min, mean, median, max of `pages` in bytes, as the test computes them.
    static func statistics(_ pages: [Int]) -> (min: Int64, mean: Double, median: Double, max: Int64) {
        let bytes = pages.map { Int64($0) * Int64(ProcReader.pageSize) }.sorted()
        let middle = bytes.count / 2
        let median = bytes.count % 2 == 1 ? Double(bytes[middle]) : Double(bytes[middle - 1] + bytes[middle]) / 2
        return (bytes[0], Double(bytes.reduce(0, +)) / Double(bytes.count), median, bytes[bytes.count - 1])
    }

    @Test func jsonGroupsByProgramWithTheDistribution() throws {
        let root = try Self.writeFixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = try SwtopRun.run(["--json", "-n", "1", "-d", "0.1", "--proc-root", root, "--group", "program"])
        run.expectSuccess()
        let frame = try #require(Frames.parse(run).first)
        #expect(frame["group_by"]?.string == "program")
        let groups = try #require(frame["groups"]?.array)
        let byKey = Dictionary(
            uniqueKeysWithValues: groups.compactMap { group in group["key"]?.string.map { ($0, group) } })
        #expect(Set(byKey.keys) == ["apache2", "apache2 (wsgi:shop)", "init", "worker"])
        for (key, pages, firstPID) in [("apache2", Self.plainPages, 100), ("apache2 (wsgi:shop)", Self.wsgiPages, 200)]
        {
            let group = try #require(byKey[key])
            let expected = Self.statistics(pages)
            #expect(group["count"]?.integer == Int64(pages.count), "\(key)")
            #expect(
                group["pids"] == .array(pages.indices.map { .number(Double(firstPID + $0), isInteger: true) }), "\(key)"
            )
            #expect(group["res_bytes"]?.integer == Int64(pages.reduce(0, +)) * Int64(ProcReader.pageSize), "\(key)")
            let stats = try #require(group["res_stats"])
            #expect(stats["min"]?.integer == expected.min, "\(key)")
            #expect(stats["max"]?.integer == expected.max, "\(key)")
            let mean = try #require(stats["mean"]?.double)
            let median = try #require(stats["median"]?.double)
            #expect(mean == expected.mean, "\(key)")
            #expect(median == expected.median, "\(key)")
            #expect(group["threads"]?.integer == Int64(2 * pages.count), "\(key)")
        }
        // Largest RES first.
        #expect(groups.first?["key"]?.string == "apache2 (wsgi:shop)")
    }

    @Test func batchGroupsByContainerAndUnit() throws {
        let root = try Self.writeFixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = try SwtopRun.run(["--batch", "-n", "1", "-d", "0.1", "--proc-root", root, "--group", "container"])
        run.expectSuccess()
        let lines = run.outputLines
        let title = try #require(lines.firstIndex { $0.hasPrefix(" COUNT") })
        #expect(lines[title].hasSuffix(" CONTAINER"))
        let table = lines[title...]
        let docker = try #require(table.first { $0.hasSuffix(" docker:3f2a9c1b0d4e") })
        #expect(docker.split(separator: " ").first == "4")
        let host = try #require(table.first { $0.hasSuffix(" -") })
        #expect(host.split(separator: " ").first == "7") // init, worker and five plain apache2
        let units = try SwtopRun.run(["--batch", "-n", "1", "-d", "0.1", "--proc-root", root, "--group", "unit"])
        units.expectSuccess()
        #expect(
            units.outputLines.contains { $0.hasSuffix(" apache2.service") && $0.split(separator: " ").first == "5" })
        #expect(units.outputLines.contains { $0.hasSuffix(" init.scope") && $0.split(separator: " ").first == "2" })
    }

    /// The groups follow -F and --top, and come out as CSV records and OpenMetrics series.
    @Test func groupsInEveryOutputAfterTheFilterAndTop() throws {
        let root = try Self.writeFixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let base = ["-n", "1", "-d", "0.1", "--proc-root", root, "--group", "program", "-F", "comm=apache2"]
        let json = try SwtopRun.run(["--json", "--top", "1"] + base)
        json.expectSuccess()
        let groups = try #require(Frames.parse(json).first?["groups"]?.array)
        #expect(groups.compactMap { $0["key"]?.string } == ["apache2 (wsgi:shop)"], "the largest RES, alone")

        let csv = try SwtopRun.run(["--csv"] + base)
        csv.expectSuccess()
        let records = csv.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map {
            $0.components(separatedBy: ",")
        }
        try #require(records.count == 3, "\(csv.output)")
        #expect(records[0].prefix(4) == ["timestamp", "group_by", "key", "count"])
        #expect(records[1][2] == "apache2 (wsgi:shop)" && records[1][3] == "4")
        #expect(records[2][2] == "apache2" && records[2][3] == "5")
        let plain = Self.statistics(Self.plainPages)
        let column = { (name: String) in try #require(records[0].firstIndex(of: name)) }
        #expect(records[2][try column("res_min")] == String(plain.min))
        #expect(records[2][try column("res_max")] == String(plain.max))
        #expect(Double(records[2][try column("res_median")]) == plain.median)

        let metrics = try SwtopRun.run(["--openmetrics"] + base)
        metrics.expectSuccess()
        let wsgi = Self.statistics(Self.wsgiPages)
        #expect(metrics.outputLines.contains("swtop_group_processes{kind=\"program\",group=\"apache2\"} 5"))
        #expect(
            metrics.outputLines.contains(
                "swtop_group_resident_max_bytes{kind=\"program\",group=\"apache2 (wsgi:shop)\"} \(wsgi.max)"))
        #expect(!metrics.output.contains("swtop_process_"), "group series instead of process series")
        #expect(!metrics.output.contains("group=\"init\""), "the filter keeps only apache2")
    }

    @Test func anUnknownGroupIsOneLineAndStatus64() throws {
        let run = try SwtopRun.run(["--batch", "-n", "1", "--group", "planet"])
        #expect(run.status == .exited(64))
        #expect(run.errorText == "swtop: unknown group 'planet'; use one of: program, user, container, unit, cgroup\n")
        #expect(run.output.isEmpty)
    }
}
