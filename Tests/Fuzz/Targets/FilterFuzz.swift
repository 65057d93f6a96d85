import SwtopCore

@testable import SwtopUI

/// Any text typed at `\` or passed to `-F`: it parses or names a position inside
/// it (or just past its end), never traps, and what parses can be evaluated.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let filter = try FilterExpression(parsing: text)
        precondition(filter.source == text || filter.isEverything)
        let process = ProcessEntry(
            pid: 42, ppid: 1, startTicks: 7, details: ProcessDetails(comm: "fuzz", commandLine: ["/bin/fuzz", text]))
        let cpu = CPUUsage(id: nil, ticks: CPUTicks(), percentages: nil)
        let system = SystemState(
            cpuTotal: cpu, cpus: [], memory: MemoryInfo(), load: LoadAverage(one: 0, five: 0, fifteen: 0),
            uptimeSeconds: 100, bootTime: 0, clockTicksPerSecond: 100)
        _ = filter.matches(process, system: system)
    } catch {
        precondition(
            error.position >= 1 && error.position <= max(text.count, FilterParser.maximumLength) + 1,
            "position \(error.position) outside '\(text)'")
        precondition(!error.message.isEmpty)
    }
    return 0
}
