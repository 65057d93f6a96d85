import SwtopCore
import Testing

@testable import SwtopUI

@Suite struct FilterExpressionTests {
    typealias B = SnapshotBuilder

    /// pid, comm, user, cpu, RES, CPU ticks (100 a second), state.
    static let processes = [
        B.process(
            9, comm: "python3", args: ["/usr/bin/python3", "serve.py"], user: "root", cpu: 9, res: 50 << 20,
            ticks: 100 * 30),
        B.process(
            10, comm: "postgres", args: ["postgres", "-D", "/srv"], user: "postgres", uid: 110, cpu: 10,
            res: 200 << 20, ticks: 100 * 7200),
        B.process(11, comm: "zombie", args: [], user: "alice", uid: 1000, cpu: nil, res: 0, state: "Z"),
        B.process(100, comm: "bash", args: ["-bash"], user: "alice", uid: 1000, cpu: 0.5, res: 4 << 20),
    ]
    static let snapshot = B.snapshot(processes)

    private func kept(_ text: String) throws -> [Int32] {
        let filter = try FilterExpression(parsing: text)
        return Self.snapshot.processes.filter { filter.matches($0, system: Self.snapshot.system) }.map(\.pid)
    }

    private func error(_ text: String) -> FilterError? {
        do {
            _ = try FilterExpression(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func plainWordsKeepTheOldMeaning() throws {
        #expect(try kept("python") == [9])
        #expect(try kept("ALICE") == [11, 100])
        #expect(try kept("post|bash") == [10, 100])
        #expect(try kept("postgres -d") == [10]) // words together are one substring, spaces included
        #expect(try kept("10") == [10, 100]) // a PID's digits, as before
        #expect(try kept("") == [9, 10, 11, 100])
        #expect(try kept("   ") == [9, 10, 11, 100])
    }

    @Test func numbersCompareAsNumbers() throws {
        #expect(try kept("cpu>9") == [10]) // 10 > 9, where top's string order says otherwise
        #expect(try kept("cpu>=9") == [9, 10])
        #expect(try kept("pid<10") == [9])
        #expect(try kept("pid!=10") == [9, 11, 100])
        #expect(try kept("cpu<1") == [100]) // no CPU% yet (the zombie) matches no comparison
    }

    @Test func unitsOfSizeTimeAndPercent() throws {
        #expect(try kept("res>=100M") == [10])
        #expect(try kept("rss>49MiB") == [9, 10])
        #expect(try kept("res>0.1G") == [10])
        #expect(try kept("res>=4194304") == [9, 10, 100])
        #expect(try kept("time>1h") == [10])
        #expect(try kept("time>=30s") == [9, 10])
        #expect(try kept("time>29 and time<31") == [9])
        #expect(try kept("%cpu>9.5%") == [10])
        #expect(try kept("mem>10") == [10]) // 200 MiB of the 1 GiB MemTotal
    }

    @Test func textEqualityAndPatterns() throws {
        #expect(try kept("user=root") == [9])
        #expect(try kept("user!=alice") == [9, 10])
        #expect(try kept("state=Z") == [11])
        #expect(try kept("s=z") == []) // state letters are case-sensitive: z is not Z
        #expect(try kept("comm~^p") == [9, 10])
        #expect(try kept("comm~^(py|ba)") == [9, 100])
        #expect(try kept("comm!~^p") == [11, 100])
        #expect(try kept("command~\"serve\\\\.py\"") == [9])
        #expect(try kept("user=\"root\"") == [9])
    }

    @Test func notAndOrParentheses() throws {
        #expect(try kept("!python") == [10, 11, 100])
        #expect(try kept("not user=alice") == [9, 10])
        #expect(try kept("user=alice and state=Z") == [11])
        #expect(try kept("user=alice state=Z") == [11]) // and is implied
        #expect(try kept("user=root or cpu>9") == [9, 10])
        // and binds tighter than or
        #expect(try kept("user=root or user=alice and cpu<1") == [9, 100])
        #expect(try kept("(user=root or user=alice) and cpu<1") == [100])
        #expect(try kept("!(user=root or user=alice)") == [10])
        #expect(try kept("NOT not bash") == [100])
    }

    @Test func mistakesNameTheirPosition() throws {
        let cases: [(String, Int, String)] = [
            ("cpu>", 5, "expected a value after 'cpu>'"),
            ("bogus>5", 1, "unknown column 'bogus'"),
            ("res>lots", 5, "expected a size"),
            ("cpu~5", 4, "matches text"),
            ("(cpu>5", 7, "expected ')' to close the '(' at position 1"),
            ("cpu>5)", 6, "')' without '('"),
            ("cpu>5 and", 10, "expected a filter after 'and'"),
            ("or bash", 1, "expected a filter before 'or'"),
            ("comm~(", 6, "bad regular expression"),
            ("comm~(a)\\1", 6, "back-references"),
            ("\"open", 1, "not closed"),
            (">5", 1, "expected a column name"),
            ("res>nan", 5, "expected a size"),
            ("()", 2, "expected a filter"),
        ]
        for (text, position, words) in cases {
            let found = try #require(error(text), "\(text)")
            #expect(found.position == position, "\(text): \(found)")
            #expect(found.description.contains(words), "\(text): \(found)")
            #expect(found.description.hasPrefix("filter: at position \(position): "))
        }
        let long = String(repeating: "a", count: FilterPattern.maximumLength + 1)
        #expect(error("comm~" + long)?.message.contains("longer than") == true)
        let deep = String(repeating: "(", count: 100) + "a" + String(repeating: ")", count: 100)
        #expect(error(deep)?.message.contains("nested more than") == true)
        #expect(error(String(repeating: "! ", count: 100) + "a") != nil)
    }

    @Test func theSamplerReadsWhatAFilterComparesOnlyThen() throws {
        var state = ViewState()
        #expect(!state.scanOptions.readsCgroups && !state.scanOptions.readsStatm)
        state.activeFilter = try FilterExpression(parsing: "cpu>5 or python")
        #expect(!state.scanOptions.readsCgroups && !state.scanOptions.readsStatm)
        state.activeFilter = try FilterExpression(parsing: "not (unit~^ssh or shr>1M)")
        #expect(state.scanOptions.readsCgroups && state.scanOptions.readsStatm)
    }

    @Test func selectionKeepsNamedPIDsAndTheirThreads() {
        var thread = B.process(101, comm: "bash", args: ["-bash"], user: "alice", uid: 1000)
        thread.threadGroupID = 100
        let snapshot = B.snapshot(Self.processes + [thread])
        let selection = RowSelection(pids: [100, 9])
        let rows = selection.rows(of: snapshot, ordering: ProcessOrdering(key: .pid))
        #expect(rows.map { snapshot.processes[$0.index].pid } == [9, 100, 101])
    }
}
