import SwtopCore
import Testing

@testable import SwtopUI

@Suite struct ChosenOutputTests {
    typealias B = SnapshotBuilder

    static let snapshot = B.snapshot([
        B.process(
            7, comm: "a,b", args: ["/bin/say", "he said \"hi\""], user: "root", cpu: 12.5, res: 3 << 20, ticks: 250),
        B.process(8, comm: "eight", args: ["/bin/eight"], user: "alice", uid: 1000, cpu: 50, res: 5 << 20),
        B.process(9, comm: "nine", args: ["/bin/nine"], user: "alice", uid: 1000, cpu: nil, res: 1 << 20),
    ])

    @Test func csvIsRFC4180WithRawNumbers() throws {
        let fields = try OutputField.list("pid,comm,cpu,res,time,command")
        let csv = CSVFrameEncoder(ordering: ProcessOrdering(key: .pid), fields: fields)
        #expect(csv.header == "timestamp,pid,comm,cpu,res,time,command\r\n")
        let records = csv.encode(Self.snapshot).components(separatedBy: "\r\n")
        #expect(
            records == [
                "47045.000,7,\"a,b\",12.50,3145728,2.50,\"/bin/say he said \"\"hi\"\"\"",
                "47045.000,8,eight,50.00,5242880,0.00,/bin/eight",
                "47045.000,9,nine,,1048576,0.00,/bin/nine",
                "",
            ])
    }

    @Test func topKeepsTheFirstRowsAfterSorting() {
        let selection = RowSelection(top: 2)
        let rows = selection.rows(of: Self.snapshot, ordering: ProcessOrdering(key: .cpu))
        #expect(rows.map { Self.snapshot.processes[$0.index].pid } == [8, 7])
        let filtered = RowSelection(filter: (try? FilterExpression(parsing: "user=alice")) ?? .everything, top: 1)
        #expect(
            filtered.rows(of: Self.snapshot, ordering: ProcessOrdering(key: .pid)).map {
                Self.snapshot.processes[$0.index].pid
            } == [8])
    }

    @Test func jsonHasOnlyTheChosenKeysInOrder() throws {
        let json = JSONFrameEncoder(
            ordering: ProcessOrdering(key: .pid), selection: RowSelection(top: 1),
            fields: try OutputField.list("res,pid,cmd"))
        let text = json.encode(Self.snapshot)
        #expect(
            text.contains(
                "\"processes\":[{\"res_bytes\":3145728,\"pid\":7,\"cmdline\":[\"/bin/say\",\"he said \\\"hi\\\"\"]}]"))
    }

    @Test func ioTCPAndGPUFieldsAreNumbersOrUnknown() throws {
        var snapshot = Self.snapshot
        snapshot.processes[0].ioRates = IORates(readPerSecond: 1024, writePerSecond: 3072)
        snapshot.processes[0].ioCounters = IOCounters(
            readCharacters: 0, writtenCharacters: 0, readBytes: 4096, writtenBytes: 8192, cancelledWriteBytes: 0)
        snapshot.processes[0].networkRates = NetworkRates(receivePerSecond: 5_242_880, sendPerSecond: 512)
        snapshot.processes[0].gpuUse = GPUUse(percent: 42.5, memoryBytes: 1 << 20)
        let fields = try OutputField.list(
            "pid,io,io_read,io_write,io_read_total,io_write_total,net_rx,net_tx,gpu,gpu_mem")
        let csv = CSVFrameEncoder(ordering: ProcessOrdering(key: .pid), fields: fields)
        #expect(
            csv.header == "timestamp,pid,io,io_read,io_write,io_read_total,io_write_total,net_rx,net_tx,gpu,gpu_mem\r\n"
        )
        let records = csv.encode(snapshot).components(separatedBy: "\r\n")
        #expect(records.first == "47045.000,7,4096.00,1024.00,3072.00,4096,8192,5242880.00,512.00,42.50,1048576")
        // Unknown (not read, not permitted) is empty, never 0.
        #expect(records.dropFirst().first == "47045.000,8,,,,,,,,,")
        let json = JSONFrameEncoder(
            ordering: ProcessOrdering(key: .pid), selection: RowSelection(top: 2),
            fields: try OutputField.list("pid,io,net_rx,gpu_mem"))
        let text = json.encode(snapshot)
        #expect(
            text.contains(
                "{\"pid\":7,\"read_bytes_per_s\":1024.00,\"write_bytes_per_s\":3072.00,"
                    + "\"net_rx_bytes_per_s\":5242880.00,\"gpu_memory_bytes\":1048576}"), "\(text)")
        #expect(
            text.contains(
                "{\"pid\":8,\"read_bytes_per_s\":null,\"write_bytes_per_s\":null,\"net_rx_bytes_per_s\":null,"
                    + "\"gpu_memory_bytes\":null}"), "\(text)")
        let batch = BatchTextRenderer(
            ordering: ProcessOrdering(key: .pid), fields: try OutputField.list("pid,net_rx,gpu"))
        let lines = batch.render(snapshot, clock: .utc).split(separator: "\n").drop { !$0.hasPrefix("    PID") }
        #expect(
            Array(lines.prefix(3)) == ["    PID NET RX/s  GPU%", "      7    5120K  42.5", "      8        -     -"])
        #expect(try OutputField.list("net_rx,net_tx").allSatisfy(\.readsNetwork))
    }

    @Test func batchShowsTheChosenColumns() throws {
        let batch = BatchTextRenderer(
            ordering: ProcessOrdering(key: .pid), fields: try OutputField.list("pid,user,cpu,comm"))
        let lines = batch.render(Self.snapshot, clock: .utc).split(separator: "\n").drop { !$0.hasPrefix("    PID") }
        #expect(
            Array(lines) == [
                "    PID USER      CPU% COMM           ",
                "      7 root      12.5 a,b            ",
                "      8 alice     50.0 eight          ",
                "      9 alice        - nine           ",
            ])
    }
}

@Suite struct OpenMetricsTests {
    typealias B = SnapshotBuilder

    @Test func labelsAreEscapedAndOnlyKeptRowsHaveSeries() throws {
        let snapshot = B.snapshot([
            B.process(7, comm: "say\"hi\\\n", user: "root", res: 3 << 20, ticks: 250),
            B.process(8, comm: "other", user: "alice", uid: 1000),
        ])
        #expect(OpenMetricsEncoder.escapeLabel("a\"b\\c\nd") == "a\\\"b\\\\c\\nd")
        let filter = try FilterExpression(parsing: "pid=7")
        let text = OpenMetricsEncoder(ordering: ProcessOrdering(key: .pid), selection: RowSelection(filter: filter))
            .encode(snapshot)
        let lines = text.split(separator: "\n").map(String.init)
        // The newline is escaped by swtop's text escaping first, then the backslashes by the format.
        #expect(
            lines.contains("swtop_process_resident_bytes{pid=\"7\",comm=\"say\\\"hi\\\\\\\\n\",user=\"root\"} 3145728"))
        #expect(
            lines.contains("swtop_process_cpu_seconds_total{pid=\"7\",comm=\"say\\\"hi\\\\\\\\n\",user=\"root\"} 2.500")
        )
        #expect(!text.contains("pid=\"8\""))
        #expect(lines.contains("swtop_memory_total_bytes 1073741824"))
        #expect(lines.contains("swtop_load1 0.500"))
        #expect(lines.contains("# TYPE swtop_cpu_seconds_total counter"))
    }
}
