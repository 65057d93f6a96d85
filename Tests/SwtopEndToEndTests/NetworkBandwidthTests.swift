import Glibc
import Testing

/// NET RX/s and NET TX/s of `--json`, against a real transfer on 127.0.0.1:
/// Python's http.server sending a large file to a curl limited to 5 MiB/s.
@Suite(.serialized) struct NetworkBandwidthTests {
    @Test func curlLimitedToFiveMebibytesShowsItAndTheServerTheSame() throws {
        let directory = try PrometheusTextfileTests.temporaryDirectory()
        defer { PrometheusTextfileTests.remove(directory) }
        // Sparse: 1 GiB that costs no disk, more than the run can fetch at 5 MiB/s.
        let file = open(directory + "/big", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        try #require(file >= 0)
        try #require(ftruncate(file, 1 << 30) == 0)
        close(file)
        let port = try PrometheusTextfileTests.freePort()
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer { close(null) }
        let server = try Spawn.start(
            "/usr/bin/python3",
            ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", directory],
            standardOutput: null, standardError: null)
        defer { Spawn.kill(server) }
        #expect(
            Clock.wait(upTo: 20) { PrometheusTextfileTests.get(port: port, path: "/nothing") != nil },
            "http.server answers")
        let curl = try Spawn.start(
            "/usr/bin/curl",
            ["curl", "-s", "-o", "/dev/null", "--limit-rate", "5M", "http://127.0.0.1:\(port)/big"],
            standardOutput: null, standardError: null)
        defer { Spawn.kill(curl) }
        // The kernel counts bytes as they arrive: until curl's receive buffer is full
        // (a few MB on loopback) they arrive faster than curl reads them.
        usleep(4_000_000)

        let run = try SwtopRun.run(["--json", "-d", "1", "-n", "6", "-s", "net_rx"], timeout: 60)
        run.expectSuccess()
        let frames = Frames.parse(run)
        try #require(frames.count == 6)
        var received: [Double] = []
        var sent: [Double] = []
        var leads = 0
        // The first frame may catch curl before it reached its pace.
        for frame in frames.dropFirst() {
            let client = try Frames.require(curl, in: frame)
            let sender = try Frames.require(server, in: frame)
            received.append(try #require(client["net_rx_bytes_per_s"]?.double, "curl's NET RX/s"))
            sent.append(try #require(sender["net_tx_bytes_per_s"]?.double, "the server's NET TX/s"))
            if Frames.pids(frame).first == Int64(curl) { leads += 1 }
        }
        // curl paces itself in bursts, so one second may take a little more or less;
        // over the five it averages its limit.
        let meanReceived = received.reduce(0, +) / Double(received.count)
        let meanSent = sent.reduce(0, +) / Double(sent.count)
        #expect(meanReceived >= 4e6 && meanReceived <= 6e6, "curl receives \(received) B/s")
        // What the server sent and curl acknowledged is what curl received.
        #expect(abs(meanSent - meanReceived) <= 0.1 * meanReceived, "server sends \(sent), curl receives \(received)")
        // Sorted by NET RX/s, curl leads (nothing else on the machine receives as fast).
        #expect(leads * 2 > received.count, "curl first in \(leads) of \(received.count) frames")
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
