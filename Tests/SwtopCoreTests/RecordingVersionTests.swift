import Glibc
import Testing

@testable import SwtopCore

/// Recordings of an older format version still replay. `Fixtures/version-1.swtop` was
/// written by the swtop of format version 1 (`--record --batch -n 3` on a /proc tree of
/// two processes), before records held TCP and GPU use.
@Suite struct RecordingVersionTests {
    @Test func aVersion1RecordingReadsWithoutTCPAndGPUUse() throws {
        let bytes = try #require(Self.fixture("version-1.swtop"))
        let reader = try RecordingReader(bytes)
        #expect(reader.version == 1)
        #expect(reader.frames.map(\.kind) == [.full, .delta, .delta])
        var samples: [Snapshot] = []
        reader.forEachSnapshot {
            samples.append($0)
            return true
        }
        #expect(reader.warnings.isEmpty, "\(reader.warnings)")
        try #require(samples.count == 3)
        for sample in samples {
            #expect(sample.processes.map(\.pid) == [1, 42])
            #expect(sample.processes.map(\.details.comm) == ["init", "worker"])
            #expect(sample.processes.last?.details.commandLine == ["worker", "--flag=a b"])
            #expect(sample.processes.allSatisfy { $0.networkRates == nil && $0.gpuUse == nil })
            #expect(sample.system.gpus == nil)
            #expect(sample.system.memory.total == 1_000_000 * 1024)
        }
    }

    /// The bytes of a file under Fixtures, found from this file's path.
    static func fixture(_ name: String) -> [UInt8]? {
        let directory = String(#filePath[..<(#filePath.lastIndex(of: "/") ?? #filePath.startIndex)])
        let fd = open(directory + "/Fixtures/" + name, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { return count == 0 ? bytes : nil }
            bytes += buffer[0..<count]
        }
    }
}
