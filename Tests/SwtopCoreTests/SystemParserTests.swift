import Testing

@testable import SwtopCore

@Suite struct SystemStatParserTests {
    static let modern = """
        cpu  10132153 290696 3084719 46828483 16683 0 25195 175628 1000 20
        cpu0 1393280 32966 572056 13343292 6130 0 17875 0 0 0
        cpu1 1335 7 97 3 2 1 5 8 9 10
        intr 1462898 0 0
        ctxt 115315
        btime 1769000000
        processes 86031
        procs_running 3
        procs_blocked 1

        """

    @Test func readsTotalsPerCPUAndCounters() throws {
        let stat = try #require(parsing(Self.modern, SystemStatParser.parse))
        #expect(
            stat.total
                == CPUTicks(
                    user: 10_132_153, nice: 290696, system: 3_084_719, idle: 46_828_483, iowait: 16683,
                    irq: 0, softirq: 25195, steal: 175628, guest: 1000, guestNice: 20))
        #expect(stat.perCPU.map(\.id) == [0, 1])
        #expect(
            stat.perCPU[1].ticks
                == CPUTicks(
                    user: 1335, nice: 7, system: 97, idle: 3, iowait: 2,
                    irq: 1, softirq: 5, steal: 8, guest: 9, guestNice: 10))
        #expect(stat.bootTime == 1_769_000_000)
        #expect(stat.runningThreads == 3)
        #expect(stat.blockedThreads == 1)
    }

    @Test(arguments: 4...10)
    func cpuLinesWithFourToTenFieldsParse(fields: Int) throws {
        let values = (1...fields).map(String.init).joined(separator: " ")
        let stat = try #require(parsing("cpu  \(values)\ncpu0 \(values)\n", SystemStatParser.parse))
        let all: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map { $0 <= fields ? UInt64($0) : 0 }
        let expected = CPUTicks(
            user: all[0], nice: all[1], system: all[2], idle: all[3], iowait: all[4],
            irq: all[5], softirq: all[6], steal: all[7], guest: all[8], guestNice: all[9])
        #expect(stat.total == expected)
        #expect(stat.perCPU == [NumberedCPUTicks(id: 0, ticks: expected)])
        // Guest time is inside user time already and never counted twice.
        #expect(expected.total == all[0...7].reduce(0, +))
    }

    @Test func aCPULineWithTooFewFieldsIsSkipped() throws {
        let stat = try #require(parsing("cpu  1 2 3 4\ncpu0 1 2 3\ncpu1 1 2 3 4\n", SystemStatParser.parse))
        #expect(stat.perCPU.map(\.id) == [1])
    }

    @Test func withoutATotalLineThereIsNoResult() {
        #expect(parsing("intr 1 2 3\nbtime 5\n", SystemStatParser.parse) == nil)
        #expect(parsing("", SystemStatParser.parse) == nil)
    }
}

@Suite struct MeminfoParserTests {
    static let modern = """
        MemTotal:       16000000 kB
        MemFree:         2000000 kB
        MemAvailable:    9000000 kB
        Buffers:          500000 kB
        Cached:          6000000 kB
        SwapCached:        10000 kB
        Active:          1 kB
        Shmem:            300000 kB
        SReclaimable:     400000 kB
        SUnreclaim:       100000 kB
        SwapTotal:       4000000 kB
        SwapFree:        3000000 kB

        """

    @Test func readsFieldsInBytesAndDerivesUsedCacheAndSwap() throws {
        let info = try #require(parsing(Self.modern, MeminfoParser.parse))
        #expect(info.total == 16_000_000 * 1024)
        // A typed value, not a literal: `UInt64? == literal` makes swift-testing read 9 bytes
        // of an 8-byte literal, which AddressSanitizer stops.
        #expect(info.available == UInt64(9_000_000 * 1024))
        #expect(info.shared == 300_000 * 1024)
        #expect(info.cache == (6_000_000 + 400_000) * 1024)
        // free(1) of procps-ng 4 and psutil: MemTotal − MemAvailable.
        #expect(info.used == (16_000_000 - 9_000_000) * 1024)
        // The meter's parts add up to what is not free; shared memory is part of used.
        let parts = info.composition
        #expect(parts.usedOther + parts.shared == info.used)
        #expect(parts.shared == 300_000 * 1024)
        #expect(parts.usedOther + parts.shared + parts.buffers + parts.cache == info.total - info.free)
        #expect(info.swapUsed == (4_000_000 - 3_000_000) * 1024) // free(1): SwapTotal − SwapFree
        #expect(info.availableOrEstimate == 9_000_000 * 1024)
    }

