import Glibc
import Testing

/// `--textfile` feeding Debian's node_exporter (textfile collector) and Prometheus
/// scraping it, all on 127.0.0.1, started and stopped here by PID; and promtool's
/// check of `--openmetrics`. Needs the prometheus and prometheus-node-exporter packages.
@Suite(.serialized) struct PrometheusTextfileTests {
    @Test func promtoolAcceptsTheExposition() throws {
        let promtool = try #require(Spawn.executable("promtool"), "promtool (package prometheus) is needed")
        let directory = try Self.temporaryDirectory()
        defer { Self.remove(directory) }
        let path = directory + "/swtop.prom"
        let run = try SwtopRun.run([
            "--textfile", path, "-n", "1", "-d", "0.2", "--top", "5", "-F", "comm~\"a\\\"b\" or pid>0",
        ])
        run.expectSuccess()
        #expect(run.standardOutput.isEmpty)
        let check = try SwtopRun.run(
            "/bin/sh", argv: ["sh", "-c", "exec \"$0\" check metrics < \"$1\"", promtool, path],
            recording: ["promtool"])
        #expect(check.status == .exited(0), "promtool: \(check.output)\(check.errorText)")
        let text = try #require(Self.read(path))
        // --top 5: five processes in each process family, whatever the machine runs.
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("swtop_process_resident_bytes{") }.count == 5)
        // Nothing left beside it: the temporary file was renamed into place.
        #expect(Self.names(in: directory) == ["swtop.prom"])
    }

    @Test func prometheusFindsASwtopSeriesThroughNodeExporter() throws {
        let exporter = try #require(
            Spawn.executable("prometheus-node-exporter"), "package prometheus-node-exporter is needed")
        let prometheus = try #require(Spawn.executable("prometheus"), "package prometheus is needed")
        let directory = try Self.temporaryDirectory()
        defer { Self.remove(directory) }
        let textfiles = directory + "/textfiles"
        mkdir(textfiles, 0o755)
        let swtopBinary = try #require(SwtopBinary.path)
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer { close(null) }

        let swtop = try Spawn.start(
            swtopBinary, [swtopBinary, "--textfile", textfiles + "/swtop.prom", "-d", "0.5", "--top", "5"],
            standardOutput: null, standardError: null)
        defer { Spawn.kill(swtop) }
        let exporterPort = try Self.freePort()
        let exporterPID = try Spawn.start(
            exporter,
            [
                exporter, "--web.listen-address=127.0.0.1:\(exporterPort)",
                "--collector.disable-defaults", "--collector.textfile",
                "--collector.textfile.directory=" + textfiles,
            ],
            standardOutput: null, standardError: null)
        defer { Spawn.kill(exporterPID) }
        let config = directory + "/prometheus.yml"
        try Self.write(
            """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: node
                static_configs:
                  - targets: ['127.0.0.1:\(exporterPort)']

            """, to: config)
        let prometheusPort = try Self.freePort()
        let prometheusPID = try Spawn.start(
            prometheus,
            [
                prometheus, "--config.file=" + config, "--storage.tsdb.path=" + directory + "/data",
                "--web.listen-address=127.0.0.1:\(prometheusPort)",
            ],
            standardOutput: null, standardError: null)
        defer { Spawn.kill(prometheusPID) }

        // The total from the kernel, in bytes, as the series must say.
        let meminfo = try #require(Self.read("/proc/meminfo"))
        let totalLine = try #require(meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") })
        let kibibytes = try #require(UInt64(totalLine.split(separator: " ")[1]))

        var answer = ""
        let found = Clock.wait(upTo: 40) {
            answer = Self.get(port: prometheusPort, path: "/api/v1/query?query=swtop_memory_total_bytes") ?? ""
            return answer.contains("\"__name__\":\"swtop_memory_total_bytes\"")
        }
        #expect(found, "Prometheus never returned swtop_memory_total_bytes: \(answer)")
        #expect(answer.contains("\"\(kibibytes * 1024)\""), "MemTotal \(kibibytes) KiB: \(answer)")
        let processes =
            Self.get(port: prometheusPort, path: "/api/v1/query?query=count(swtop_process_resident_bytes)") ?? ""
        #expect(processes.contains("\"5\""), "five process series (--top 5): \(processes)")
    }

    // MARK: Helpers

    static func temporaryDirectory() throws -> String {
        var template = Array("/tmp/swtop-prom-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw SpawnError(description: "mkdtemp failed") }
        return String(cString: made)
    }

    static func remove(_ directory: String) {
        _ = try? SwtopRun.run("/bin/rm", argv: ["rm", "-rf", "--", directory], recording: ["rm"])
    }

    static func names(in directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = Glibc.read(descriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func write(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SpawnError(description: "cannot create \(path)") }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ Glibc.write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
            throw SpawnError(description: "cannot write \(path)")
        }
    }

    /// A port on 127.0.0.1 that nothing listens on right now (the kernel's pick).
    static func freePort() throws -> UInt16 {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw SpawnError(description: "socket failed") }
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketDescriptor, $0, length) == 0 && getsockname(socketDescriptor, $0, &length) == 0
            }
        }
        guard bound else { throw SpawnError(description: "bind failed") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// One HTTP/1.0 GET to 127.0.0.1:port; the body, or nil when nothing answers.
    static func get(port: UInt16, path: String) -> String? {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { return nil }
        defer { close(socketDescriptor) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(socketDescriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return nil }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(socketDescriptor, $0.baseAddress, $0.count, 0) }) == request.count else {
            return nil
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while response.count < 1 << 20 {
            let count = recv(socketDescriptor, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            response += buffer[0..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }
}
