import SwtopCore
import Testing
@testable import SwtopUI

@Suite struct ChosenOutputTests {
    typealias B = SnapshotBuilder

    static let snapshot = B.snapshot([
        B.process(7, comm: "a,b", args: ["/bin/say", "he said \"hi\""], user: "root", cpu: 12.5, res: 3 << 20, ticks: 250),
        B.process(8, comm: "eight", args: ["/bin/eight"], user: "alice", uid: 1000, cpu: 50, res: 5 << 20),
        B.process(9, comm: "nine", args: ["/bin/nine"], user: "alice", uid: 1000, cpu: nil, res: 1 << 20),
    ])

    @Test func csvIsRFC4180WithRawNumbers() throws {
        let fields = try OutputField.list("pid,comm,cpu,res,time,command")
        let csv = CSVFrameEncoder(ordering: ProcessOrdering(key: .pid), fields: fields)
        #expect(csv.header == "timestamp,pid,comm,cpu,res,time,command\r\n")
        let records = csv.encode(Self.snapshot).components(separatedBy: "\r\n")
        #expect(records == [
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
        #expect(filtered.rows(of: Self.snapshot, ordering: ProcessOrdering(key: .pid)).map { Self.snapshot.processes[$0.index].pid } == [8])
    }

    @Test func jsonHasOnlyTheChosenKeysInOrder() throws {
        let json = JSONFrameEncoder(ordering: ProcessOrdering(key: .pid), selection: RowSelection(top: 1),
                                    fields: try OutputField.list("res,pid,cmd"))
        let text = json.encode(Self.snapshot)
        #expect(text.contains("\"processes\":[{\"res_bytes\":3145728,\"pid\":7,\"cmdline\":[\"/bin/say\",\"he said \\\"hi\\\"\"]}]"))
    }

    @Test func batchShowsTheChosenColumns() throws {
        let batch = BatchTextRenderer(ordering: ProcessOrdering(key: .pid), fields: try OutputField.list("pid,user,cpu,comm"))
        let lines = batch.render(Self.snapshot, clock: .utc).split(separator: "\n").drop { !$0.hasPrefix("    PID") }
        #expect(Array(lines) == [
            "    PID USER      CPU% COMM           ",
            "      7 root      12.5 a,b            ",
            "      8 alice     50.0 eight          ",
            "      9 alice        - nine           ",
        ])
    }
}