    @Test func oldKernelsWithoutMemAvailableGetAnEstimate() throws {
        let text = Self.modern.split(separator: "\n").filter { !$0.hasPrefix("MemAvailable") }.joined(separator: "\n")
        let info = try #require(parsing(text, MeminfoParser.parse))
        #expect(info.available == nil)
        #expect(info.availableOrEstimate == (2_000_000 + 500_000 + 6_000_000 + 400_000) * 1024)
        // The classic formula: neither free nor buffers nor cache.
        #expect(info.used == (16_000_000 - 2_000_000 - 500_000 - 6_000_000 - 400_000) * 1024)
    }

    @Test func usedNeverGoesNegative() throws {
        let info = try #require(
            parsing(
                "MemTotal: 100 kB\nMemFree: 90 kB\nCached: 50 kB\nSwapTotal: 0 kB\nSwapFree: 10 kB\n",
                MeminfoParser.parse))
        // No MemAvailable, and free + cache above the total: total − free, as procps did.
        #expect(info.used == 10 * 1024)
        #expect(info.swapUsed == 0)
        var odd = MemoryInfo()
        odd.total = 100
        odd.free = 10
        odd.available = 500 // above the total
        odd.shared = 1_000
        odd.buffers = 1_000
        #expect(odd.used == 0)
        let parts = odd.composition
        #expect(parts.usedOther + parts.shared + parts.buffers + parts.cache == 90)
    }

    @Test func garbageIsRejected() {
        #expect(parsing("MemFree: 1 kB\n", MeminfoParser.parse) == nil)
    }
}

@Suite struct SmallFileParserTests {
    @Test func loadAverageAndUptime() throws {
        let load = try #require(parsing("0.20 1.18 12.05 1/80 11206\n", LoadavgParser.parse))
        #expect(load == LoadAverage(one: 0.20, five: 1.18, fifteen: 12.05, lastPID: 11206))
        #expect(parsing("0.20 1.18 12.05\n", LoadavgParser.parse)?.lastPID == nil)
        #expect(parsing("350735.47 234388.90\n", UptimeParser.parse) == 350_735.47)
        #expect(parsing("x y z", LoadavgParser.parse) == nil)
        #expect(parsing("", UptimeParser.parse) == nil)
    }

    @Test func userIDsFromStatus() throws {
        let status =
            "Name:\tsshd\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t1000\t0\t0\t0\nGid:\t1000\t1000\t1000\t1000\n"
        let ids = { (bytes: UnsafeBufferPointer<UInt8>) in StatusParser.parse(bytes)?.realAndEffectiveUID }
        #expect(parsing(status, ids).map { [$0.real, $0.effective] } == [1000, 0])
        #expect(parsing("Name:\tx\nGid:\t1\t1\t1\t1\n", ids) == nil)
        #expect(parsing("Uid:\t1000\n", ids) == nil)
        // Unwrapped first: `#expect` on a `UInt64?` trips AddressSanitizer (a swift-testing bug).
        let swap = try #require(parsing("VmSwap:\t     12 kB\n", StatusParser.parse)?.swapBytes)
        #expect(swap == 12 * 1024)
    }

    @Test func residentAndSharedFromStatm() {
        let statm = { (bytes: UnsafeBufferPointer<UInt8>) in StatmParser.parse(bytes, pageSize: 4096) }
        #expect(
            parsing("1000 300 120 10 0 200 0\n", statm)
                == ResidentMemory(residentBytes: 300 * 4096, sharedBytes: 120 * 4096))
        #expect(parsing("1000 300", statm) == nil)
        // A page count whose bytes overflow saturates rather than trapping.
        #expect(parsing("1 18446744073709551615 0\n", statm)?.residentBytes == .max)
    }
}
