import Glibc
import Testing

/// The disk, network and pressure parts of `--json` and the `--batch` header, against
/// the kernel's own files read around the run.
@Suite(.serialized) struct MachineMetersTests {
    /// `/proc/pressure/NAME` as "some_avg10" ... "full_avg300" → value.
    private func pressure(_ name: String) -> [String: Double]? {
        guard let text = ProcReader.text("/proc/pressure/" + name) else { return nil }
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard let kind = fields.first else { continue }
            for field in fields.dropFirst() {
                let pair = field.split(separator: "=")
                guard pair.count == 2, pair[0].hasPrefix("avg"), let value = Double(pair[1]) else { continue }
                values["\(kind)_\(pair[0])"] = value
            }
        }
        return values
    }

    @Test func pressureEqualsTheKernelsFilesReadAroundTheSample() throws {
        try #require(ProcReader.text("/proc/pressure/cpu") != nil, "this kernel has PSI")
        let resources = ["cpu", "io", "memory"]
        let before = resources.map(pressure)
        let run = try SwtopRun.run(["--json", "-n", "1", "-d", "0.5"])
        let after = resources.map(pressure)
        run.expectSuccess()
        let frame = try #require(Frames.parse(run).last)
        try FrameSchema.check(frame)
        // The kernel recomputes the averages every two seconds: the sample, taken
        // between the two readings, holds the one or the other.
        for (index, resource) in resources.enumerated() {
            let shown = try #require(frame["pressure"]?[resource]?.object, "pressure.\(resource)")
            let early = try #require(before[index])
            let late = try #require(after[index])
            let matchesOne = [early, late].contains { reading in
                reading.allSatisfy { key, value in shown[key]?.double == value }
            }
            #expect(matchesOne, "\(resource): \(shown) is neither \(early) nor \(late)")
            #expect(early.count == 6, "some and full, three averages each")
        }
    }

    @Test func disksAreTheWholeDisksAndInterfacesAllButLoopback() throws {
        let run = try SwtopRun.run(["--json", "-n", "1", "-d", "0.5"])
        run.expectSuccess()
        let frame = try #require(Frames.parse(run).last)
        // Whole disks: in /sys/block with a device behind them (not loop, zram, dm, md), and in diskstats.
        let diskstats = try #require(ProcReader.text("/proc/diskstats"))
        let listed = diskstats.split(separator: "\n").compactMap {
            $0.split(separator: " ").dropFirst(2).first.map(String.init)
        }
        let whole = listed.filter { access("/sys/block/\($0)/device", F_OK) == 0 }
        let devices = try #require(frame["disks"]?["devices"]?.array)
        #expect(devices.compactMap { $0["name"]?.string } == whole)
        let totalWrite = try #require(frame["disks"]?["write_bytes_per_s"]?.double)
        let summed = devices.compactMap { $0["write_bytes_per_s"]?.double }.reduce(0, +)
        #expect(abs(totalWrite - summed) <= 0.01 * Double(max(1, devices.count)))
        for device in devices {
            let busy = try #require(device["utilization_percent"]?.double)
            #expect((0...100).contains(busy))
        }

        let netDev = try #require(ProcReader.text("/proc/net/dev"))
        let interfaces = netDev.split(separator: "\n").dropFirst(2).compactMap { line in
            line.split(separator: ":").first.map { $0.trimmingCharacters(in: " ") }
        }.filter { $0 != "lo" }
        let shown = try #require(frame["network"]?["interfaces"]?.array)
        #expect(shown.compactMap { $0["name"]?.string } == interfaces)
        #expect(frame["network"]?["rx_bytes_per_s"]?.double != nil)
    }

    @Test func batchHeaderShowsDiskNetworkAndPressure() throws {
        let run = try SwtopRun.run(["--batch", "-n", "1", "-d", "0.5"])
        run.expectSuccess()
        let header = run.outputLines.prefix { !$0.isEmpty }
        #expect(header.contains { $0.hasPrefix("Disk: read ") && $0.contains("/s, write ") })
        #expect(header.contains { $0.hasPrefix("Net:  rx ") })
        #expect(header.contains { $0.hasPrefix("PSI:  some/full avg10% cpu ") })
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
