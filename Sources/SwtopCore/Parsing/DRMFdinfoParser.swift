/// One DRM client as a `/proc/PID/fdinfo/FD` of an open GPU device describes it
/// (the kernel's DRM usage-stats format, the same for every vendor).
public struct DRMClient: Sendable, Equatable {
    /// `drm-client-id`: unique per open device file. Several descriptors (dup, fork,
    /// SCM_RIGHTS) can share one client: count it once.
    public var clientID: UInt64
    /// `drm-pdev` (PCI address), the device: empty when the driver does not say.
    public var device: String
    /// Busy nanoseconds per engine (`drm-engine-render: 123 ns`), divided by its
    /// `drm-engine-capacity-*` (engines of that class) when given.
    public var engineNanoseconds: [String: UInt64]
    public var engineCapacity: [String: UInt64]
    /// Sum of `drm-memory-*` regions in bytes; nil when the driver gives none.
    public var memoryBytes: UInt64?

    public init(
        clientID: UInt64, device: String, engineNanoseconds: [String: UInt64], engineCapacity: [String: UInt64] = [:],
        memoryBytes: UInt64?
    ) {
        self.clientID = clientID
        self.device = device
        self.engineNanoseconds = engineNanoseconds
        self.engineCapacity = engineCapacity
        self.memoryBytes = memoryBytes
    }

    /// Busy time summed over engines, each engine class counted as one (its time over
    /// its capacity), so 100% means every engine class busy all the time.
    public var busyNanoseconds: UInt64 {
        engineNanoseconds.reduce(0) { sum, engine in
            sum &+ engine.value / max(1, engineCapacity[engine.key] ?? 1)
        }
    }
}

/// `/proc/PID/fdinfo/FD` of a DRM device: `drm-client-id:\t7`, `drm-pdev:\t0000:00:02.0`,
/// `drm-engine-render:\t123456789 ns`, `drm-memory-vram:\t1024 KiB`. nil for any
/// other descriptor (no `drm-client-id`).
public enum DRMFdinfoParser {
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> DRMClient? {
        var cursor = ByteCursor(bytes)
        var clientID: UInt64?
        var device = ""
        var engines: [String: UInt64] = [:]
        var capacity: [String: UInt64] = [:]
        var memory: UInt64?
        repeat {
            var line = cursor.restOfLine()
            if line.consume("drm-client-id:") {
                clientID = line.unsigned()
            } else if line.consume("drm-pdev:") {
                device =
                    line.word().map { String(decoding: UnsafeBufferPointer(rebasing: line.bytes[$0]), as: UTF8.self) }
                    ?? ""
            } else if line.consume("drm-engine-capacity-") {
                if let (name, value) = keyAndNumber(&line) { capacity[name] = value }
            } else if line.consume("drm-engine-") {
                if let (name, value) = keyAndNumber(&line) { engines[name] = value }
            } else if line.consume("drm-memory-") {
                if let (_, value) = keyAndNumber(&line), let bytes = scaled(value, unit: &line) {
                    let (sum, overflow) = (memory ?? 0).addingReportingOverflow(bytes)
                    if !overflow { memory = sum }
                }
            }
        } while cursor.nextLine()
        guard let clientID else { return nil }
        return DRMClient(
            clientID: clientID, device: device, engineNanoseconds: engines, engineCapacity: capacity,
            memoryBytes: memory)
    }

    /// `NAME:  NUMBER`, the cursor left after the number.
    private static func keyAndNumber(_ line: inout ByteCursor) -> (String, UInt64)? {
        let start = line.index
        while !line.isAtEnd, line.bytes[line.index] != UInt8(ascii: ":") { line.index += 1 }
        guard !line.isAtEnd, line.index > start else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: line.bytes[start..<line.index]), as: UTF8.self)
        line.index += 1
        return line.unsigned().map { (name, $0) }
    }

    /// A memory value's unit: none (bytes), `KiB` or `MiB`.
    private static func scaled(_ value: UInt64, unit line: inout ByteCursor) -> UInt64? {
        line.skipBlanks()
        let factor: UInt64 = line.consume("KiB") ? 1 << 10 : line.consume("MiB") ? 1 << 20 : 1
        let (bytes, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? nil : bytes
    }
}

/// A process's GPU use from its DRM clients, each counted once however many
/// descriptors share it.
public enum DRMUsage {
    /// Busy nanoseconds and memory summed over distinct clients (device, client id).
    public static func summed(_ clients: [DRMClient]) -> (busyNanoseconds: UInt64, memoryBytes: UInt64?) {
        var seen: Set<String> = []
        var busy: UInt64 = 0
        var memory: UInt64?
        for client in clients where seen.insert(client.device + "#" + String(client.clientID)).inserted {
            busy &+= client.busyNanoseconds
            if let bytes = client.memoryBytes { memory = (memory ?? 0) &+ bytes }
        }
        return (busy, memory)
    }

    /// GPU% over an interval: busy nanoseconds gained over the interval's; nil
    /// without an interval or when the counter stepped back (a client closed).
    public static func percent(before: UInt64, after: UInt64, seconds: Double) -> Double? {
        guard seconds > 0, after >= before else { return nil }
        return Double(after - before) / (seconds * 1e9) * 100
    }
}
