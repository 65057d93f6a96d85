import Glibc
import Testing

/// NET RX/s and NET TX/s of `--json`, against a real transfer on 127.0.0.1:
/// a Python sender that paces itself to 5 MiB/s and a curl that reads as fast as it can.
@Suite(.serialized) struct NetworkBandwidthTests {
    /// 256 KiB every 50 ms on an absolute schedule: 5,242,880 B/s however late one sleep wakes.
    /// The sender paces rather than the receiver: a receiver that throttles itself lets the
    /// kernel's receive buffer (which grows for seconds) take data faster than it reads, and
    /// the kernel counts bytes as they arrive.
    private static let pacedSender = """
        import socket, sys, time
        listener = socket.socket()
        listener.bind(("127.0.0.1", int(sys.argv[1])))
        listener.listen(1)
        open(sys.argv[2], "w").close()
        client, _ = listener.accept()
        client.recv(65536)
        client.sendall(b"HTTP/1.0 200 OK\\r\\nContent-Type: application/octet-stream\\r\\n\\r\\n")
        chunk = bytes(262144)
        start = time.monotonic()
        sent = 0
        while True:
            client.sendall(chunk)
            sent += 1
            time.sleep(max(0, start + sent * 0.05 - time.monotonic()))
        """
    private static let pace = 5_242_880.0

    @Test func aSenderPacedToFiveMebibytesShowsItOnBothEnds() throws {
        let directory = try PrometheusTextfileTests.temporaryDirectory()
        defer { PrometheusTextfileTests.remove(directory) }
        let ready = directory + "/listening"
        let port = try PrometheusTextfileTests.freePort()
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer { close(null) }
        let server = try Spawn.start(
            "/usr/bin/python3", ["python3", "-c", Self.pacedSender, String(port), ready],
            standardOutput: null, standardError: null)
        defer { Spawn.kill(server) }
        try #require(Clock.wait(upTo: 20) { access(ready, F_OK) == 0 }, "the sender listens")
        let curl = try Spawn.start(
            "/usr/bin/curl", ["curl", "-s", "-o", "/dev/null", "http://127.0.0.1:\(port)/"],
            standardOutput: null, standardError: null)
        defer { Spawn.kill(curl) }
        usleep(1_000_000)

        let run = try SwtopRun.run(["--json", "-d", "1", "-n", "6", "-s", "net_rx"], timeout: 60)
        run.expectSuccess()
        let frames = Frames.parse(run)
        try #require(frames.count == 6)
        var received: [Double] = []
        var sent: [Double] = []
        var sortedFrames = 0
        // The first frame has no earlier sample to take a rate from.
        for frame in frames.dropFirst() {
            let client = try Frames.require(curl, in: frame)
            let sender = try Frames.require(server, in: frame)
            received.append(try #require(client["net_rx_bytes_per_s"]?.double, "curl's NET RX/s"))
            sent.append(try #require(sender["net_tx_bytes_per_s"]?.double, "the sender's NET TX/s"))
            // Sorted by NET RX/s: descending, unknown last (another process on the machine
            // may well receive faster than curl; the order is what is checked).
            let rates = Frames.processes(frame).map { $0["net_rx_bytes_per_s"]?.double ?? -1 }
            if rates == rates.sorted(by: >) { sortedFrames += 1 }
        }
        // One second may hold one 256 KiB chunk more or less (±5 %); five average it out.
        let meanReceived = received.reduce(0, +) / Double(received.count)
        let meanSent = sent.reduce(0, +) / Double(sent.count)
        #expect(abs(meanReceived - Self.pace) <= 0.1 * Self.pace, "curl receives \(received) B/s")
        // What the sender sent and curl acknowledged is what curl received.
        #expect(abs(meanSent - meanReceived) <= 0.1 * meanReceived, "sender sends \(sent), curl receives \(received)")
        #expect(sortedFrames == received.count, "sorted by NET RX/s in \(sortedFrames) of \(received.count) frames")
    }

    @Test func unknownIsNullAndTheJSONFieldsExist() throws {
        let run = try SwtopRun.run(["--json", "-d", "0.3", "-n", "2"])
        run.expectSuccess()
        let frames = Frames.parse(run)
        let last = try #require(frames.last)
        let own = try Frames.require(getpid(), in: last)
        // The test runner's own descriptors are readable: a number, never absent.
        #expect(own["net_rx_bytes_per_s"]?.double != nil)
        // No DRM device on a machine without a GPU: null, not 0.
        if !hasDRMDevice() { #expect(last["gpus"]?.isNull == true) }
    }

    private func hasDRMDevice() -> Bool {
        guard let directory = opendir("/sys/class/drm") else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
            }
            if name.hasPrefix("renderD") { return true }
        }
        return false
    }
}
