import Glibc
import Testing

/// swtop's threads share one malloc arena (AllocatorSettings). A second arena shows
/// in the address space as glibc lays it out: an anonymous mapping whose start is a
/// multiple of 64 MiB, with the rest of those 64 MiB reserved (no access) after it.
@Suite struct AllocatorTests {
    private static let arenaBytes: UInt64 = 64 << 20

    private struct Mapping {
        var start: UInt64
        var end: UInt64
        var permissions: Substring
        var isAnonymous: Bool
    }

    private static func mappings(of pid: pid_t) throws -> [Mapping] {
        let text = try #require(ProcReader.text("/proc/\(pid)/maps"))
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            let range = fields.first?.split(separator: "-") ?? []
            guard fields.count >= 5, range.count == 2, let start = UInt64(range[0], radix: 16),
                let end = UInt64(range[1], radix: 16)
            else { return nil }
            return Mapping(start: start, end: end, permissions: fields[1], isAnonymous: fields.count == 5)
        }
    }

    @Test func theViewAndTheSamplerShareOneArena() throws {
        let swtop = try #require(SwtopBinary.path, "swtop binary not found")
        let session = try TmuxSession("\(swtop) -d 0.2")
        session.waitForScreen { $0.contains { $0.contains("PID USER") } }
        usleep(1_000_000) // several refreshes: the sampler has allocated by then
        let pane = session.panePID
        let viewer = try #require(([pane] + ProcReader.children(of: pane)).first { ProcReader.comm($0) == "swtop" })
        #expect(try FileManagerless.list("/proc/\(viewer)/task").count >= 2, "the view and the sampler")
        let maps = try Self.mappings(of: viewer)
        let arenas = zip(maps, maps.dropFirst()).filter { heap, reserve in
            heap.isAnonymous && heap.permissions == "rw-p" && heap.start % Self.arenaBytes == 0
                && reserve.isAnonymous && reserve.permissions == "---p" && reserve.start == heap.end
                && reserve.end == heap.start + Self.arenaBytes
        }
        #expect(arenas.isEmpty, "second malloc arenas at \(arenas.map { String($0.0.start, radix: 16) })")
    }
}
