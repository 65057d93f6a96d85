@testable import SwtopCore

/// Runs a byte parser over a string literal, as the sampler runs it over a file.
func parsing<Result>(_ text: String, _ parser: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    Array(text.utf8).withUnsafeBufferPointer(parser)
}

func parsing<Result>(bytes: [UInt8], _ parser: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    bytes.withUnsafeBufferPointer(parser)
}

/// A stat line with the given fields; the rest are plausible zeros.
func statLine(
    pid: Int32 = 42, comm: String = "bash", state: Character = "S", ppid: Int32 = 1,
    flags: UInt64 = 0x400000, utime: UInt64 = 100, stime: UInt64 = 50,
    priority: Int = 20, nice: Int = 0, threads: Int = 1, start: UInt64 = 5000,
    vsize: UInt64 = 10_000_000, rss: UInt64 = 300, processor: Int = 1
) -> String {
    "\(pid) (\(comm)) \(state) \(ppid) \(pid) \(pid) 34816 \(pid) \(flags) 100 0 0 0 \(utime) \(stime) 0 0 "
        + "\(priority) \(nice) \(threads) 0 \(start) \(vsize) \(rss) 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 \(processor) 0 0 0 0 0\n"
}
