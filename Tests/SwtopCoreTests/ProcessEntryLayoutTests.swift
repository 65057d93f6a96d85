import Testing

@testable import SwtopCore

@Suite struct ProcessEntryLayoutTests {
    /// A snapshot holds one entry per process and several snapshots are alive at
    /// once, so every byte here is paid thousands of times over in peak RSS.
    @Test func anEntryStaysSmall() {
        #expect(MemoryLayout<ProcessEntry>.stride <= 144)
    }

    @Test func ioNumbersAreKeptApartFromTheCopiesThatShareThem() {
        var entry = ProcessEntry(pid: 1, ppid: 0, startTicks: 1, details: ProcessDetails(comm: "a", commandLine: []))
        #expect(entry.ioCounters == nil)
        let counters = IOCounters(
            readCharacters: 1, writtenCharacters: 2, readBytes: 3, writtenBytes: 4, cancelledWriteBytes: 5)
        entry.ioCounters = counters
        let copy = entry
        entry.ioRates = IORates(readPerSecond: 10, writePerSecond: 20)
        #expect(copy.ioRates == nil)
        #expect(copy.ioCounters == counters)
        #expect(entry.ioCounters == counters)
        #expect(entry.ioRates == IORates(readPerSecond: 10, writePerSecond: 20))
        entry.ioCounters = nil
        entry.ioRates = nil
        #expect(entry.ioCounters == nil && entry.ioRates == nil)
        #expect(copy.ioCounters == counters)
    }
}
