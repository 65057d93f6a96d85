import SwtopCore

/// A column as the filter compares it: by its sort-key name (`cpu`, `res`, `user`
/// and every alias `--sort` accepts), as a number in its own unit or as text.
struct FilterField: Sendable {
    enum Unit: Sendable {
        /// A count or an id: a plain number.
        case plain
        /// Bytes: `100M`, `1.5G`, `4096` (K, M, G, T, P are powers of 1024; a trailing B or iB is allowed).
        case bytes
        /// Seconds: `90`, `90s`, `10m`, `1h`, `2d`.
        case seconds
        /// A percentage: `50` or `50%`.
        case percent
        /// Compared as text (`=` exact, `<` `>` in byte order, `~` a regular expression).
        case text
    }

    let key: SortKey

    var unit: Unit {
        switch key {
        case .pid, .ppid, .uid, .priority, .nice, .threads, .tty, .processor, .pgrp, .session: .plain
        case .virt, .res, .shr, .io, .ioRead, .ioWrite, .ioReadTotal, .ioWriteTotal: .bytes
        case .netReceive, .netSend, .gpuMemory: .bytes
        case .time, .start: .seconds
        case .cpu, .mem, .gpu: .percent
        case .user, .state, .command, .comm, .exe, .cgroup, .container, .unit: .text
        }
    }

    /// The value a number is compared with; nil when the process has none yet.
    func number(of process: ProcessEntry, _ system: SystemState) -> Double? {
        let ticks = Double(max(1, system.clockTicksPerSecond))
        switch key {
        case .pid: return Double(process.pid)
        case .ppid: return Double(process.ppid)
        case .uid: return Double(process.details.effectiveUID)
        case .priority: return Double(process.priority)
        case .nice: return Double(process.nice)
        case .threads: return Double(process.threadCount)
        case .tty: return Double(process.ttyNumber)
        case .processor: return Double(process.processor)
        case .pgrp: return Double(process.processGroup)
        case .session: return Double(process.session)
        case .virt: return Double(process.virtualBytes)
        case .res: return Double(process.residentBytes)
        case .shr: return process.sharedBytes.map(Double.init)
        case .time: return Double(process.cpuTicks) / ticks
        // How long ago it started (`age` is an alias of `start`): `start>1h` is "running for over an hour".
        case .start: return max(0, system.uptimeSeconds - Double(process.startTicks) / ticks)
        case .cpu: return process.cpuPercent
        case .mem:
            guard system.memory.total > 0 else { return 0 }
            return Double(process.residentBytes) / Double(system.memory.total) * 100
        case .io: return process.ioRates.map { $0.readPerSecond + $0.writePerSecond }
        case .ioRead: return process.ioRates.map(\.readPerSecond)
        case .ioWrite: return process.ioRates.map(\.writePerSecond)
        case .ioReadTotal: return process.ioCounters.map { Double($0.readBytes) }
        case .ioWriteTotal: return process.ioCounters.map { Double($0.writtenBytes) }
        case .netReceive: return process.networkRates?.receivePerSecond
        case .netSend: return process.networkRates?.sendPerSecond
        case .gpu: return process.gpuUse?.percent
        case .gpuMemory: return process.gpuUse?.memoryBytes.map(Double.init)
        case .user, .state, .command, .comm, .exe, .cgroup, .container, .unit: return nil
        }
    }

    /// The value text is compared with, unescaped (a pattern sees the real bytes).
    func text(of process: ProcessEntry) -> String {
        switch key {
        case .user: process.details.effectiveUser
        case .state: String(process.stateLetter)
        case .command: CommandText.display(process)
        case .comm: process.details.comm
        case .exe: process.details.executable ?? ""
        case .cgroup: process.details.cgroup?.path ?? ""
        case .container: process.details.cgroup?.container?.shortName ?? ""
        case .unit: process.details.cgroup?.unit ?? ""
        default: String(process.pid) // numeric fields are never compared as text
        }
    }

    /// `100M` → 104857600 for bytes, `1h` → 3600 for seconds; nil when not a number in this unit.
    func parseNumber(_ text: String) -> Double? {
        var digits = Substring(text)
        var scale = 1.0
        switch unit {
        case .bytes:
            if digits.hasSuffix("iB") {
                digits = digits.dropLast(2)
                if digits.last == "B" { return nil }
            } else if digits.hasSuffix("B") || digits.hasSuffix("b") {
                digits = digits.dropLast()
            }
            let powers: [Character: Double] = ["K": 1, "M": 2, "G": 3, "T": 4, "P": 5]
            if let last = digits.last, let power = powers[Character(last.uppercased())] {
                scale = pow1024(power)
                digits = digits.dropLast()
            }
        case .seconds:
            let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
            if let last = digits.last, let seconds = units[last] {
                scale = seconds
                digits = digits.dropLast()
            }
        case .percent:
            if digits.last == "%" { digits = digits.dropLast() }
        case .plain, .text: break
        }
        // Only plain decimals: Double("nan"), "inf" and hex floats are not amounts.
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
            let value = Double(digits), value.isFinite
        else { return nil }
        return value * scale
    }

    private func pow1024(_ power: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(power) { result *= 1024 }
        return result
    }

    /// What a value in this unit looks like, for error messages.
    var example: String {
        switch unit {
        case .plain: "a number"
        case .bytes: "a size such as 4096, 100M or 1.5G"
        case .seconds: "a time such as 90, 10m or 1h"
        case .percent: "a percentage such as 50"
        case .text: "a text"
        }
    }
}
