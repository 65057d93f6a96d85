import Glibc
import Testing

extension LiveProcessTests {
    /// A parent → child → grandchild chain of distinct processes (the trailing `; :`
    /// keeps each shell from exec-ing its last command). Stops it from the bottom
    /// up, so every level is reaped by its own parent and nothing is orphaned.
    struct ProcessChain {
        let parent: pid_t, child: pid_t, grandchild: pid_t

        static func start() throws -> ProcessChain {
            let parent = try Spawn.start(
                "/bin/sh", ["/bin/sh", "-c", "/bin/sh -c '/bin/sleep 300; :'; :"], newProcessGroup: true)
            var chain: ProcessChain?
            _ = Clock.wait(upTo: 10) {
                guard let child = ProcReader.children(of: parent).first,
                    let grandchild = ProcReader.children(of: child).first,
                    ProcReader.comm(grandchild) == "sleep"
                else { return false }
                chain = ProcessChain(parent: parent, child: child, grandchild: grandchild)
                return true
            }
            guard let chain else {
                _ = kill(-parent, SIGKILL)
                Spawn.kill(parent)
                throw SpawnError(description: "the process chain under \(parent) did not form")
            }
            return chain
        }

        func stop() {
            _ = kill(grandchild, SIGKILL)
            if Spawn.reap(parent, within: 5) == nil {
                _ = kill(-parent, SIGKILL)
                Spawn.kill(parent)
            }
        }
    }

    @Test func treeShowsChainInOrderWithDepths() throws {
        let chain = try ProcessChain.start()
        defer { chain.stop() }

        let json = try SwtopRun.run(["--json", "--tree", "-n", "1", "-d", "0.3"])
        json.expectSuccess()
        let frame = try #require(Frames.parse(json).first)
        let rows = Frames.processes(frame)
        let found = rows.firstIndex { $0["pid"]?.integer == Int64(chain.parent) }
        let index = try #require(found, "no row for \(chain.parent)")
        try #require(index + 2 < rows.count)
        let (parent, child, grandchild) = (rows[index], rows[index + 1], rows[index + 2])
        #expect(child["pid"]?.integer == Int64(chain.child), "the child follows its parent")
        #expect(grandchild["pid"]?.integer == Int64(chain.grandchild), "the grandchild follows the child")
        #expect(child["ppid"]?.integer == Int64(chain.parent))
        #expect(grandchild["ppid"]?.integer == Int64(chain.child))
        let depth = try #require(parent["depth"]?.integer)
        #expect(depth >= 1, "the test process is the parent's parent, and is shown")
        #expect(child["depth"]?.integer == depth + 1)
        #expect(grandchild["depth"]?.integer == depth + 2)
        // Tree invariants over the whole frame: every row's parent is the nearest row above
        // it that is one level less deep; roots have no listed parent.
        var ancestors: [Int64] = []
        let listed = Set(Frames.pids(frame))
        for row in rows {
            let (pid, ppid, rowDepth) = (
                row["pid"]?.integer ?? -1, row["ppid"]?.integer ?? -1, Int(row["depth"]?.integer ?? -1)
            )
            try #require(rowDepth >= 0 && rowDepth <= ancestors.count, "depth \(rowDepth) of \(pid) jumps")
            if rowDepth == 0 {
                #expect(!listed.contains(ppid) || ppid == pid, "root \(pid) has a listed parent \(ppid)")
            } else {
                #expect(
                    ancestors[rowDepth - 1] == ppid,
                    "\(pid) sits under \(ancestors[rowDepth - 1]), its parent is \(ppid)")
            }
            ancestors = Array(ancestors.prefix(rowDepth)) + [pid]
        }

        let text = try SwtopRun.run(["--batch", "--tree", "-n", "1", "-d", "0.3"])
        text.expectSuccess()
        let lines = text.outputLines
        let commands = [chain.parent, chain.child, chain.grandchild].map { Self.commandColumn(of: $0, in: lines) }
        let parentCommand = try #require(commands[0], "no text row for \(chain.parent)")
        let childCommand = try #require(commands[1], "no text row for \(chain.child)")
        let grandchildCommand = try #require(commands[2], "no text row for \(chain.grandchild)")
        // Only children: each is its parent's last, drawn with "`- " one level (3 columns) further in.
        #expect(childCommand.hasSuffix("`- /bin/sh -c /bin/sleep 300; :"), "\(childCommand)")
        #expect(grandchildCommand.hasSuffix("`- /bin/sleep 300"), "\(grandchildCommand)")
        let guides = [parentCommand, childCommand, grandchildCommand].map { command in
            command.prefix { "|`- ".contains($0) }
        }
        #expect(guides[1].count == guides[0].count + 3, "child indented one level past the parent: \(guides)")
        #expect(guides[2].count == guides[1].count + 3, "grandchild indented one level past the child: \(guides)")
        let asciiGuides = guides.allSatisfy { $0.wholeMatch(of: #/((\|  |   )*(\|- |`- ))?/#) != nil }
        #expect(asciiGuides, "ASCII guides: \(guides)")
    }

    /// The COMMAND column of the batch row for `pid`: everything after TIME+ and its two spaces.
    static func commandColumn(of pid: pid_t, in lines: [String]) -> String? {
        guard let line = lines.first(where: { $0.split(separator: " ").first == "\(pid)" }) else { return nil }
        // Eleven blank-separated fields (PID … TIME+) come before the command.
        var rest = Substring(line)
        for _ in 0..<11 {
            rest = rest.drop { $0 == " " }
            rest = rest.drop { $0 != " " }
        }
        guard rest.hasPrefix("  ") else { return nil }
        return String(rest.dropFirst(2))
    }

    @Test(arguments: [
        (["-s", "pid"], SortCheck.pidAscending),
        (["-s", "pid", "-r"], SortCheck.pidDescending),
        (["-s", "mem"], SortCheck.residentDescending),
        (["-s", "cpu"], SortCheck.cpuDescendingNullLast),
        (["-s", "user"], SortCheck.userAscending),
    ])
    func sortOrder(arguments: [String], check: SortCheck) throws {
        // Someone other than root, so that sorting by user has two names to order.
        let nobody = try #require(ProcReader.uid(ofUser: "nobody"))
        let setpriv = try #require(Spawn.executable("setpriv"))
        let other = try Spawn.start(
            setpriv,
            [
                "setpriv", "--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups",
                "/bin/sleep", "300",
            ])
        defer { Spawn.kill(other) }
        _ = Clock.wait(upTo: 5) { ProcReader.comm(other) == "sleep" }

        let run = try SwtopRun.run(["--json", "-n", "1", "-d", "0.3"] + arguments)
        run.expectSuccess()
        let frame = try #require(Frames.parse(run).first)
        let rows = Frames.processes(frame)
        try #require(rows.count > 3)
        let duplicates = Frames.duplicatePIDs(frame)
        #expect(duplicates.isEmpty)
        for (above, below) in zip(rows, rows.dropFirst()) {
            let inOrder = check.inOrder(above, below)
            #expect(
                inOrder, "\(arguments.joined(separator: " ")): \(check.describe(above)) before \(check.describe(below))"
            )
        }
        if check == .userAscending {
            let users = Set(rows.compactMap { $0["user"]?.string })
            #expect(users.isSuperset(of: ["root", "nobody"]), "users: \(users)")
        }
    }
}

enum SortCheck: Sendable, CustomStringConvertible {
    case pidAscending, pidDescending, residentDescending, cpuDescendingNullLast, userAscending

    var description: String {
        switch self {
        case .pidAscending: return "PID ascending"
        case .pidDescending: return "PID descending"
        case .residentDescending: return "RES descending"
        case .cpuDescendingNullLast: return "CPU% descending, none last"
        case .userAscending: return "user ascending"
        }
    }

    func describe(_ row: JSON) -> String {
        let pid = row["pid"]?.integer ?? -1
        switch self {
        case .pidAscending, .pidDescending: return "PID \(pid)"
        case .residentDescending: return "PID \(pid) RES \(row["res_bytes"]?.integer ?? -1)"
        case .cpuDescendingNullLast: return "PID \(pid) CPU% \(row["cpu_percent"].map(\.description) ?? "missing")"
        case .userAscending: return "PID \(pid) user \(row["user"]?.string ?? "missing")"
        }
    }

    /// True when `a` may be listed right above `b`. Ties on exact keys go by ascending PID.
    func inOrder(_ a: JSON, _ b: JSON) -> Bool {
        let (pidA, pidB) = (a["pid"]?.integer ?? 0, b["pid"]?.integer ?? 0)
        switch self {
        case .pidAscending: return pidA < pidB
        case .pidDescending: return pidA > pidB
        case .residentDescending:
            guard let resA = a["res_bytes"]?.integer, let resB = b["res_bytes"]?.integer else { return false }
            return resA > resB || (resA == resB && pidA < pidB)
        case .cpuDescendingNullLast:
            // Printed with two decimals, so equal-looking values may still be ordered by the exact ones.
            switch (a["cpu_percent"]?.double, b["cpu_percent"]?.double) {
            case (let cpuA?, let cpuB?): return cpuA >= cpuB
            case (_?, nil): return true
            case (nil, nil): return a["cpu_percent"]?.isNull == true && b["cpu_percent"]?.isNull == true && pidA < pidB
            case (nil, _?): return false
            }
        case .userAscending:
            guard let userA = a["user"]?.string, let userB = b["user"]?.string else { return false }
            return userA < userB || (userA == userB && pidA < pidB)
        }
    }
}
